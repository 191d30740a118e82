import Testing
@testable import DigitalLink

@Suite("Application identifiers")
struct ApplicationIdentifierTests {

    @Test("the common AIs are all known", arguments: [
        "00", "01", "02", "10", "11", "12", "13", "15", "16", "17", "21", "22", "235", "240", "241",
        "250", "251", "253", "254", "255", "30", "3103", "3922", "37", "400", "401", "402", "403",
        "410", "411", "412", "413", "414", "415", "416", "417", "420", "421", "422", "7003", "7040",
        "8003", "8004", "8006", "8010", "8011", "8013", "8017", "8018", "8019", "8020", "8200",
        "90", "91", "95", "99",
    ])
    func known(_ code: String) throws {
        let entry = try #require(ApplicationIdentifier.named(code))
        #expect(entry.code == code)
        #expect(!entry.title.isEmpty)
        #expect(!entry.format.isEmpty)
    }

    @Test("no AI is a prefix of another, so raw scanner data can be split")
    func prefixFree() {
        let codes = ApplicationIdentifier.all.map(\.code)
        #expect(Set(codes).count == codes.count)
        for a in codes {
            #expect((2...4).contains(a.count))
            for b in codes where a != b { #expect(!b.hasPrefix(a), "\(a) is a prefix of \(b)") }
        }
    }

    @Test("primary keys and their qualifier paths")
    func primaryKeys() throws {
        let keys = Set(ApplicationIdentifier.all.filter(\.isPrimaryKey).map(\.code))
        #expect(keys == ["00", "01", "253", "255", "401", "402", "414", "415", "417", "8003", "8004",
                         "8006", "8010", "8013", "8017", "8018"])
        #expect(ApplicationIdentifier.named("01")?.qualifierPaths == [["22", "10", "21"], ["235"]])
        #expect(ApplicationIdentifier.named("8006")?.qualifierPaths == [["22", "10", "21"]])
        #expect(ApplicationIdentifier.named("8010")?.qualifierPaths == [["8011"]])
        #expect(ApplicationIdentifier.named("414")?.qualifierPaths == [["254"], ["7040"]])
        for entry in ApplicationIdentifier.all {
            for code in entry.qualifierPaths.joined() {
                #expect(ApplicationIdentifier.named(code) != nil, "qualifier \(code) of \(entry.code)")
            }
        }
    }

    @Test("formats in GS1 notation")
    func formats() {
        #expect(ApplicationIdentifier.named("01")?.format == "N14")
        #expect(ApplicationIdentifier.named("10")?.format == "X..20")
        #expect(ApplicationIdentifier.named("17")?.format == "N6")
        #expect(ApplicationIdentifier.named("253")?.format == "N13 [X..17]")
        #expect(ApplicationIdentifier.named("8010")?.format == "Y..30")
        #expect(ApplicationIdentifier.named("253")?.lengthRange == 13...30)
        #expect(ApplicationIdentifier.named("01")?.isPredefinedLength == true)
        #expect(ApplicationIdentifier.named("17")?.isPredefinedLength == true)
        #expect(ApplicationIdentifier.named("10")?.isPredefinedLength == false)
        #expect(ApplicationIdentifier.named("8018")?.isPredefinedLength == false)
    }

    @Test("data attributes: qualifiers and a few others may not be in the query")
    func dataAttributes() {
        for code in ["21", "22", "235", "254", "7040", "8011", "8019", "8020", "8200"] {
            #expect(ApplicationIdentifier.named(code)?.isDataAttribute == false, "\(code)")
        }
        for code in ["01", "10", "11", "15", "17", "3103", "99", "8017", "253"] {
            #expect(ApplicationIdentifier.named(code)?.isDataAttribute == true, "\(code)")
        }
    }

    @Test("valid values", arguments: [
        ("00", "006141411234567890"), ("01", "09506000134352"), ("10", "ABC-123/x"),
        ("17", "251231"), ("17", "250200"), ("17", "240229"), ("11", "000101"),
        ("253", "1231231231232"), ("253", "1231231231232TEST5678901234567"), ("255", "9520123456788123"),
        ("402", "95201234567891235"), ("414", "9520123456788"), ("8003", "09520123456788ABC"),
        ("8006", "095201234567880102"), ("8010", "0200-#/AB"), ("8011", "123"), ("8017", "795260646688514634"),
        ("8018", "123456789012345675"), ("8013", "1987654Ad4X4bL5ttr2310c2K"), ("7003", "2512312359"),
        ("3103", "000195"), ("3922", "0299"), ("7040", "1A2_"), ("8008", "25123123"), ("8008", "2512312359"),
        ("4330", "001234-"), ("99", "anything:ok!"),
    ])
    func validValues(code: String, value: String) throws {
        let entry = try #require(ApplicationIdentifier.named(code))
        #expect(throws: Never.self) { try entry.validate(value) }
    }

    @Test("invalid values", arguments: [
        ("00", "006141411234567891", "check digit should be 0, not 1"),
        ("01", "0950600013435", "needs exactly 14"),
        ("01", "0950600013435A", "digits 0-9 only"),
        ("10", "ABCDEFGHIJKLMNOPQRSTU", "needs 1 to 20"),
        ("10", "AB C", "GS1 character set 82"),
        ("10", "AB#C", "'#'"),
        ("17", "251301", "month 13 is not 01-12"),
        ("17", "250230", "day 30 does not exist in month 02"),
        ("17", "250229", "day 29 does not exist"),
        ("7006", "250200", "day 00 is only allowed"),
        ("7003", "2512312460", "hour 24"),
        ("253", "1231231231232TEST56789012345678", "needs 13 to 30"),
        ("253", "1231231231233", "check digit should be 2, not 3"),
        ("414", "9520123456781", "check digit should be 8, not 1"),
        ("8003", "19520123456788", "must be 0"),
        ("8006", "095201234567880302", "piece 3 of total 2"),
        ("8010", "abc", "GS1 character set 39"),
        ("8011", "0123", "must not start with 0"),
        ("8013", "1987654Ad4X4bL5ttr2310c2L", "check characters should be 2K, not 2L"),
        ("8018", "123456789012345674", "check digit should be 5, not 4"),
        ("8008", "251231235", "needs 8 to 12"),
        ("4330", "001234+", "must be '-'"),
        ("10", "", "has no value"),
    ])
    func invalidValues(code: String, value: String, message: String) throws {
        let entry = try #require(ApplicationIdentifier.named(code))
        let error = #expect(throws: DigitalLinkError.self) { try entry.validate(value) }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "no error")")
        #expect(error?.description.contains("(\(code))") == true)
    }

    @Test("GMN check character pair matches the GS1 example")
    func gmnCheckCharacters() {
        #expect(CheckDigits.checkCharacterPair(of: "1987654Ad4X4bL5ttr2310c") == "2K")
    }
}

