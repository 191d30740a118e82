import Foundation
import Testing
@testable import PassportModel

@Suite("Hostile records: bounded work, short quotes")
struct HostileRecordTests {
    static let laughs: String = {
        var lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...12 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test("aliases of lists or sets of fields are refused before parsing, as values or as keys", arguments: [
        (laughs, 2, 10, "a0"),
        ("base: &b {x: 1}\nother: {*b : 2}\n", 2, 9, "b"),
        ("base: &b\n  x: 1\nmore: *b\n", 3, 7, "b"),
        ("base: &b !!seq [1]\nmore: [*b]\n", 2, 8, "b"),
        ("list:\n  - &b k: v\n  - *b\n", 3, 5, "b"),
    ])
    func collectionAliases(text: String, line: Int, column: Int, name: String) {
        let diagnostics = ProjectLoader.diagnose(text, as: .product)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location == SourceLocation(file: "record.yaml", line: line, column: column))
        #expect(diagnostics.first?.problem.hasPrefix("`*\(name)` repeats a list or a set of fields") == true)
        #expect(diagnostics.first?.fix == "write the entries out in full")
    }

    @Test("a repeated single value is fine; text that only looks like an alias is not one")
    func scalarAliases() {
        let text = """
            gtin: &g "08012345000012"
            name: *g
            description: "see *important* and R&D, 5 * 3 & co"
            category: {name: Olive oil, cpc: "21673"}
            net_quantity: 500 ml

            """
        #expect(ProjectLoader.diagnose(text, as: .product).isEmpty)
        let many = "gtin: &g \"08012345000012\"\nname: Oil\nnet_quantity: 500 ml\nimages: [" + Array(repeating: "*g", count: 101).joined(separator: ", ") + "]\n"
        #expect(ProjectLoader.diagnose(many, as: .product).map(\.problem) == ["more than 100 aliases (`*name`) in one file"])
    }

    @Test("nesting deeper than 1000 levels is refused with a readable message")
    func deepNesting() {
        let text = "gtin: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
        #expect(ProjectLoader.diagnose(text, as: .product).map(\.problem) == ["lists and sets of fields are nested more than 1000 levels deep"])
    }

    @Test("at most 50 problems per file, then one line for the rest")
    func diagnosticCap() {
        let text = (0..<20_000).map { "unknown\($0): x" }.joined(separator: "\n")
        let diagnostics = ProjectLoader.diagnose(text, as: .product)
        #expect(diagnostics.count == 51)
        // 20,000 unknown fields and the missing required ones: 50 listed, the rest counted.
        #expect(diagnostics.last?.problem == "… and 19954 more problems in this file")
        #expect(diagnostics.last?.location.line == 20_000)
    }

    @Test("values are quoted as short, escaped excerpts")
    func excerpts() {
        let long = String(repeating: "x", count: 1_000)  // libyaml allows keys up to 1024 characters
        let diagnostics = ProjectLoader.diagnose("\(long): 1\ngtin: \"\\e[31mred\"\n", as: .product)
        #expect(diagnostics.allSatisfy { $0.description.count < 600 })
        #expect(diagnostics.contains { $0.problem == "unknown field `\(String(repeating: "x", count: 60))…`" })
        #expect(diagnostics.contains { $0.problem.hasPrefix("`\\u{1B}[31mred` is not a GTIN") })
        #expect(!diagnostics.contains { $0.description.contains("\u{1B}") })
    }

    @Test("serial ranges are checked before any arithmetic", arguments: [
        ("{first: 9223372036854775806, count: 5, digits: 6}", "first must be 0 to 999999999999999999, not 9223372036854775806"),
        ("{first: 999999999999999990, count: 50, digits: 18}", "the last serial number, 999999999999999990 + 50 - 1, is beyond 999999999999999999"),
        ("{first: 1, count: 1000000000, digits: 9}", "1000000000 units is more than the 1000000 a serialized batch may number"),
    ])
    func serialRanges(serialized: String, problem: String) {
        let text = """
            product: oil
            lot: L1
            production_date: 2026-10-01
            quantity: 9000000000000000000
            serialized: \(serialized)
            journey: [{actor: a, place: P, lat: 1, lon: 1, date: 2026-10-01}]

            """
        #expect(ProjectLoader.diagnose(text, as: .batch).map(\.problem) == [problem])
    }

    @Test("a huge net quantity is refused, not turned into an integer")
    func hugeQuantity() {
        let text = "gtin: \"08012345000012\"\nname: Oil\ncategory: {name: Olive oil, cpc: \"21673\"}\nnet_quantity: 1e300 ml\n"
        #expect(ProjectLoader.diagnose(text, as: .product).map(\.problem) == ["`1e300 ml` is not a quantity"])
        #expect(Quantity(value: 1e300, unit: "ml").description == "1e+300 ml")
    }

    @Test("limits in passport.yaml are read and range-checked")
    func limits() {
        let producer = """
            name: Oliveto
            address: Via 1
            country: IT
            base_url: https://oliveto.example
            signing_key: main
            limits: {serialized_units: 0, labels_per_run: 500}

            """
        let diagnostics = ProjectLoader.diagnose(producer, as: .producer)
        #expect(diagnostics.map(\.description) == ["record.yaml:6:28: limits.serialized_units: 0 is not between 1 and 100000000 — write a limit in that range (default 1000000)"])
    }
}
