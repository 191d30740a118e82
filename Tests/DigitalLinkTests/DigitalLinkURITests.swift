import Foundation
import Testing
@testable import DigitalLink

@Suite("Digital Link URIs")
struct DigitalLinkURITests {

    @Test("a unit link built from its parts reads back the same")
    func buildAndParse() throws {
        let gtin = try GTIN("9520123456788")
        let uri = try DigitalLinkURI(gtin: gtin, lot: "LOT-7", serial: "00042", stem: "https://brand.example/")
        #expect(uri.uriString == "https://brand.example/01/09520123456788/10/LOT-7/21/00042")
        #expect(uri.stem == "https://brand.example")
        #expect(uri.gtin == gtin)
        #expect(uri.value(of: "10") == "LOT-7")
        #expect(uri.elementString == "^010952012345678810LOT-7^2100042")
        #expect(uri.bracketedElementString == "(01)09520123456788(10)LOT-7(21)00042")
        #expect(try DigitalLinkURI(parsing: uri.uriString) == uri)
    }

    @Test("qualifiers are put in the order the standard requires")
    func qualifierOrder() throws {
        let uri = try DigitalLinkURI(
            primaryKey: GS1Element(ai: "01", value: "09520123456788"),
            qualifiers: [GS1Element(ai: "21", value: "S1"), GS1Element(ai: "10", value: "L1"), GS1Element(ai: "22", value: "V1")])
        #expect(uri.uriString == "https://id.gs1.org/01/09520123456788/22/V1/10/L1/21/S1")
        #expect(uri.qualifiers.map(\.ai) == ["22", "10", "21"])
    }

