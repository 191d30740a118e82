import Credentials
import Foundation
import PassportTestSupport
import Testing
import Verify

/// A bundle from a real `passport build`, changed the ways an attacker or a damaged download could:
/// every changed byte of every credential, and structural edits. Each must be refused whole, with
/// the member and the reason, and leave the trust store as it was.
@Suite("Tampered bundles", .serialized)
struct TamperedBundleTests {
    /// The example built once: its bundle bytes.
    static let built: (directory: URL, bundle: Data) = {
        let folder = (try? TemporaryFolder.kept("tamper-example")) ?? FileManager.default.temporaryDirectory
        _ = try? Command.run(["init", "farm"], in: folder)
        _ = try? Command.run(["build", "farm", "--output", "out", "--no-labels"], in: folder)
        let data = (try? Data(contentsOf: folder.appendingPathComponent("out/bundle/bundle.json"))) ?? Data()
        return (folder, data)
    }()

    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func json() throws -> JSONValue { try JSONValue(parsing: built.bundle) }

    /// `text` with the character at `offset` replaced by another base64url character.
    static func flipped(_ text: String, at offset: Int) -> String {
        var characters = Array(text)
        characters[offset] = characters[offset] == "A" ? "B" : "A"
        return String(characters)
    }

    /// One credential of the bundle with one character changed.
    struct Flip: Sendable {
        var group: String
        var key: String
        var offset: Int
        var part: String
        var name: String { "\(group)/\(key) \(part) byte \(offset)" }

        func bundle(_ original: JSONValue) -> Data {
            var edited = original
            var members = original[group]?.objectValue ?? [:]
            members[key] = .string(TamperedBundleTests.flipped(members[key]?.stringValue ?? "", at: offset))
            edited[group] = .object(members)
            return edited.serialized(pretty: true)
        }
    }

    /// Every character of each part (header, payload, signature) of every credential in the bundle.
    static func flips() throws -> [Flip] {
        let bundle = try json()
        var cases: [Flip] = []
        for group in ["passports", "conformity"] {
            for (key, value) in (bundle[group]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let jwt = value.stringValue else { continue }
                let parts = ["header", "payload", "signature"]
                var part = 0
                for (offset, character) in jwt.enumerated() {
                    if character == "." { part += 1; continue }
                    cases.append(Flip(group: group, key: key, offset: offset, part: parts[min(part, 2)]))
                }
            }
        }
        return cases
    }

    /// Structural edits: `(name, bundle bytes, member named in the refusal or nil for another reason)`.
    static func structural() throws -> [(String, Data, String?)] {
        let bundle = try json()
        let certifier = "did:web:terraviva-cert.example"
        func edit(_ change: (inout JSONValue) -> Void) -> Data {
            var copy = bundle
            change(&copy)
            return copy.serialized(pretty: true)
        }
        func member(_ group: String, _ key: String, _ value: JSONValue?) -> (inout JSONValue) -> Void {
            { json in
                var members = json[group]?.objectValue ?? [:]
                members[key] = value
                json[group] = .object(members)
            }
        }
        let passports = bundle["passports"]?.objectValue ?? [:]
        let conformity = bundle["conformity"]?.objectValue ?? [:]
        let passportKey = passports.keys.sorted().first ?? ""
        let otherPassport = passports.keys.sorted().last ?? ""
        let certificate = conformity.keys.sorted().first ?? ""
        let otherCertificate = conformity.keys.sorted().last ?? ""
        var document = bundle["certifiers"]?[certifier] ?? .null
        document["service"] = .array([["id": "#evil", "type": "LinkedDomains", "serviceEndpoint": "https://evil.example"]])
        var producerDocument = bundle["didDocument"] ?? .null
        producerDocument["alsoKnownAs"] = .array(["did:web:evil.example"])
        return [
            ("producer name changed", edit { $0["producer"] = ["id": "did:web:oliveto.example", "name": "Evil Oils"] }, "producer"),
            ("producer DID document changed", edit { $0["didDocument"] = producerDocument }, "didDocument"),
            ("certifier DID document changed", edit(member("certifiers", certifier, document)), "certifiers/\(certifier)"),
            ("certifier DID document removed", edit(member("certifiers", certifier, nil)), "certifiers/\(certifier)"),
            ("certifier DID document added", edit(member("certifiers", "did:web:evil.example", document)), "certifiers/did:web:evil.example"),
            ("conformity credential removed", edit(member("conformity", certificate, nil)), "conformity/\(certificate)"),
            ("conformity credentials swapped", edit { json in
                json["conformity"] = .object([certificate: conformity[otherCertificate] ?? .null,
                                              otherCertificate: conformity[certificate] ?? .null])
            }, "conformity/\(certificate)"),
            ("conformity credential added", edit(member("conformity", "evil", conformity[certificate])), "conformity/evil"),
            ("passport removed", edit(member("passports", passportKey, nil)), "passports/\(passportKey)"),
            ("passport moved to another batch", edit { json in
                json["passports"] = .object([passportKey: passports[otherPassport] ?? .null, otherPassport: passports[passportKey] ?? .null])
            }, "passports/\(passportKey)"),
            ("passport added", edit(member("passports", "08012345000012/EVIL", passports[passportKey])), "passports/08012345000012/EVIL"),
            ("credential replaced by a number", edit(member("passports", passportKey, .int(1))), nil),
            ("unknown member added", edit { $0["status"] = ["x": 1] }, nil),
            ("version 1", edit { $0["version"] = 1 }, nil),
            ("manifest removed", edit { $0["manifest"] = nil }, nil),
            ("manifest of another bundle", edit { json in
                json["manifest"] = .string(Self.otherManifest)
            }, nil),
        ]
    }

