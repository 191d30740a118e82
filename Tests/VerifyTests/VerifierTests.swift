import Credentials
import Foundation
import Testing
@testable import Verify

@Suite("Verdicts")
struct VerifierTests {
    let fixture = Fixture()

    /// `text` with the character at `offset` (from the start, or from the end when negative) replaced.
    static func changing(_ text: String, at offset: Int, to replacement: Character) -> String {
        var characters = Array(text)
        let index = offset >= 0 ? offset : characters.count + offset
        characters[index] = characters[index] == replacement ? "7" : replacement
        return String(characters)
    }

    @Test("a genuine unit code is GENUINE, with every check passed and the product named")
    func genuine() throws {
        let verdict = try fixture.verifier().verify(fixture.code(serial: "000042"))
        #expect(verdict.kind == .genuine)
        #expect(verdict.reason == "Olio Novello · lot N2026S · serial 000042 · Oliveto")
        #expect(verdict.checks.allSatisfy { $0.outcome == .passed })
        #expect(verdict.checks.map(\.name).contains("unit signature"))
        #expect(verdict.item?.unitsIssued == 1)
        #expect(verdict.item?.producerDID == "did:web:oliveto.example")
    }

    @Test("a lot code is GENUINE and reports the batch size")
    func lotCode() throws {
        let verdict = try fixture.verifier().verify("https://oliveto.example/01/08012345000012/10/L2026A")
        #expect(verdict.kind == .genuine)
        #expect(verdict.item?.unitsIssued == 1200)
        #expect(verdict.checks.contains { $0.name == "certificate Regenerative Organic Certified" && $0.outcome == .passed })
    }

    @Test("upper-case QR text and an http address still verify")
    func caseAndScheme() throws {
        let code = fixture.code(serial: "000007")
        let verifier = try fixture.verifier()
        #expect(verifier.verify(code.replacingOccurrences(of: "https://oliveto.example", with: "HTTPS://OLIVETO.EXAMPLE")).kind == .genuine)
        #expect(verifier.verify(code.replacingOccurrences(of: "https://", with: "http://")).kind == .genuine)
    }

    @Test("a changed byte in the serial, lot, signature or GTIN is TAMPERED")
    func tamperedBytes() throws {
        let verifier = try fixture.verifier()
        let code = fixture.code(serial: "000042")
        let serialChanged = code.replacingOccurrences(of: "/21/000042", with: "/21/000043")
        let lotChanged = code.replacingOccurrences(of: "/10/N2026S", with: "/10/N2027S")
        let signatureChanged = Self.changing(code, at: -40, to: "A")
        let gtinChanged = code.replacingOccurrences(of: "/01/08012345000029", with: "/01/08012345000039")
        for altered in [serialChanged, lotChanged, signatureChanged] {
            let verdict = verifier.verify(altered)
            #expect(verdict.kind == .tampered, "\(altered)")
            #expect(verdict.reason.contains("unit signature does not match"))
            #expect(verdict.checks.last?.name == "unit signature")
        }
        let gtin = verifier.verify(gtinChanged)
        #expect(gtin.kind == .tampered)
        #expect(gtin.reason.contains("not a valid GS1 Digital Link"))
        #expect(gtin.reason.contains("check digit"))
    }

    @Test("a serialized code without its signature is TAMPERED; typed element data only warns")
    func missingSignature() throws {
        let verifier = try fixture.verifier()
        let unsigned = verifier.verify("https://oliveto.example/01/08012345000029/10/N2026S/21/000042")
        #expect(unsigned.kind == .tampered)
        #expect(unsigned.reason.contains("no producer signature"))
        let typed = verifier.verify("(01)08012345000029(10)N2026S(21)000042")
        #expect(typed.kind == .genuineWithWarnings)
        #expect(typed.warnings.first?.contains("typed without its signature") == true)
        let scanner = verifier.verify("0108012345000029" + "10N2026S\u{1D}21000042")
        #expect(scanner.kind == .genuineWithWarnings)
        #expect(scanner.item?.serial == "000042")
    }

