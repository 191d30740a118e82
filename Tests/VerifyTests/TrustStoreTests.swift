import Credentials
import Foundation
import PassportTestSupport
import Testing
@testable import Verify

@Suite("Trust store and bundle import")
struct TrustStoreTests {
    let fixture = Fixture()

    @Test("producers and certifiers are saved deterministically and read back")
    func roundTrip() throws {
        let scratch = try TemporaryFolder()
        let folder = scratch.appending("store")
        var store = try TrustStore(directory: folder)
        try store.trustCertifier(did: fixture.certifierDID.did, name: "Terra Viva", schemes: [" EU organic "],
                                 didDocument: fixture.certifierDocument, documentPath: "t.json", now: Fixture.now)
        try store.trustProducer(did: fixture.issuer.did, name: nil, didDocument: fixture.producerDocument,
                                documentPath: "p.json", now: Fixture.now)
        try store.save()
        let first = try Data(contentsOf: store.trustFile)
        let reread = try TrustStore(directory: folder)
        #expect(reread.producers == store.producers)
        #expect(reread.certifiers == store.certifiers)
        #expect(reread.producer(did: "did:web:oliveto.example")?.name == "oliveto.example")
        #expect(reread.certifier(did: "did:web:terraviva-cert.example")?.schemes == ["EU organic"])
        try reread.save()
        #expect(try Data(contentsOf: store.trustFile) == first)
    }