    /// A manifest the same producer signed for other content (the example with one more unit made).
    static let otherManifest: String = {
        let folder = built.directory
        let copy = folder.appendingPathComponent("farm2")
        try? FileManager.default.removeItem(at: copy)
        _ = try? ExternalTool.run("/bin/cp", ["-a", folder.appendingPathComponent("farm").path, copy.path])
        let batch = copy.appendingPathComponent("batches/novello-2026-s.yaml")
        if let text = try? String(contentsOf: batch, encoding: .utf8) {
            try? text.replacingOccurrences(of: "quantity: 300", with: "quantity: 301").write(to: batch, atomically: true, encoding: .utf8)
        }
        _ = try? Command.run(["build", "farm2", "--output", "out2", "--no-labels"], in: folder)
        let other = (try? Data(contentsOf: folder.appendingPathComponent("out2/bundle/bundle.json")))
            .flatMap { try? JSONValue(parsing: $0) }
        return other?["manifest"]?.stringValue ?? ""
    }()

    /// A store folder's files and their bytes.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) { files[path] = data }
        }
        return files
    }

    @Test("the built bundle imports; every changed byte of every credential, and every structural edit, is refused whole")
    func everyByte() throws {
        let store = try TemporaryFolder()
        var trust = try TrustStore(directory: store.url)
        _ = try trust.importBundle(Self.built.bundle, path: "bundle.json", trustProducer: true, now: Self.now)
        let before = Self.snapshot(store.url)
        #expect(before.keys.sorted().count == 2)

        // Every flip, on both cores; each import reads the store afresh and must leave it as it was.
        let original = try Self.json()
        let flips = try Self.flips()
        let outcomes = Outcomes()
        let folder = store.url
        DispatchQueue.concurrentPerform(iterations: flips.count) { index in
            let flip = flips[index]
            do {
                outcomes.add(flip.name, try Self.refusal(flip.bundle(original), store: folder))
            } catch {
                Issue.record("\(flip.name): the store could not be opened: \(error)")
            }
        }
        var imported = outcomes.imported
        var refused = outcomes.refused.count, total = flips.count
        for (name, member) in outcomes.refused where !name.hasPrefix(member + " ") {
            Issue.record("\(name) was refused naming \(member)")
        }
        for (name, data, member) in try Self.structural() {
            total += 1
            guard let error = try Self.refusal(data, store: store.url) else {
                imported.append(name)
                continue
            }
            refused += 1
            if let member { #expect(Self.member(error) == member, "\(name): \(error)") }
        }
        #expect(imported.isEmpty, "imported: \(imported)")
        #expect(refused == total)
        #expect(total > 3_000)
        #expect(Self.snapshot(store.url) == before, "a refused import changed the trust store")
        print("tampered bundles refused: \(refused)/\(total)")
    }

    /// Why importing `data` into the store at `store` was refused; nil when it was imported.
    static func refusal(_ data: Data, store: URL) throws -> VerifyError? {
        var trust = try TrustStore(directory: store)
        do {
            _ = try trust.importBundle(data, path: "b.json", trustProducer: false, now: now)
            return nil
        } catch {
            return error
        }
    }

    /// The member an `alteredBundle` refusal names ("" for another refusal).
    static func member(_ error: VerifyError) -> String {
        if case .alteredBundle(_, let member, _) = error { return member }
        return ""
    }

    @Test("through `passport trust import`: the member and the reason, exit 1, the store unchanged")
    func throughTheCommand() throws {
        let store = try TemporaryFolder()
        let environment = ["PASSPORT_STORE": store.url.path]
        let bundlePath = Self.built.directory.appendingPathComponent("out/bundle/bundle.json").path
        let first = try Command.run(["trust", "import", bundlePath, "--trust-producer"], environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        let before = Self.snapshot(store.url)
        let header = try #require(try Self.flips().first { $0.group == "conformity" && $0.part == "header" })
        let structural = try Self.structural()
        let cases = [(header.name, header.bundle(try Self.json()))] + structural.filter { ["producer name changed", "certifier DID document changed"].contains($0.0) }
            .map { ($0.0, $0.1) }
        for (name, data) in cases {
            let file = store.url.deletingLastPathComponent().appendingPathComponent("tampered-\(UUID().uuidString).json")
            try data.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let result = try Command.run(["trust", "import", file.path], environment: environment)
            #expect(result.status == 1, "\(name)")
            #expect(result.stderr.hasPrefix("\(file.path) was altered after the producer signed it: "), "\(name): \(result.stderr)")
            #expect(result.stderr.hasSuffix("Nothing was imported; do not use this file, and download the bundle again from the producer's site.\n"))
            #expect(result.stdout.isEmpty)
            #expect(Self.snapshot(store.url) == before, "\(name) changed the store")
        }
    }
}

/// What the concurrent imports found: names imported, and names refused with the member named.
final class Outcomes: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private let lock = NSLock()
    private(set) var imported: [String] = []
    private(set) var refused: [(name: String, member: String)] = []

    func add(_ name: String, _ error: VerifyError?) {
        lock.withLock {
            if let error { refused.append((name, TamperedBundleTests.member(error))) } else { imported.append(name) }
        }
    }
}
