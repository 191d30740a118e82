import Foundation
import PassportTestSupport
import Testing
@testable import Credentials

@Suite("Keys and KeyStore")
struct KeyStoreTests {
    private func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test("create writes keys/<id>.jwk with mode 0600 and loads it back")
    func createAndLoad() throws {
        try TemporaryFolder.withNew { project in
            let store = KeyStore(projectDirectory: project)
            let key = try store.create(id: "key-2026")
            let path = store.path(for: "key-2026")
            #expect(path == project.appendingPathComponent("keys/key-2026.jwk").path)
            #expect(try mode(of: path) == 0o600)
            #expect(try mode(of: store.directory.path) == 0o700)

            let json = try JSONValue(parsing: Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(json["kty"] == "OKP")
            #expect(json["crv"] == "Ed25519")
            #expect(json["kid"] == "key-2026")
            #expect(json["d"]?.stringValue?.count == 43)
            #expect(json["x"]?.stringValue == Base64URL.encode(key.publicKey.rawRepresentation))

            let loaded = try store.load(id: "key-2026")
            #expect(loaded.publicKey == key.publicKey)
            #expect(loaded.seed == key.seed)
        }
    }

    @Test("an existing id is refused and the file is left untouched")
    func refusesExisting() throws {
        try TemporaryFolder.withNew { project in
            let store = KeyStore(projectDirectory: project)
            let first = try store.create(id: "main")
            let error = credentialError { try store.create(id: "main") }
            #expect(error == .keyAlreadyExists(id: "main", path: store.path(for: "main")))
            #expect(error?.description.contains("already exists") == true)
            #expect(try store.load(id: "main").publicKey == first.publicKey)
        }
    }

    @Test("a group- or world-readable key file is refused with the path and the chmod fix")
    func refusesOpenPermissions() throws {
        try TemporaryFolder.withNew { project in
            let store = KeyStore(projectDirectory: project)
            try store.create(id: "shared")
            let path = store.path(for: "shared")
            for bits in [0o644, 0o640, 0o604] {
                try FileManager.default.setAttributes([.posixPermissions: bits], ofItemAtPath: path)
                let error = credentialError { try store.load(id: "shared") }
                #expect(error == .keyFileTooOpen(path: path, mode: UInt16(bits)))
                let message = error?.description ?? ""
                #expect(message.contains("chmod 600 \(path)"))
                #expect(message.contains(path))
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            #expect(throws: Never.self) { try store.load(id: "shared") }
        }
    }

    @Test("ids are validated", arguments: ["", "Key", "key_1", "key.1", "../x", String(repeating: "a", count: 33), "clé"])
    func invalidIDs(_ id: String) throws {
        try TemporaryFolder.withNew { project in
            let store = KeyStore(projectDirectory: project)
            #expect(credentialError { try store.create(id: id) } == .invalidKeyID(id))
            #expect(!FileManager.default.fileExists(atPath: store.directory.path))
        }
    }

    @Test("several keys are listed sorted; all public keys stay publishable")
    func rotation() throws {
        try TemporaryFolder.withNew { project in
            let store = KeyStore(projectDirectory: project)
            #expect(try store.ids().isEmpty)
            try store.create(id: "2026-b")
            try store.create(id: "2025")
            try store.create(id: "2026-a")
            try Data("notes".utf8).write(to: store.directory.appendingPathComponent("README.txt"))
            #expect(try store.ids() == ["2025", "2026-a", "2026-b"])
            #expect(try store.publicKeys().map(\.id) == ["2025", "2026-a", "2026-b"])
            #expect(Set(try store.publicKeys().map(\.rawRepresentation)).count == 3)
        }
    }

    private static func writePrivate(_ json: JSONValue, to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: json.serialized(), attributes: [.posixPermissions: 0o600])
    }

    @Test("missing and damaged key files give precise errors")
    func damagedFiles() throws {
        try TemporaryFolder.withNew { project in
            let store = KeyStore(projectDirectory: project)
            #expect(credentialError { try store.load(id: "nope") } == .keyNotFound(id: "nope", path: store.path(for: "nope")))

            let real = try store.create(id: "real")
            let d = JSONValue.string(Base64URL.encode(real.seed))
            let x = JSONValue.string(Base64URL.encode(real.publicKey.rawRepresentation))
            let cases: [(String, JSONValue, String)] = [
                ("wrong-kty", ["kty": "EC", "crv": "Ed25519", "kid": "wrong-kty", "d": d, "x": x], "\"kty\""),
                ("wrong-kid", ["kty": "OKP", "crv": "Ed25519", "kid": "other", "d": d, "x": x], "file name"),
                ("short-d", ["kty": "OKP", "crv": "Ed25519", "kid": "short-d", "d": "AAAA", "x": x], "\"d\""),
                ("other-x", ["kty": "OKP", "crv": "Ed25519", "kid": "other-x", "d": d, "x": .string(Base64URL.encode([UInt8](repeating: 1, count: 32)))], "does not belong"),
            ]
            for (id, json, fragment) in cases {
                Self.writePrivate(json, to: store.path(for: id))
                let error = credentialError { try store.load(id: id) }
                #expect(error?.description.contains(fragment) == true, "\(String(describing: error))")
                #expect(error?.description.contains(store.path(for: id)) == true)
                if case .invalidKeyFile = error {} else { Issue.record("expected invalidKeyFile for \(id)") }
            }
        }
    }

    @Test("public key forms: Multikey z6Mk…, fingerprint, JWK")
    func publicForms() throws {
        let key = try Fixture.rfcKey()
        #expect(Base64URL.encode(key.publicKey.rawRepresentation) == Fixture.rfcX)
        let multikey = key.publicKey.multikey
        #expect(multikey.hasPrefix("z6Mk"))
        #expect(try PublicKey(id: "again", multikey: multikey).rawRepresentation == key.publicKey.rawRepresentation)
        let fingerprint = key.publicKey.fingerprint
        #expect(fingerprint.count == 19)
        #expect(fingerprint.split(separator: " ").map(\.count) == [4, 4, 4, 4])
        #expect(fingerprint.allSatisfy { $0 == " " || $0.isHexDigit })
        #expect(key.publicKey.jwk == ["kty": "OKP", "crv": "Ed25519", "x": .string(Fixture.rfcX), "kid": "rfc8037"])
        #expect(!key.description.contains(Fixture.rfcD))
        #expect(credentialError { try PublicKey(id: "x", multikey: "6Mk") } != nil)
        #expect(credentialError { try PublicKey(id: "x", rawRepresentation: [UInt8](repeating: 0, count: 31)) } != nil)
    }
}
