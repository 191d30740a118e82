import Foundation
import PassportTestSupport
import Testing
@testable import DigitalLink

/// The GS1 Barcode Syntax Engine's own Digital Link test cases (v1.4.1, `dl.c`), read from
/// `Tests/Conformance/gs1-digital-link/` at run time. One test case per vector.
@Suite("GS1 conformance vectors")
struct ConformanceTests {

    @Test("vector files are present and complete")
    func vectorFilesPresent() {
        #expect(ConformanceVectors.parse.count == 83)
        #expect(ConformanceVectors.generate.count == 22)
    }

    @Test("parse", arguments: ConformanceVectors.parse)
    func parse(_ vector: ParseVector) throws {
        let options = ConformanceVectors.upstreamOptions(valid: vector.expectValid, text: vector.uri)
        guard vector.expectValid else {
            #expect(throws: DigitalLinkError.self) { try DigitalLinkURI(parsing: vector.uri, options: options) }
            return
        }
        let uri = try DigitalLinkURI(parsing: vector.uri, options: options)
        #expect(uri.elementString == vector.expectedElementString)
        // What we write reads back to the same data, under the same options.
        let again = try DigitalLinkURI(parsing: uri.uriString, options: options)
        #expect(again.elementString == vector.expectedElementString)
        #expect(again == uri)
    }

    @Test("generate", arguments: ConformanceVectors.generate)
    func generate(_ vector: GenerateVector) throws {
        let options = ConformanceVectors.upstreamOptions(valid: vector.expectOK, text: vector.aiData)
        let stem = vector.stem ?? DigitalLinkURI.canonicalStem
        guard vector.expectOK else {
            #expect(throws: DigitalLinkError.self) {
                try DigitalLinkURI(GS1ElementString(bracketed: vector.aiData, options: options), stem: stem, options: options)
            }
            return
        }
        let elements = try GS1ElementString(bracketed: vector.aiData, options: options)
        let uri = try DigitalLinkURI(elements, stem: stem, options: options)
        #expect(uri.uriString == vector.expectedURI)
        // The generated link reads back with the same elements (duplicates dropped).
        let parsed = try DigitalLinkURI(parsing: uri.uriString, options: options)
        #expect(Set(parsed.elements) == Set(elements.elements))
    }
}

/// One row of the parse vectors: whether the URI is valid, and its element string (`^` = FNC1).
struct ParseVector: Sendable, CustomTestStringConvertible {
    let line: Int
    let expectValid: Bool
    let uri: String
    let expectedElementString: String
    var testDescription: String { "line \(line): \(expectValid ? "valid" : "invalid") \(uri)" }
}

/// One row of the generate vectors: element data and stem in, URI out.
struct GenerateVector: Sendable, CustomTestStringConvertible {
    let line: Int
    let expectOK: Bool
    let stem: String?
    let aiData: String
    let expectedURI: String
    var testDescription: String { "line \(line): \(expectOK ? "ok" : "fails") \(aiData) on \(stem ?? "id.gs1.org")" }
}

enum ConformanceVectors {
    /// `Tests/Conformance/gs1-digital-link/` (sources and digests in that folder's README).
    static let directory: URL = Checkout.path("Tests/Conformance/gs1-digital-link")

    /// (line number, tab-separated columns) of the data rows of a vector file.
    static func rows(_ name: String) -> [(line: Int, columns: [String])] {
        let url = directory.appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
            return (index + 1, line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init))
        }
    }

    static let parse: [ParseVector] = rows("gs1-syntax-engine-dl-parse-vectors.tsv").map { line, c in
        ParseVector(line: line, expectValid: c.first == "true", uri: c.count > 1 ? c[1] : "",
                    expectedElementString: c.count > 2 ? c[2] : "")
    }

    static let generate: [GenerateVector] = rows("gs1-syntax-engine-dl-generate-vectors.tsv").map { line, c in
        let stem = c.count > 1 && c[1] != "NULL" ? c[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) : nil
        return GenerateVector(line: line, expectOK: c.first == "true", stem: stem, aiData: c.count > 2 ? c[2] : "",
                              expectedURI: c.count > 3 ? c[3] : "")
    }

    /// The options upstream's test had switched on for a case.
    ///
    /// `dl.c` turns reader options on and off around some cases (convenience alphas, zero-
    /// suppressed GTINs, unknown AIs); the TSV keeps the cases but not the switches, so the same
    /// URI can appear once expected invalid (option off) and once valid (option on). This table
    /// restores the switch for the cases that had it on, keyed by expectation and text, exactly as
    /// in upstream's source. Every other case runs with `.strict`, the default.
    static func upstreamOptions(valid: Bool, text: String) -> DigitalLinkOptions {
        if valid && zeroSuppressedGTINCases.contains(text) { return DigitalLinkOptions(permitZeroSuppressedGTIN: true) }
        if convenienceAlphaCases.contains("\(valid)\t\(text)") { return DigitalLinkOptions(permitConvenienceAlphas: true) }
        if valid && unknownAICases.contains(text) { return DigitalLinkOptions(permitUnknownAIs: true) }
        return .strict
    }

    private static let convenienceAlphaCases: Set<String> = [
        "true\thttps://a/gtin/12312312312333",
        "true\thttps://a/gtin/12312312312333/ser/ABC123",
        "true\thttps://a/sscc/006141411234567890",
        // Invalid with or without the option (see DigitalLinkURITests.convenienceAlphas).
        "false\thttps://a/zzz/12312312312333",
        "false\thttps://a/cps/12312312312333",
    ]

    private static let zeroSuppressedGTINCases: Set<String> = [
        "https://brand.example.com/01/9520123456788",
        "https://brand.example.com/some-extra/pathinfo/01/9520123456788",
        "https://example.com/01/9520123456788?3103=000195&3922=0299&17=201225",
        "https://id.gs1.org/01/9520123456788?3103=000195&3922=0299&17=201225",
        "https://id.gs1.org/01/9520123456788?17=201225&3103=000195&3922=0299",
    ]

    private static let unknownAICases: Set<String> = [
        "https://example.com/01/09520123456788?99=XYZ&89=ABC123",
        "(01)12312312312326(99)000001(89)XXX(95)INT",
    ]
}