    @Test("bad DIDs, unusable DID documents and certifiers without a scheme are refused")
    func refusals() throws {
        let scratch = try TemporaryFolder()
        let folder = scratch.appending("store")
        var store = try TrustStore(directory: folder)
        #expect(throws: VerifyError.invalidDID("oliveto.example", reason: "'oliveto.example' is not a valid did:web identifier: it must start with 'did:web:'.")) {
            try store.trustProducer(did: "oliveto.example", name: nil, didDocument: fixture.producerDocument,
                                    documentPath: "p.json", now: Fixture.now)
        }
        #expect(throws: VerifyError.unusableDIDDocument(path: "p.json", reason: "The DID document (did.json) is not usable: it describes did:web:oliveto.example but was fetched for did:web:other.example. Ask the producer to republish their did.json.")) {
            try store.trustProducer(did: "did:web:other.example", name: nil, didDocument: fixture.producerDocument,
                                    documentPath: "p.json", now: Fixture.now)
        }
        #expect(throws: VerifyError.noScheme(did: "did:web:terraviva-cert.example")) {
            try store.trustCertifier(did: fixture.certifierDID.did, name: nil, schemes: [" "],
                                     didDocument: fixture.certifierDocument, documentPath: "t.json", now: Fixture.now)
        }
        #expect(throws: VerifyError.notTrusted(did: "did:web:nobody.example")) { _ = try store.remove(did: "did:web:nobody.example") }
        #expect(store.producers.isEmpty && store.certifiers.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test("a damaged trust.json is reported, not ignored")
    func damaged() throws {
        let scratch = try TemporaryFolder()
        let folder = scratch.appending("store")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("{\"version\": 1, \"producers\": [{\"did\": 3}]}".utf8).write(to: folder.appendingPathComponent("trust.json"))
        #expect(throws: VerifyError.damagedTrustStore(path: folder.appendingPathComponent("trust.json").path,
                                                      reason: "a producer entry lacks \"did\", \"name\" or \"addedAt\"")) {
            _ = try TrustStore(directory: folder)
        }
    }

    @Test("importing an untrusted producer's bundle is refused with its key fingerprints, and writes nothing")
    func untrustedImport() throws {
        let scratch = try TemporaryFolder()
        let folder = scratch.appending("store")
        var store = try TrustStore(directory: folder)
        let data = fixture.bundle().json.serialized()
        #expect(throws: VerifyError.untrustedProducer(did: "did:web:oliveto.example", name: "Oliveto",
                                                      fingerprints: ["did:web:oliveto.example#main \(fixture.producerKey.publicKey.fingerprint)"],
                                                      path: "bundle.json")) {
            _ = try store.importBundle(data, path: "bundle.json", trustProducer: false, now: Fixture.now)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test("trust on first import, then updates; an older bundle is refused")
    func importFlow() throws {
        let scratch = try TemporaryFolder()
        let folder = scratch.appending("store")
        var store = try TrustStore(directory: folder)
        let first = try store.importBundle(fixture.bundle().json.serialized(), path: "b.json", trustProducer: true, now: Fixture.now)
        #expect(first.newlyTrusted?.did == "did:web:oliveto.example")
        #expect(first.batches == 2 && first.passports == 2 && first.conformityCredentials == 2)
        #expect(first.problems.isEmpty)
        #expect(first.certifiers.map(\.did) == ["did:web:terraviva-cert.example"])
        #expect(first.certifiers.first?.trusted == false)
        let again = try store.importBundle(fixture.bundle().json.serialized(), path: "b.json", trustProducer: false, now: Fixture.now)
        #expect(again.unchanged)
        let newer = fixture.bundle(createdAt: "2026-11-02T00:00:00Z", recall: .init(date: "2026-11-02", reason: "Glass fragments"))
        let update = try store.importBundle(newer.json.serialized(), path: "b.json", trustProducer: false, now: Fixture.now)
        #expect(update.replaced == XSDDateTime.date(from: "2026-10-26T07:33:20Z"))
        #expect(throws: VerifyError.olderBundle(did: "did:web:oliveto.example", imported: "2026-11-02T00:00:00Z",
                                                offered: "2026-10-26T07:33:20Z")) {
            _ = try store.importBundle(fixture.bundle().json.serialized(), path: "b.json", trustProducer: false, now: Fixture.now)
        }
        var reopened = try TrustStore(directory: folder)
        let verdict = Verifier(store: reopened, scanLog: nil, clock: { Fixture.now })
            .verify("https://oliveto.example/01/08012345000012/10/L2026A")
        #expect(verdict.kind == .recalled)
        #expect(try reopened.remove(did: "did:web:oliveto.example") == ["producer", "bundle"])
    }

    @Test("a bundle whose manifest was altered is refused; broken passports are imported and listed")
    func alteredBundle() throws {
        let scratch = try TemporaryFolder()
        let folder = scratch.appending("store")
        var store = try TrustStore(directory: folder)
        var bundle = fixture.bundle()
        let parts = bundle.manifest.split(separator: ".").map(String.init)
        let payload = try JSONValue(parsing: Base64URL.decode(parts[1]) ?? Data())
        var edited = payload
        edited["createdAt"] = "2027-01-01T00:00:00Z"
        bundle.manifest = parts[0] + "." + Base64URL.encode(edited.serialized()) + "." + parts[2]
        #expect(throws: VerifyError.bundleSignature(path: "b.json", reason: "the signature does not match for key did:web:oliveto.example#main: the content was changed after signing")) {
            _ = try store.importBundle(bundle.json.serialized(), path: "b.json", trustProducer: true, now: Fixture.now)
        }
        let broken = fixture.bundle { passports in passports["08012345000012/L2026A"] = "not.a.jwt" }
        let report = try store.importBundle(broken.json.serialized(), path: "b.json", trustProducer: true, now: Fixture.now)
        #expect(report.problems == ["08012345000012/L2026A: passport signature: it is not a readable signed credential"])
        #expect(throws: VerifyError.invalidBundle(path: "x.json", reason: "The JSON text is not valid: this is not a passport verification bundle of version 2 (it has no version).")) {
            _ = try store.importBundle(Data("{}".utf8), path: "x.json", trustProducer: true, now: Fixture.now)
        }
    }

    @Test("the default store follows PASSPORT_STORE, then XDG_DATA_HOME, then HOME")
    func defaultDirectory() {
        #expect(TrustStore.defaultDirectory(environment: ["PASSPORT_STORE": "/srv/store", "HOME": "/h"]).path == "/srv/store")
        #expect(TrustStore.defaultDirectory(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]).path == "/x/passport")
        #expect(TrustStore.defaultDirectory(environment: ["HOME": "/h"]).path == "/h/.local/share/passport")
    }
}