    @Test("qualifiers out of order in a URI are refused with the allowed order")
    func qualifierOrderRefused() {
        let error = #expect(throws: DigitalLinkError.self) {
            try DigitalLinkURI(parsing: "https://example.com/01/09520123456788/21/S1/10/L1")
        }
        #expect(error == .invalidQualifiers(key: "01", qualifiers: ["21", "10"], allowed: [["22", "10", "21"], ["235"]]))
        #expect(error?.description.contains("(22) then (10) then (21); or (235)") == true)
    }

    @Test("other qualifier orders for other keys", arguments: [
        ("https://example.com/8006/095201234567880102/22/V/10/L/21/S", true),
        ("https://example.com/8006/095201234567880102/21/S/22/V", false),
        ("https://example.com/8010/0200/8011/123", true),
        ("https://example.com/414/9520123456788/254/A", true),
        ("https://example.com/414/9520123456788/7040/1A2_", true),
        ("https://example.com/414/9520123456788/254/A/7040/1A2_", false),
        ("https://example.com/417/9520123456788/7040/1A2_", true),
        ("https://example.com/8017/795260646688514634/8019/12", true),
        ("https://example.com/00/006141411234567890/10/L", false),
    ])
    func otherKeys(uri: String, valid: Bool) {
        #expect(((try? DigitalLinkURI(parsing: uri)) != nil) == valid)
    }

    @Test("unknown non-AI query parameters are kept, in order, and written back")
    func otherParametersKept() throws {
        let text = "https://example.com/01/09520123456788/10/ABC?s=abc-DEF_123&17=251231&flag&x=a%20b"
        let uri = try DigitalLinkURI(parsing: text)
        #expect(uri.attributes == [GS1Element(ai: "17", value: "251231")])
        #expect(uri.otherParameters == [QueryParameter(name: "s", value: "abc-DEF_123"),
                                        QueryParameter(name: "flag", value: nil),
                                        QueryParameter(name: "x", value: "a b")])
        #expect(uri.otherParameter(named: "s")?.value == "abc-DEF_123")
        #expect(uri.elementString == "^010952012345678810ABC^17251231")
        #expect(uri.uriString == "https://example.com/01/09520123456788/10/ABC?17=251231&s=abc-DEF_123&flag&x=a%20b")
        #expect(try DigitalLinkURI(parsing: uri.uriString) == uri)
    }

    @Test("a signature parameter can be set, replaced and removed")
    func signatureParameter() throws {
        let base = try DigitalLinkURI(gtin: GTIN("09520123456788"), lot: "A1", serial: "7")
        let signed = try base.settingParameter("s", to: "sig1")
        #expect(signed.uriString == "https://id.gs1.org/01/09520123456788/10/A1/21/7?s=sig1")
        let resigned = try signed.settingParameter("s", to: "sig2")
        #expect(resigned.otherParameters == [QueryParameter(name: "s", value: "sig2")])
        #expect(resigned.removingParameter(named: "s") == base)
        #expect(throws: DigitalLinkError.invalidParameterName("17")) { try base.settingParameter("17", to: "x") }
    }

    @Test("percent-encoding round trip for every set-82 punctuation character")
    func percentEncodingRoundTrip() throws {
        let lot = "A/B+C%D&E=F?G"
        let extra = "!\"%&'()*+,-./:;<=>?_"
        let uri = try DigitalLinkURI(primaryKey: GS1Element(ai: "01", value: "09520123456788"),
                                     qualifiers: [GS1Element(ai: "10", value: lot)],
                                     attributes: [GS1Element(ai: "99", value: extra)])
        #expect(uri.uriString == "https://id.gs1.org/01/09520123456788/10/A%2FB%2BC%25D%26E%3DF%3FG?99=%21%22%25%26%27%28%29%2A%2B%2C-.%2F%3A%3B%3C%3D%3E%3F_")
        let back = try DigitalLinkURI(parsing: uri.uriString)
        #expect(back.value(of: "10") == lot)
        #expect(back.value(of: "99") == extra)
        #expect(back == uri)
    }

    @Test("percent-encoding primitives")
    func percentEncodingPrimitives() {
        #expect(PercentEncoding.encode("AZaz09-._~") == "AZaz09-._~")
        #expect(PercentEncoding.encode("a b") == "a%20b")
        #expect(PercentEncoding.encode("é") == "%C3%A9")
        #expect(PercentEncoding.decode("A%4fB", plusIsSpace: false) == .text("AOB"))
        #expect(PercentEncoding.decode("A%4gB", plusIsSpace: false) == .text("A%4gB"))
        #expect(PercentEncoding.decode("ABC%2", plusIsSpace: false) == .text("ABC%2"))
        #expect(PercentEncoding.decode("A+B", plusIsSpace: false) == .text("A+B"))
        #expect(PercentEncoding.decode("A+B", plusIsSpace: true) == .text("A B"))
        #expect(PercentEncoding.decode("A%00B", plusIsSpace: false) == .containsNull)
        #expect(PercentEncoding.decode("%C3%A9", plusIsSpace: false) == .text("é"))
        #expect(PercentEncoding.decode("%FF", plusIsSpace: false) == .notUTF8)
    }

    @Test("'+' is a plus in the path and a space in the query")
    func plusHandling() throws {
        let uri = try DigitalLinkURI(parsing: "https://a/01/12312312312333/22/ABC+123?99=ABC&98=XYZ%2f987")
        #expect(uri.elementString == "^011231231231233322ABC+123^99ABC^98XYZ/987")
        #expect(throws: DigitalLinkError.self) {
            try DigitalLinkURI(parsing: "https://a/01/12312312312333?98=XYZ+987")   // a space is not in set 82
        }
    }

    @Test("a fragment is ignored")
    func fragment() throws {
        let uri = try DigitalLinkURI(parsing: "https://a/01/12312312312333/10/abc#section")
        #expect(uri.uriString == "https://a/01/12312312312333/10/abc")
    }

    @Test("canonical form: id.gs1.org, 14 digits, fixed-length attributes first, no other parameters")
    func canonical() throws {
        let uri = try DigitalLinkURI(parsing: "https://brand.example.com/shop/01/9520123456788/10/L1?99=X&17=251231&s=sig",
                                     options: .lenient)
        let canonical = uri.canonical()
        #expect(canonical.uriString == "https://id.gs1.org/01/09520123456788/10/L1?17=251231&99=X")
        let kept = try uri.canonical(stem: "https://example.org/", keepingOtherParameters: true)
        #expect(kept.uriString == "https://example.org/01/09520123456788/10/L1?17=251231&99=X&s=sig")
        #expect(throws: DigitalLinkError.self) { try uri.canonical(stem: "ftp://example.org") }
    }

    @Test("URIs and GTINs encode as JSON strings and refuse bad ones when decoded")
    func codable() throws {
        struct Record: Codable, Equatable { let link: DigitalLinkURI; let gtin: GTIN }
        let record = Record(link: try DigitalLinkURI(parsing: "https://example.com/01/09520123456788/10/A%2FB"),
                            gtin: try GTIN("9520123456788"))
        let json = try JSONEncoder().encode(record)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("09520123456788\""))
        #expect(try JSONDecoder().decode(Record.self, from: json) == record)
        let bad = Data(#"{"link":"https://example.com/01/09520123456781","gtin":"9520123456788"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Record.self, from: bad) }
    }

    @Test("convenience alphas are read only when permitted, and written as AI numbers")
    func convenienceAlphas() throws {
        let text = "https://a/gtin/12312312312333/lot/L1/ser/S1"
        #expect(throws: DigitalLinkError.self) { try DigitalLinkURI(parsing: text) }
        let uri = try DigitalLinkURI(parsing: text, options: .lenient)
        #expect(uri.uriString == "https://a/01/12312312312333/10/L1/21/S1")
        for bad in ["https://a/zzz/12312312312333", "https://a/cps/12312312312333"] {
            #expect(throws: DigitalLinkError.self) { try DigitalLinkURI(parsing: bad) }
            #expect(throws: DigitalLinkError.self) { try DigitalLinkURI(parsing: bad, options: .lenient) }
        }
    }

    @Test("zero-suppressed GTINs only when permitted")
    func zeroSuppressed() throws {
        #expect(throws: DigitalLinkError.self) { try DigitalLinkURI(parsing: "https://a/01/9520123456788") }
        let uri = try DigitalLinkURI(parsing: "https://a/01/02345673", options: .lenient)
        #expect(uri.primaryKey.value == "00000002345673")
    }

    @Test("errors a user can act on", arguments: [
        ("", DigitalLinkError.emptyInput),
        ("ftp://a/01/12312312312333", .unsupportedScheme("ftp://")),
        ("https://a/01/12312312312333 x", .illegalURICharacter(" ", offset: 27)),
        ("https:///01/12312312312333", .missingHost),
        ("https://a", .missingPath),
        ("https://a$b/01/12312312312333", .illegalHostCharacter("$", host: "a$b")),
        ("https://a/b/c", .noPrimaryKey(path: "/b/c")),
        ("https://a/00/006141411234567890/", .trailingSlash),
        ("https://a/b/", .noPrimaryKey(path: "/b/")),
        ("https://a/01//12312312312333", .emptyPathSegment),
        ("https://a/01/12312312312333/10/", .emptyValue(ai: "10")),
        ("https://a/01/12312312312333?10=ABC", .belongsInPath(ai: "10", key: "01")),
        ("https://a/01/12312312312333/10/A?10=B", .duplicateAI("10")),
        ("https://a/01/12312312312333?21=S", .belongsInPath(ai: "21", key: "01")),
        ("https://a/01/12312312312333/235/T?21=S",
         .invalidQualifiers(key: "01", qualifiers: ["235", "21"], allowed: [["22", "10", "21"], ["235"]])),
        ("https://a/01/12312312312333?8200=x", .notADataAttribute("8200")),
        ("https://a/01/12312312312333?999=x", .numericParameterNotAnAI("999")),
        ("https://a/01/12312312312333?89=x", .unknownAI("89")),
        ("https://a/01/1231231231233%00", .encodedNull(ai: "01")),
        ("https://a/01/12312312312334", .checkDigit(ai: "01", value: "12312312312334", expected: 3, found: 4)),
    ])
    func errors(uri: String, expected: DigitalLinkError) {
        let error = #expect(throws: DigitalLinkError.self) { try DigitalLinkURI(parsing: uri) }
        #expect(error == expected)
        #expect(error.map { $0.description.count > 20 } == true)
    }

    @Test("a short GTIN in strict mode is explained with its 14-digit form")
    func shortGTINMessage() {
        let error = #expect(throws: DigitalLinkError.self) { try DigitalLinkURI(parsing: "https://a/01/9520123456788") }
        #expect(error?.description.contains("as 14 digits: 09520123456788") == true)
    }

    @Test("building refuses a key that is not a primary key and a bad stem")
    func buildingErrors() {
        #expect(throws: DigitalLinkError.notAPrimaryKey("10")) {
            try DigitalLinkURI(primaryKey: GS1Element(ai: "10", value: "ABC"))
        }
        let error = #expect(throws: DigitalLinkError.self) {
            try DigitalLinkURI(stem: "https://example.com?x=1", primaryKey: GS1Element(ai: "01", value: "09520123456788"))
        }
        #expect(error?.description.contains("no query or fragment") == true)
    }

    @Test("generation: a qualifier that cannot join the chosen path is explained")
    func generationConflict() {
        let error = #expect(throws: DigitalLinkError.self) {
            try DigitalLinkURI(GS1ElementString(bracketed: "(01)12312312312326(22)ABC(235)TPX"))
        }
        #expect(error == .invalidQualifiers(key: "01", qualifiers: ["22", "235"], allowed: [["22", "10", "21"], ["235"]]))
        #expect(throws: DigitalLinkError.conflictingValues(ai: "10", first: "A", second: "B")) {
            try DigitalLinkURI(GS1ElementString(bracketed: "(01)12312312312326(10)A(10)B"))
        }
    }
}
