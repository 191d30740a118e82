import Credentials
import Foundation
import Testing
@testable import Verify

/// Revocation and suspension read from the W3C status lists a bundle carries.
@Suite("Status lists in the bundle")
struct StatusListTests {
    let fixture = Fixture()
    static let lot = "https://oliveto.example/01/08012345000012/10/L2026A"
    static var lotPosition: Int { Fixture.positions["\(Fixture.lotGTIN)/\(Fixture.lotLot)"] ?? -1 }

    @Test("a batch whose suspension bit is set is RECALLED from the status list alone, with its age")
    func recalledFromListAlone() throws {
        let bundle = fixture.bundle(suspended: [Self.lotPosition])
        let verdict = try fixture.verifier(bundle: bundle).verify(Self.lot)
        #expect(verdict.kind == .recalled)
        #expect(verdict.reason == "lot L2026A was recalled by Oliveto (suspended in Oliveto's status list of 2026-10-26T07:00:00Z) — do not sell it; take it off the shelf")
        #expect(verdict.checks.last == .init("recall", .failed, "suspended in Oliveto's status list of 2026-10-26T07:00:00Z"))
    }

    @Test("the suspension bit of another batch changes nothing for this one")
    func otherBitClear() throws {
        let other = Fixture.positions["\(Fixture.serializedGTIN)/\(Fixture.serializedLot)"] ?? -1
        let verdict = try fixture.verifier(bundle: fixture.bundle(suspended: [other])).verify(Self.lot)
        #expect(verdict.kind == .genuine)
        #expect(verdict.checks.contains(.init("status", .passed, "not revoked, not suspended (status lists of 2026-10-26T07:00:00Z, 10 days old)")))
    }

    @Test("a passport whose revocation bit is set is REVOKED, not genuine")
    func revoked() throws {
        let verdict = try fixture.verifier(bundle: fixture.bundle(revoked: [Self.lotPosition])).verify(Self.lot)
        #expect(verdict.kind == .revoked)
        #expect(!verdict.kind.isGenuine)
        #expect(verdict.reason.hasPrefix("Oliveto has withdrawn the passport of lot L2026A (revocation list of 2026-10-26T07:00:00Z)"))
    }

    @Test("a status list changed after the producer signed the manifest refuses the whole bundle")
    func alteredList() throws {
        var bundle = fixture.bundle()
        // A list signed by the producer but not the one the manifest lists: a replayed older list.
        bundle.statusLists[fixture.producerList + "suspension.jwt"] = fixture.statusList(
            fixture.producerList + "suspension.jwt", purpose: .suspension, set: [1, 2, 3])
        let error = #expect(throws: VerifyError.self) { try fixture.verifier(bundle: bundle) }
        #expect(error?.description.contains("statusLists/\(fixture.producerList)suspension.jwt") == true, "\(String(describing: error))")
        #expect(error?.description.contains("it was changed after signing") == true)
    }

    @Test("a list the bundle lacks is a warning that says why, not a verdict")
    func missingList() throws {
        let bundle = fixture.bundle { _ in } editLists: { lists in lists[fixture.producerList + "revocation.jwt"] = nil }
        let verdict = try fixture.verifier(bundle: bundle).verify(Self.lot)
        #expect(verdict.kind == .genuineWithWarnings)
        #expect(verdict.warnings.first?.hasPrefix("could not be checked: the bundle carries no status list https://oliveto.example/status/revocation.jwt") == true)
    }

    @Test("a certificate its certifier revoked is a warning: the claim no longer holds")
    func certificateRevoked() throws {
        let verdict = try fixture.verifier(bundle: fixture.bundle(certifierRevoked: [Fixture.positions["eu-organic"] ?? -1]))
            .verify(fixture.code(serial: "000042"))
        #expect(verdict.kind == .genuineWithWarnings)
        #expect(verdict.warnings == ["EU organic IT-BIO-009-2026-1187 was revoked by Terra Viva Certification (revocation list of 2026-10-26T07:00:00Z); the claim no longer holds"])
    }

    @Test("a certifier's list signed by someone else makes its certificate TAMPERED")
    func forgedCertifierList() throws {
        let bundle = fixture.bundle { _ in } editLists: { lists in
            lists[fixture.certifierList] = fixture.statusList(fixture.certifierList, purpose: .revocation, set: [])
        }
        let verdict = try fixture.verifier(bundle: bundle).verify(fixture.code(serial: "000042"))
        #expect(verdict.kind == .tampered)
        #expect(verdict.reason.contains("its revocation list"))
    }

    @Test("a bundle of UNTP 0.6 passports (passport 0.1) still verifies; it simply has no status to check")
    func legacyBundle() throws {
        let verdict = try fixture.verifier(bundle: fixture.bundle(legacy: true)).verify(Self.lot)
        #expect(verdict.kind == .genuine, "\(verdict.line)")
        #expect(verdict.item?.productName == "Extra virgin olive oil")
        #expect(verdict.item?.unitsIssued == 1200)
        #expect(!verdict.checks.contains { $0.name == "status" })
        #expect(verdict.checks.contains { $0.name == "certificate EU organic" && $0.outcome == .passed })
    }
}
