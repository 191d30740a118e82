import Testing
import DigitalLink

@Suite("GS1 element strings")
struct ElementStringTests {

    let expected = [GS1Element(ai: "01", value: "09506000134352"), GS1Element(ai: "10", value: "ABC"),
                    GS1Element(ai: "17", value: "251231")]

    @Test("bracketed form")
    func bracketed() throws {
        let data = try GS1ElementString(bracketed: "(01)09506000134352(10)ABC(17)251231")
        #expect(data.elements == expected)
        #expect(data.bracketed == "(01)09506000134352(10)ABC(17)251231")
        #expect(data.elementString == "^010950600013435210ABC^17251231")
        #expect(data.scannerData() == "010950600013435210ABC\u{1D}17251231")
        #expect(data.value(of: "10") == "ABC")
    }

    @Test("raw scanner forms with FNC1 as GS or ^, with or without a symbology identifier", arguments: [
        "010950600013435210ABC\u{1D}17251231",
        "]d2010950600013435210ABC\u{1D}17251231",
        "]Q3010950600013435210ABC\u{1D}17251231",
        "]C1010950600013435210ABC\u{1D}17251231",
        "^010950600013435210ABC^17251231",
        "\u{1D}010950600013435210ABC\u{1D}17251231\u{1D}",
    ])
    func raw(_ text: String) throws {
        #expect(try GS1ElementString(scanned: text).elements == expected)
        #expect(try GS1ElementString(parsing: text).elements == expected)
    }

    @Test("predefined-length AIs need no separator; others get one")
    func predefinedLength() throws {
        let data = try GS1ElementString(scanned: "01095060001343521725123110ABC")
        #expect(data.elements.map(\.ai) == ["01", "17", "10"])
        #expect(data.elementString == "^01095060001343521725123110ABC")
        let sscc = try GS1ElementString(scanned: "00006141411234567890\u{1D}0209520123456788\u{1D}3725")
        #expect(sscc.elements.map(\.ai) == ["00", "02", "37"])
        #expect(sscc.elementString == "^000061414112345678900209520123456788" + "3725")
        let gsrn = try GS1ElementString(scanned: "8018123456789012345675\u{1D}8019123")
        #expect(gsrn.elementString == "^8018123456789012345675^8019123")
    }

    @Test("a scanner's line end and a symbology identifier before a URI are ignored")
    func scannerNoise() throws {
        let expectedURI = "https://id.gs1.org/01/09506000134352/10/ABC?17=251231"
        #expect(try DigitalLinkURI(scanned: "]Q1" + expectedURI + "\r\n").uriString == expectedURI)
        #expect(try DigitalLinkURI(scanned: "  " + expectedURI + "\n").uriString == expectedURI)
        #expect(try GS1ElementString(scanned: "]d2010950600013435210ABC\u{1D}17251231\r\n").elements == expected)
        #expect(try GS1ElementString(parsing: " (01)09506000134352(10)ABC(17)251231\n").elements == expected)
    }

    @Test("EAN-13 and EAN-8 scans are read as a GTIN")
    func eanScans() throws {
        #expect(try GS1ElementString(scanned: "]E09520123456788").elements == [GS1Element(ai: "01", value: "09520123456788")])
        #expect(try GS1ElementString(scanned: "]E496385074").elements == [GS1Element(ai: "01", value: "00000096385074")])
    }

    @Test("a bracketed value may contain parentheses")
    func parenthesesInValues() throws {
        let data = try GS1ElementString(bracketed: "(01)09506000134352(10)A(B)\\(12)C")
        #expect(data.value(of: "10") == "A(B)(12)C")
        #expect(data.bracketed == "(01)09506000134352(10)A\\(B)\\(12)C")
        #expect(try GS1ElementString(bracketed: data.bracketed) == data)
    }

    @Test("scanner data turns into the same Digital Link as the URI would")
    func scannedToDigitalLink() throws {
        let fromRaw = try DigitalLinkURI(scanned: "]d2010950600013435210ABC\u{1D}17251231")
        let fromBrackets = try DigitalLinkURI(scanned: "(17)251231(10)ABC(01)09506000134352")
        let fromURI = try DigitalLinkURI(scanned: "https://id.gs1.org/01/09506000134352/10/ABC?17=251231")
        #expect(fromRaw.uriString == "https://id.gs1.org/01/09506000134352/10/ABC?17=251231")
        #expect(fromBrackets == fromRaw)
        #expect(fromURI == fromRaw)
        #expect(fromRaw.gs1ElementString.elements == expected)
    }

    @Test("malformed element strings are refused with a reason", arguments: [
        "(01)0950600013435",          // too short
        "(01)09506000134352(10)",     // empty value
        "(1)123",                     // AI too short
        "01)09506000134352",          // not bracketed, not raw
        "8900123",                    // unknown AI in raw data
        "010950600013435",            // predefined length cut short
        "]X0123",                     // not a GS1 symbology identifier
        "",
        "(89)ABC",                    // unknown AI
    ])
    func malformed(_ text: String) {
        let error = #expect(throws: DigitalLinkError.self) { try GS1ElementString(parsing: text) }
        #expect(error.map { !$0.description.isEmpty } == true)
    }

    @Test("unknown AIs only when permitted")
    func unknownAIs() throws {
        let options = DigitalLinkOptions(permitUnknownAIs: true)
        let data = try GS1ElementString(bracketed: "(01)09506000134352(89)ABC", options: options)
        #expect(data.elementString == "^010950600013435289ABC")
        #expect(throws: DigitalLinkError.unknownAI("999")) {
            try GS1ElementString(bracketed: "(01)09506000134352(999)ABC", options: options)
        }
    }
}
