import Testing
import DigitalLink

@Suite("GTIN")
struct GTINTests {

    @Test("GTIN-8, -12, -13 and -14 are padded to 14 digits", arguments: [
        ("96385074", "00000096385074"),         // GTIN-8
        ("02345673", "00000002345673"),         // GTIN-8 starting with 0
        ("036000291452", "00036000291452"),     // GTIN-12 (UPC-A)
        ("416000336108", "00416000336108"),     // GTIN-12
        ("9520123456788", "09520123456788"),    // GTIN-13
        ("09506000134352", "09506000134352"),   // GTIN-14
        ("12312312312333", "12312312312333"),   // GTIN-14, indicator 1
    ])
    func normalises(input: String, fourteen: String) throws {
        let gtin = try GTIN(input)
        #expect(gtin.digits == fourteen)
        #expect(gtin.description == fourteen)
        #expect(GTIN.isValid(input))
    }

    @Test("shortest form drops the padding again")
    func shortestForm() throws {
        #expect(try GTIN("96385074").shortestForm == "96385074")
        #expect(try GTIN("036000291452").shortestForm == "036000291452")
        #expect(try GTIN("9520123456788").shortestForm == "9520123456788")
        #expect(try GTIN("12312312312333").shortestForm == "12312312312333")
    }

    @Test("check digit of the digits before it")
    func checkDigit() throws {
        #expect(GTIN.checkDigit(of: "950600013435") == 2)
        #expect(GTIN.checkDigit(of: "0950600013435") == 2)
        #expect(GTIN.checkDigit(of: "9638507") == 4)
        #expect(GTIN.checkDigit(of: "03600029145") == 2)
        #expect(GTIN.checkDigit(of: "1231231231233") == 3)
        #expect(GTIN.checkDigit(of: "00614141123456789") == 0)  // SSCC uses the same algorithm
        #expect(try GTIN("09506000134352").checkDigit == 2)
    }

    @Test("a wrong check digit says which digit was expected")
    func badCheckDigitMessage() {
        let error = #expect(throws: DigitalLinkError.self) { try GTIN("09506000134357") }
        #expect(error == .checkDigit(ai: "01", value: "09506000134357", expected: 2, found: 7))
        #expect(error?.description.contains("check digit should be 2, not 7") == true)
        #expect(error?.description.contains("(01) GTIN") == true)
        #expect(!GTIN.isValid("09506000134357"))
    }

    @Test("wrong lengths and non-digits are refused with a reason", arguments: [
        "", "1234567", "123456789", "12345678901", "123456789012345", "0950600013435X", " 9520123456788",
    ])
    func refusesMalformed(_ text: String) {
        let error = #expect(throws: DigitalLinkError.self) { try GTIN(text) }
        #expect(error.map { !$0.description.isEmpty } == true)
    }

    @Test("length message names the lengths a GTIN may have")
    func lengthMessage() {
        let error = #expect(throws: DigitalLinkError.self) { try GTIN("123456789") }
        #expect(error?.description.contains("8, 12, 13 or 14 digits, this has 9") == true)
    }
}