    @Test("a passport re-signed with a foreign key is TAMPERED, naming the passport signature")
    func foreignPassport() throws {
        let stranger = try SigningKey(id: "main", seed: Data(repeating: 9, count: 32))
        let bundle = fixture.bundle { passports in
            passports["08012345000029/N2026S"] = fixture.passport(
                gtin: Fixture.serializedGTIN, lot: Fixture.serializedLot, name: "Olio Novello", units: 300,
                bestBefore: "2027-06-30", claims: [], key: stranger)
        }
        let verdict = try fixture.verifier(bundle: bundle).verify(fixture.code(serial: "000042"))
        #expect(verdict.kind == .tampered)
        #expect(verdict.reason.hasPrefix("passport signature: the signature does not match for key did:web:oliveto.example#main"))
        let foreignDID = try DIDWeb(baseURL: "https://forger.example")
        let other = fixture.bundle { passports in
            passports["08012345000029/N2026S"] = fixture.passport(
                gtin: Fixture.serializedGTIN, lot: Fixture.serializedLot, name: "Olio Novello", units: 300,
                bestBefore: "2027-06-30", claims: [], key: stranger, as: foreignDID)
        }
        let foreign = try fixture.verifier(bundle: other).verify(fixture.code(serial: "000042"))
        #expect(foreign.kind == .tampered)
        #expect(foreign.reason.contains("signed with did:web:forger.example#main, which is not a key this shop trusts for Oliveto"))
    }

    @Test("a recalled batch is RECALLED with the date and reason")
    func recalled() throws {
        let bundle = fixture.bundle(recall: .init(date: "2026-11-02", reason: "Glass fragments"))
        let verdict = try fixture.verifier(bundle: bundle).verify("https://oliveto.example/01/08012345000012/10/L2026A")
        #expect(verdict.kind == .recalled)
        #expect(verdict.reason == "lot L2026A was recalled by Oliveto on 2026-11-02: Glass fragments — do not sell it; take it off the shelf")
    }

    @Test("an expired certificate, a stale bundle and a past best-before date give warnings")
    func warnings() throws {
        let later = XSDDateTime.date(from: "2027-07-01T00:00:00Z") ?? Date()
        let verdict = try fixture.verifier(now: later).verify(fixture.code(serial: "000042"))
        #expect(verdict.kind == .genuineWithWarnings)
        #expect(verdict.warnings.count == 3)
        #expect(verdict.warnings.contains("EU organic IT-BIO-009-2026-1187 expired on 2027-01-14; the claim no longer holds"))
        #expect(verdict.warnings.contains("past its best-before date (2027-06-30)"))
        #expect(verdict.warnings.contains { $0.contains("bundle is 247 days old") })
        #expect(verdict.kind.isGenuine)
    }

    @Test("certificates from an untrusted certifier, or one not trusted for the scheme, are warnings")
    func untrustedCertifier() throws {
        let none = try fixture.verifier(certifiers: []).verify(fixture.code(serial: "000042"))
        #expect(none.kind == .genuineWithWarnings)
        #expect(none.warnings == ["signed by did:web:terraviva-cert.example, a certifier this shop does not trust, so the claim is not verified (trust it with `passport trust add certifier`)"])
        let narrow = try fixture.verifier(certifiers: [fixture.certifier(schemes: ["eu ORGANIC "])])
            .verify("https://oliveto.example/01/08012345000012/10/L2026A")
        #expect(narrow.kind == .genuineWithWarnings)
        #expect(narrow.warnings == ["Terra Viva Certification is not trusted to certify Regenerative Organic Certified, so the claim is not verified"])
    }

    @Test("a certificate altered after signing is TAMPERED")
    func tamperedCertificate() throws {
        var certificates = fixture.certificates
        let forged = fixture.conformity(scheme: "EU organic", number: "IT-BIO-009-2026-1187",
                                        validFrom: "2026-01-15T00:00:00Z", validUntil: "2030-01-14T23:59:59Z",
                                        key: try SigningKey(id: "main", seed: Data(repeating: 5, count: 32)))
        certificates["eu-organic"] = forged
        let verdict = try fixture.verifier(bundle: fixture.bundle(certificates: certificates)).verify(fixture.code(serial: "000001"))
        #expect(verdict.kind == .tampered)
        #expect(verdict.reason.hasPrefix("certificate EU organic: the signature does not match for key did:web:terraviva-cert.example#main"))
    }

    @Test("unknown producers, batches, products and serials")
    func unknown() throws {
        let verifier = try fixture.verifier()
        let stranger = verifier.verify("https://fake-oil.example/01/08012345000029/10/N2026S/21/000042?s=abc")
        #expect(stranger.kind == .unknownIssuer)
        #expect(stranger.reason == "fake-oil.example (did:web:fake-oil.example) is not a producer this shop trusts")
        let batch = verifier.verify("https://oliveto.example/01/08012345000012/10/L2099Z")
        #expect(batch.kind == .unknownProduct)
        #expect(batch.reason.hasPrefix("lot L2099Z of GTIN 08012345000012 is not in Oliveto's bundle"))
        let product = verifier.verify("https://oliveto.example/01/08012345000036/10/L2026A")
        #expect(product.kind == .unknownProduct)
        #expect(product.reason.hasPrefix("GTIN 08012345000036 is not a product in Oliveto's bundle"))
        let serial = verifier.verify(fixture.code(serial: "000301"))
        #expect(serial.kind == .unknownProduct)
        #expect(serial.reason == "serial 000301 was never issued for lot N2026S (issued: 000001–000300)")
        let typed = verifier.verify("(01)08012345000012(10)NOPE")
        #expect(typed.kind == .unknownProduct)
    }

