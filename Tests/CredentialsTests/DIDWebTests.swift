import Foundation
import Testing
@testable import Credentials

@Suite("did:web")
struct DIDWebTests {
    @Test("derivation from https addresses", arguments: [
        ("https://oliveto.example", "did:web:oliveto.example", "https://oliveto.example/.well-known/did.json"),
        ("https://Oliveto.Example/", "did:web:oliveto.example", "https://oliveto.example/.well-known/did.json"),
        ("https://oliveto.example:8443", "did:web:oliveto.example%3A8443", "https://oliveto.example:8443/.well-known/did.json"),
        ("https://oliveto.example:443", "did:web:oliveto.example", "https://oliveto.example/.well-known/did.json"),
        ("https://coop.example/producers/oliveto", "did:web:coop.example:producers:oliveto", "https://coop.example/producers/oliveto/did.json"),
        ("https://localhost:8443/a/", "did:web:localhost%3A8443:a", "https://localhost:8443/a/did.json"),
        ("https://coop.example/olio%20buono", "did:web:coop.example:olio%20buono", "https://coop.example/olio%20buono/did.json"),
    ])
    func derivation(_ url: String, _ did: String, _ documentURL: String) throws {
        let identity = try DIDWeb(baseURL: url)
        #expect(identity.did == did)
        #expect(identity.didDocumentURL == documentURL)
        #expect(try DIDWeb(did: did) == identity)
        #expect(identity.keyID(for: "key-1") == did + "#key-1")
    }

    @Test("unusable addresses are refused with the reason", arguments: [
        ("http://oliveto.example", "https"),
        ("http://localhost:8080", "https"),
        ("ftp://oliveto.example", "https"),
        ("oliveto.example", "https"),
        ("https://oliveto.example/?lang=it", "query"),
        ("https://oliveto.example/#top", "fragment"),
        ("https://user:pw@oliveto.example", "password"),
        ("https://olive_to.example", "host name"),
        ("https://", "host"),
    ])
    func refusals(_ url: String, _ word: String) {
        guard case .invalidDIDWebURL(let reported, let reason)? = credentialError({ try DIDWeb(baseURL: url) }) else {
            Issue.record("expected invalidDIDWebURL for \(url)")
            return
        }
        #expect(reported == url)
        #expect(reason.contains(word), "\(reason)")
    }

    @Test("http is refused saying why")
    func httpMessage() {
        let message = credentialError { try DIDWeb(baseURL: "http://oliveto.example") }?.description ?? ""
        #expect(message.contains("did:web only works with https"))
        #expect(message.contains("https://oliveto.example"))
    }

    @Test("malformed DIDs are refused", arguments: ["did:key:z6Mk", "did:web:", "did:web:a.example#k", "did:web:a.example%3Ax", "did:web:a.example::b"])
    func badDIDs(_ did: String) {
        #expect(credentialError { try DIDWeb(did: did) } != nil)
    }

    @Test("DID document: Multikey z6Mk entries, assertion and authentication, reads back")
    func document() throws {
        let first = try Fixture.key("2025", byte: 1)
        let second = try Fixture.key("2026", byte: 2)
        let did = Fixture.issuer
        let document = did.didDocument(for: [first.publicKey, second.publicKey])

        #expect(document["@context"] == ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"])
        #expect(document["id"] == "did:web:oliveto.example")
        let methods = try #require(document["verificationMethod"]?.arrayValue)
        #expect(methods.count == 2)
        #expect(methods[0]["id"] == "did:web:oliveto.example#2025")
        #expect(methods[0]["type"] == "Multikey")
        #expect(methods[0]["controller"] == "did:web:oliveto.example")
        #expect(methods.allSatisfy { $0["publicKeyMultibase"]?.stringValue?.hasPrefix("z6Mk") == true })
        #expect(document["assertionMethod"] == ["did:web:oliveto.example#2025", "did:web:oliveto.example#2026"])
        #expect(document["authentication"] == document["assertionMethod"])

        let parsed = try DIDDocument(parsing: document.serialized(), expectedID: did.did)
        #expect(parsed.assertionKeys.map(\.id) == ["did:web:oliveto.example#2025", "did:web:oliveto.example#2026"])
        #expect(parsed.assertionKeys.map(\.rawRepresentation) == [first.publicKey.rawRepresentation, second.publicKey.rawRepresentation])
        #expect(parsed.publicKey(forKeyID: "did:web:oliveto.example#2026")?.rawRepresentation == second.publicKey.rawRepresentation)
        #expect(parsed.publicKey(forKeyID: "#2025") != nil)
        #expect(parsed.publicKey(forKeyID: "did:web:other.example#2025") == nil)
        // Deterministic: the published file is byte-for-byte stable.
        #expect(did.didDocument(for: [first.publicKey, second.publicKey]).serialized() == document.serialized())
    }