@Suite("GS1 character sets")
struct CharacterSetTests {

    @Test("all 82 characters of set 82 are accepted, one by one and together")
    func cset82All() {
        let all = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
        #expect(all.count == 82)
        #expect(isGS1CSET82(all))
        for c in all { #expect(isGS1CSET82(String(c)), "\(c)") }
        #expect(AICharacterSet.cset82Ordered.count == 82)
    }

    @Test("characters outside set 82 are refused", arguments: [
        " ", "#", "$", "@", "[", "\\", "]", "^", "`", "{", "|", "}", "~", "é", "ß", "€", "\t", "\n", "\u{1D}", "LOT 1",
    ])
    func cset82Refuses(_ text: String) {
        #expect(!isGS1CSET82(text))
    }

    @Test("typical lots and serials")
    func cset82Typical() {
        #expect(isGS1CSET82("ABC123"))
        #expect(isGS1CSET82("2025-07/B"))
        #expect(isGS1CSET82(""))   // characters only; length rules are the caller's
    }

    @Test("set 39 is upper case, digits and # - /")
    func cset39() {
        #expect("AZ09#-/".unicodeScalars.allSatisfy(AICharacterSet.cset39.contains))
        #expect(!"a".unicodeScalars.allSatisfy(AICharacterSet.cset39.contains))
        #expect(!"+".unicodeScalars.allSatisfy(AICharacterSet.cset39.contains))
    }
}
