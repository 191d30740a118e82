import Credentials
import Foundation
import PassportTestSupport
import Testing
@testable import Verify

@Suite("Reading scanned text")
struct ScannedCodeTests {
    let now = Fixture.now

    func reading(_ text: String) -> ScannedCode? {
        if case .code(let code) = ScannedCode.read(text, now: now) { return code }
        return nil
    }

    @Test("a Digital Link unit code gives its identifiers, host and signature")
    func digitalLink() throws {
        let text = "https://oliveto.example/01/08012345000029/10/N2026S/21/000042?s=" + String(repeating: "A", count: 86)
        let code = try #require(reading(text))
        #expect(code.form == .digitalLink)
        #expect(code.stem == "https://oliveto.example")
        #expect(code.gtin == "08012345000029")
        #expect(code.lot == "N2026S")
        #expect(code.serial == "000042")
        #expect(code.signature?.count == 86)
    }

    @Test("bracketed, caret and GS-separated element strings, with spaces and line ends around them")
    func elementStrings() throws {
        for text in ["(01)08012345000029(10)N2026S(21)000042", "  (01)08012345000029(10)N2026S(21)000042\r\n",
                     "0108012345000029" + "10N2026S\u{1D}21000042", "]Q3" + "0108012345000029" + "10N2026S\u{1D}21000042"] {
            let code = try #require(reading(text), "\(text)")
            #expect(code.form == .elementString)
            #expect(code.stem == nil)
            #expect(code.serial == "000042")
            #expect(code.signature == nil)
        }
    }

    @Test("a malformed Digital Link keeps its host, so the verifier can tell who it claims to be")
    func damaged() {
        guard case .damaged(let host, let reason) = ScannedCode.read("https://oliveto.example/01/08012345000028/10/N2026S", now: now) else {
            Issue.record("expected a damaged link")
            return
        }
        #expect(host == "https://oliveto.example")
        #expect(reason.contains("check digit should be 9, not 8"))
        guard case .damaged(let stem, _) = ScannedCode.read("https://oliveto.example/shop/01/080123450000299/10/X", now: now) else {
            Issue.record("expected a damaged link")
            return
        }
        #expect(stem == "https://oliveto.example/shop")
    }

    @Test("product barcodes name their kind; over-long text is refused before parsing")
    func barcodes() {
        #expect(ScannedCode.read("96385074", now: now) == .notAPassport(reason: "this is a plain product barcode (EAN-8 96385074): it names a product, not a batch or a unit, so it cannot show that this item is genuine — scan the passport QR code"))
        guard case .notAPassport(let reason) = ScannedCode.read("8012345000013", now: now) else {
            Issue.record("expected not a passport")
            return
        }
        #expect(reason.contains("(and its check digit is wrong)"))
        #expect(ScannedCode.read(String(repeating: "x", count: 5000), now: now)
            == .notAPassport(reason: "the text is 5000 bytes long, far longer than any label code"))
    }
}

extension ScannedCodeTests {
    @Test("the label fast path reads exactly what the general parser reads, or leaves the text to it")
    func fastPathAgrees() throws {
        let fixture = Fixture()
        var random = SeededGenerator(state: 99)
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_.~/?&=%:")
        let seeds = [fixture.code(serial: "000042"), "https://oliveto.example/01/08012345000012/10/L2026A",
                     "http://a-b.example/01/00000000000017/10/x_y.z/21/A-1"]
        var taken = 0
        for _ in 0..<20_000 {
            var characters = Array(try #require(seeds.randomElement(using: &random)))
            for _ in 0..<Int.random(in: 0...2, using: &random) where !characters.isEmpty {
                let index = Int.random(in: 0..<characters.count, using: &random)
                if Bool.random(using: &random) {
                    characters[index] = alphabet.randomElement(using: &random) ?? "x"
                } else {
                    characters.remove(at: index)
                }
            }
            let text = String(characters)
            guard let fast = ScannedCode.readLabelCode(text) else { continue }
            taken += 1
            #expect(ScannedCode.readAnyForm(text, now: now) == .code(fast), "\(text)")
        }
        #expect(taken > 1000)
        #expect(ScannedCode.readLabelCode("HTTPS://OLIVETO.EXAMPLE/01/08012345000012/10/L2026A") == nil)
        #expect(ScannedCode.readLabelCode("https://oliveto.example/01/08012345000012/10/L%32026A") == nil)
    }
}

extension ScannedCodeTests {
    @Test("the signed path is UnitCode's canonical path, plain or percent-encoded")
    func signedPath() {
        for (lot, serial) in [("N2026S", "000042"), ("a.b_c-D", "9"), ("L/1", "x y"), ("ü", "%")] {
            let code = ScannedCode(form: .digitalLink, stem: nil, gtin: "08012345000029", lot: lot, serial: serial, signature: nil)
            #expect(code.signedPath(serial: serial) == UnitCode.canonicalPath(gtin: "08012345000029", lot: lot, serial: serial))
        }
    }
}