    @Test("DID documents from elsewhere: relative ids, JWK keys, other key types skipped")
    func foreignDocument() throws {
        let key = try Fixture.key("a", byte: 3).publicKey
        let json: JSONValue = [
            "id": "did:web:coop.example",
            "verificationMethod": [
                ["id": "#a", "type": "JsonWebKey", "controller": "did:web:coop.example", "publicKeyJwk": key.withID("a").jwk],
                ["id": "#p256", "type": "Multikey", "controller": "did:web:coop.example", "publicKeyMultibase": "zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169"],
                ["id": "#x", "type": "X25519KeyAgreementKey2020", "controller": "did:web:coop.example", "publicKeyMultibase": "z6LS"],
            ],
            "assertionMethod": ["#a", "#p256"],
        ]
        let document = try DIDDocument(parsing: json)
        #expect(document.verificationMethods.map(\.id) == ["did:web:coop.example#a"])
        #expect(document.publicKey(forKeyID: "did:web:coop.example#a")?.rawRepresentation == key.rawRepresentation)
    }

    @Test("malformed DID documents are refused precisely")
    func malformedDocuments() throws {
        let good = Fixture.issuer.didDocument(for: [try Fixture.key("k", byte: 4).publicKey])
        func refused(_ change: (inout JSONValue) -> Void, _ fragment: String, expectedID: String? = nil) {
            var json = good
            change(&json)
            guard case .invalidDIDDocument(let reason)? = credentialError({ try DIDDocument(parsing: json, expectedID: expectedID) }) else {
                Issue.record("expected invalidDIDDocument containing \(fragment)")
                return
            }
            #expect(reason.contains(fragment), "\(reason)")
        }
        func method(_ edit: @escaping (inout JSONValue) -> Void) -> (inout JSONValue) -> Void {
            { json in
                var entry: JSONValue = json["verificationMethod"]?[0] ?? .null
                edit(&entry)
                json["verificationMethod"] = [entry]
            }
        }
        refused({ $0 = [1, 2] }, "not a JSON object")
        refused({ $0["id"] = 5 }, "\"id\"")
        refused({ _ in }, "fetched for did:web:elsewhere.example", expectedID: "did:web:elsewhere.example")
        refused({ $0["verificationMethod"] = "oops" }, "must be a list")
        refused(method { $0["publicKeyMultibase"] = "6Mkabc" }, "verificationMethod[0] (did:web:oliveto.example#k): \"publicKeyMultibase\" must be 'z'")
        refused(method { $0["publicKeyMultibase"] = "z6Mk0OIl" }, "base58btc")
        refused(method { $0["publicKeyMultibase"] = .string("z" + Base58BTC.encode([0xED, 0x01, 1, 2, 3])) }, "holds 3 key bytes")
        refused(method { $0["publicKeyMultibase"] = nil }, "no \"publicKeyMultibase\"")
        refused(method { $0["controller"] = nil }, "no \"controller\"")
        refused(method { $0["type"] = nil }, "no \"type\"")
        refused(method { $0["id"] = nil }, "verificationMethod[0] has no \"id\"")
        refused({ $0["assertionMethod"] = ["did:web:oliveto.example#missing"] }, "assertionMethod[0] refers to did:web:oliveto.example#missing")
        refused({ $0["assertionMethod"] = [7] }, "assertionMethod[0] must be")
        refused({ json in
            json["verificationMethod"] = [json["verificationMethod"]?[0] ?? .null, json["verificationMethod"]?[0] ?? .null]
        }, "used twice")
        #expect(credentialError { try DIDDocument(parsing: Data("{".utf8)) } != nil)
    }
}