    @Test("a copied genuine code on another host is UNKNOWN ISSUER; on the GS1 resolver it is found by GTIN")
    func hosts() throws {
        let verifier = try fixture.verifier()
        let code = fixture.code(serial: "000042")
        let moved = verifier.verify(code.replacingOccurrences(of: "https://oliveto.example", with: "https://oliveto-shop.example"))
        #expect(moved.kind == .unknownIssuer)
        let resolver = verifier.verify(code.replacingOccurrences(of: "https://oliveto.example", with: "https://id.gs1.org"))
        #expect(resolver.kind == .genuine)
    }

    @Test("plain URLs, product barcodes and garbage are NOT A PASSPORT CODE")
    func notPassport() throws {
        let verifier = try fixture.verifier()
        let cases: [(String, String)] = [
            ("https://oliveto.example/about", "this web address is not a GS1 Digital Link to a product batch"),
            ("8012345000012", "this is a plain product barcode (EAN-13 8012345000012)"),
            ("hello, world", "this is neither a GS1 Digital Link nor GS1 element data"),
            ("", "the scanned text is empty"),
            ("https://oliveto.example/01/08012345000012", "the code names the product GTIN 08012345000012 but no batch"),
            ("(00)106141411234567897", "not a product (GTIN)"),
        ]
        for (text, reason) in cases {
            let verdict = verifier.verify(text)
            #expect(verdict.kind == .notAPassportCode, "\(text)")
            #expect(verdict.reason.hasPrefix(reason) || verdict.reason.contains(reason), "\(verdict.reason)")
        }
    }

    @Test("expiry and best-before dates in the code are checked, and compared with the passport")
    func datesInCode() throws {
        let verifier = try fixture.verifier()
        let code = fixture.code(serial: "000042")
        let same = verifier.verify(code + "&15=270630")
        #expect(same.kind == .genuine)
        let different = verifier.verify(code.replacingOccurrences(of: "?s=", with: "?15=281231&s="))
        #expect(different.kind == .genuineWithWarnings)
        #expect(different.warnings == ["the code says 2028-12-31 but the passport says 2027-06-30: the label may have been altered; the passport's date counts"])
        let expired = verifier.verify("https://oliveto.example/01/08012345000012/10/L2026A?17=261031")
        #expect(expired.kind == .genuineWithWarnings)
        #expect(expired.warnings == ["past its expiry date (2026-10-31)"])
    }

    @Test("a bundle made after the device's time warns about the clock")
    func futureBundle() throws {
        let early = XSDDateTime.date(from: "2026-10-25T00:00:00Z") ?? Date()
        let verdict = try fixture.verifier(now: early).verify(fixture.code(serial: "000042"))
        #expect(verdict.kind == .genuineWithWarnings)
        #expect(verdict.warnings == ["made 2026-10-26T07:33:20Z, after this device's time; check the clock"])
    }

    @Test("the JSON form carries the verdict, the product, the checks and the warnings")
    func json() throws {
        let verdict = try fixture.verifier().verify(fixture.code(serial: "000042"))
        let json = try JSONValue(parsing: verdict.jsonLine)
        #expect(json["verdict"]?.stringValue == "GENUINE")
        #expect(json["genuine"]?.boolValue == true)
        #expect(json["product"]?["serial"]?.stringValue == "000042")
        #expect(json["producer"]?["id"]?.stringValue == "did:web:oliveto.example")
        #expect(json["scannedAt"]?.stringValue == "2026-11-05T10:00:00Z")
        #expect(json["checks"]?.arrayValue?.count == verdict.checks.count)
        #expect(!verdict.jsonLine.contains("\n"))
    }
}

extension VerifierTests {
    @Test("the batch link of a serialized lot is not a unit's code")
    func batchLinkOfSerializedLot() throws {
        let verdict = try fixture.verifier().verify("https://oliveto.example/01/08012345000029/10/N2026S")
        #expect(verdict.kind == .notAPassportCode)
        #expect(verdict.reason == "this is the link to lot N2026S as a whole, not a unit's code: each unit of this lot carries its own signed code — scan that one")
    }
}
