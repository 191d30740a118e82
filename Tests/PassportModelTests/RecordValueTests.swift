import Foundation
import PassportTestSupport
import Testing
@testable import PassportModel
import DigitalLink

@Suite("Record values")
struct RecordValueTests {
    @Test("calendar days parse strictly and count days across leap years",
          arguments: [("2024-02-29", true), ("2025-02-29", false), ("2026-13-01", false), ("2026-1-01", false),
                      ("2026-10-24", true), ("26-10-24", false), ("2026-10-24T00:00", false), ("２０２６-10-24", false)])
    func calendarDates(text: String, valid: Bool) {
        #expect((CalendarDate(text) != nil) == valid)
    }

    @Test("days since 1970 round-trip and compare")
    func dayArithmetic() throws {
        let start = try #require(CalendarDate("2026-10-24"))
        #expect(start.daysSince1970 == 20_750)
        #expect(CalendarDate(daysSince1970: 20_750) == start)
        let later = try #require(CalendarDate("2028-04-30"))
        #expect(start.days(until: later) == 554)
        #expect(start < later)
        #expect(CalendarDate(containing: Date(timeIntervalSince1970: 1_790_000_000)).description == "2026-09-21")
        #expect(start.gs1YYMMDD == "261024")
    }

    @Test("localized text falls back field by field")
    func localizedFallback() {
        let text = LocalizedText(["en": "Olive oil", "it": "Olio"])
        #expect(text.text(in: "it") == "Olio")
        #expect(text.text(in: "de", fallbacks: ["en"]) == "Olive oil")
        #expect(text.text(in: "de") == "Olive oil")
        #expect(LocalizedText([:]).text(in: "en").isEmpty)
    }

    @Test("serial ranges format and recognise their serials")
    func serialRanges() {
        let range = SerialRange(prefix: "A", first: 1, count: 300, digits: 6)
        #expect(range.serial(1) == "A000001")
        #expect(range.serial(range.last) == "A000300")
        #expect(range.number(of: "A000042") == 42)
        #expect(range.number(of: "A000301") == nil)
        #expect(range.number(of: "A42") == nil)
        #expect(range.number(of: "B000042") == nil)
        #expect(range.number(of: "A00004x") == nil)
    }

    @Test("GTIN check digits, lengths and normalisation")
    func gtins() {
        #expect(FieldRules.gtinProblem("08012345000012") == nil)
        #expect(FieldRules.gtinProblem("8012345000012") == nil)
        #expect(FieldRules.gtinProblem("96385074") == nil)
        #expect(FieldRules.gtinProblem("08012345000013")?.problem == "check digit of `08012345000013` should be 2, not 3")
        #expect(FieldRules.gtinProblem("123") != nil)
        #expect(FieldRules.normalisedGTIN("96385074") == "00000096385074")
    }

    @Test("lots and serials follow GS1 CSET 82 and 20 characters")
    func gs1Text() {
        #expect(FieldRules.gs1TextProblem("L2026A-é") != nil)
        #expect(FieldRules.gs1TextProblem("L2026/A_1") == nil)
        #expect(FieldRules.gs1TextProblem(String(repeating: "A", count: 21)) != nil)
        #expect(FieldRules.gs1TextProblem("") == nil)
    }

    @Test("typos get the nearest known word, unrelated words none")
    func suggestions() {
        #expect(closestMatch(to: "best_befor", in: BatchRecord.fields) == "best_before")
        #expect(closestMatch(to: "Lot", in: BatchRecord.fields) == "lot")
        #expect(closestMatch(to: "colour", in: BatchRecord.fields) == nil)
    }
}

@Suite("Loading projects")
struct ProjectLoaderTests {
    static let base = Checkout.path("Tests/Corpus/base")

    @Test("the base project loads with every field in place")
    func loadsBase() throws {
        let project = try ProjectLoader.load(root: Self.base)
        #expect(project.producer.baseURL == "https://mulino.example")
        #expect(project.producer.languages == ["en", "it"])
        let product = try #require(project.product("oil"))
        #expect(product.gtin == "08012345000012")
        #expect(product.netQuantity == Quantity(value: 500, unit: "ml"))
        #expect(product.name.text(in: "it") == "Olio")
        let batch = try #require(project.batches.first)
        #expect(batch.journey.count == 2)
        #expect(batch.valueShares.map(\.amount) == [3.0, 2.0])
        #expect(batch.location(of: "lot") == SourceLocation(file: "batches/lot-a.yaml", line: 2, column: 6))
        #expect(project.certificates.first?.evidence == .file("evidence/organic.txt"))
    }

    @Test("diagnostics are prefixed with the folder as the user typed it")
    func displayRoot() throws {
        let folder = try TemporaryFolder("display")
        try Data().write(to: folder.appending("passport.yaml"))
        do {
            _ = try ProjectLoader.load(root: folder.url, displayRoot: "farm")
            Issue.record("an empty project loaded")
        } catch {
            #expect(error.diagnostics.first?.location.file == "farm/passport.yaml")
            #expect(error.description.hasSuffix("1 problem found; nothing was written."))
        }
    }

    @Test("a folder without passport.yaml is no project, said as such")
    func noProject() throws {
        do {
            _ = try ProjectLoader.load(root: Self.base.appendingPathComponent("missing"), displayRoot: "farm")
            Issue.record("a missing project loaded")
        } catch {
            #expect(error.missingProject == "farm")
            #expect(error.diagnostics.isEmpty)
            #expect(error.description == "farm does not exist: run `passport init farm` to create one there, or give the project folder")
        }
    }
}
