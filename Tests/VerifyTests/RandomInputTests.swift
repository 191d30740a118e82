import Credentials
import Foundation
import Pictures
import PassportTestSupport
import Testing
@testable import Verify

/// The deterministic part of the fuzzing (the libFuzzer harness is VerifyFuzz): whatever a
/// scanner or a photo hands over gets a verdict, and an altered code is never taken for a
/// different genuine unit.
@Suite("Random input")
struct RandomInputTests {
    let fixture = Fixture()

    @Test("random bytes get a verdict that is never genuine")
    func randomBytes() throws {
        var random = SeededGenerator(state: 2026)
        let verifier = try fixture.verifier(scanLog: try ScanLog(path: ":memory:"))
        for _ in 0..<3000 {
            let length = Int.random(in: 0...200, using: &random)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let verdict = verifier.verify(String(decoding: bytes, as: UTF8.self))
            #expect(!verdict.kind.isGenuine)
            #expect(!verdict.reason.isEmpty)
        }
    }

    @Test("mutated genuine codes are never taken for another unit")
    func mutatedCodes() throws {
        var random = SeededGenerator(state: 42)
        let verifier = try fixture.verifier()
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_.~/?&=%()^\u{1D} #:é")
        let originals = (1...20).map { fixture.code(serial: serialText($0)) }
            + ["https://oliveto.example/01/08012345000012/10/L2026A", "(01)08012345000012(10)L2026A"]
        var genuineAfterMutation = 0
        for _ in 0..<4000 {
            let original = try #require(originals.randomElement(using: &random))
            var characters = Array(original)
            for _ in 0..<Int.random(in: 1...3, using: &random) where !characters.isEmpty {
                let index = Int.random(in: 0..<characters.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: characters[index] = alphabet.randomElement(using: &random) ?? "x"
                case 1: if characters.count > 1 { characters.remove(at: index) }
                case 2: characters.insert(alphabet.randomElement(using: &random) ?? "x", at: index)
                default: characters = Array(characters.prefix(index))
                }
            }
            let mutated = String(characters)
            let verdict = verifier.verify(mutated)
            guard verdict.kind.isGenuine else { continue }
            genuineAfterMutation += 1
            // Still genuine: then it must name exactly the unit the original named.
            let before = try #require(try fixture.verifier().verify(original).item)
            #expect(verdict.item?.gtin == before.gtin && verdict.item?.lot == before.lot
                    && verdict.item?.serial == before.serial, "\(original) → \(mutated): \(verdict.line)")
        }
        #expect(genuineAfterMutation < 1000)
    }

    @Test("random and damaged picture files are refused or read, never crash")
    func randomPictures() throws {
        var random = SeededGenerator(state: 7)
        let scanner = try CodeScanner()
        let png = try PictureSupport.qrPNG(fixture.code(serial: "000042"))
        let jpeg = try PictureSupport.jpeg(try GrayImage(decoding: png, name: "p"))
        var decoded = 0
        for round in 0..<400 {
            var data = round.isMultiple(of: 2) ? png : jpeg
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                let index = Int.random(in: 0..<data.count, using: &random)
                data[index] = UInt8.random(in: 0...255, using: &random)
            }
            if Bool.random(using: &random) { data = data.prefix(Int.random(in: 0...data.count, using: &random)) }
            if let image = try? GrayImage(decoding: data, name: "random") {
                decoded += 1
                _ = scanner.scan(image)
            }
        }
        #expect(decoded > 0)
    }
}
