import Credentials
import Foundation
@testable import PassportNetwork
import Testing

@Suite("Network units")
struct NetworkTests {
    static func use(_ value: Double, _ unit: String, yield: (Double, String, String)? = nil) -> InputUse {
        InputUse(location: "batches/a.yaml:3:5: inputs[1]", name: "olives", batchLink: "https://x.example/01/08055555000014/10/L1",
                 sha256: String(repeating: "0", count: 64), quantityValue: value, quantityUnit: unit,
                 yield: yield.map { ($0.0, $0.1, $0.2) })
    }

    static func fail(_ problem: String, _ fix: String) -> NetworkError { .input(location: "here", problem: problem, fix: fix) }

    @Test("amounts convert grams, millilitres and centilitres; other units cannot be balanced")
    func amounts() {
        #expect(Amount(value: 2500, unitText: "g") == Amount(value: 2.5, unit: .kg))
        #expect(Amount(value: 750, unitText: "ml") == Amount(value: 0.75, unit: .l))
        #expect(Amount(value: 50, unitText: "cl") == Amount(value: 0.5, unit: .l))
        #expect(Amount(value: 3, unitText: "pcs") == Amount(value: 3, unit: .units))
        #expect(Amount(value: 1, unitText: "m2") == nil)
        #expect(Amount(value: 3333.3333333, unit: .kg).description == "3333.333 kg")
        #expect(Amount(value: 1, unit: .units).description == "1 unit")
    }

    @Test("a yield converts the input's unit into the upstream's; a missing or wrong yield is refused")
    func yields() throws {
        let oil = try InputCheck.drawn(Self.use(300, "l", yield: (0.15, "l", "kg")), upstream: .kg, fail: Self.fail)
        #expect(oil.used == Amount(value: 300, unit: .l))
        #expect(abs(oil.drawn.value - 2000) < 1e-9 && oil.drawn.unit == .kg)
        let millilitres = try InputCheck.drawn(Self.use(300, "l", yield: (150, "ml", "kg")), upstream: .kg, fail: Self.fail)
        #expect(abs(millilitres.drawn.value - 2000) < 1e-9)
        #expect(throws: NetworkError.self) { try InputCheck.drawn(Self.use(300, "l"), upstream: .kg, fail: Self.fail) }
        #expect(throws: NetworkError.self) {
            try InputCheck.drawn(Self.use(300, "l", yield: (0.15, "kg", "l")), upstream: .kg, fail: Self.fail)
        }
        #expect(throws: NetworkError.self) {
            try InputCheck.drawn(Self.use(12, "unit", yield: (1, "unit", "unit")), upstream: .units, fail: Self.fail)
        }
        let same = try InputCheck.drawn(Self.use(1200, "unit"), upstream: .units, fail: Self.fail)
        #expect(same.drawn == Amount(value: 1200, unit: .units))
    }

    @Test("a member list signs and reads back; another key or a changed byte is refused")
    func memberList() throws {
        let network = try DIDWeb(baseURL: "https://rete.example")
        let key = try SigningKey.generate(id: "main")
        let document = try DIDDocument(parsing: network.didDocument(for: [key.publicKey.withID(network.keyID(for: "main"))]))
        let member = try SigningKey.generate(id: "main")
        let list = MemberList(networkDID: network.did, networkName: "Rete", version: 3, issued: "2026-11-01T00:00:00Z",
                              members: [NetworkMember(did: "did:web:b.example", name: "B", since: "2026-10-01",
                                                      keys: [member.publicKey.withID("did:web:b.example#main")], website: nil),
                                        NetworkMember(did: "did:web:a.example", name: "A", since: "2026-09-01",
                                                      keys: [member.publicKey.withID("did:web:a.example#main")],
                                                      website: "https://a.example")])
        let jwt = try JWS.signCredential(list.credential(context: "https://rete.example/contexts/passport-v1.jsonld"), key: key, issuer: network)
        let read = try MemberList(verifying: jwt, keys: document, source: "list")
        #expect(read == list)
        #expect(read.members.map(\.did) == ["did:web:a.example", "did:web:b.example"])
        let other = try SigningKey.generate(id: "main")
        let forged = try JWS.signCredential(list.credential(context: ""), key: other, issuer: network)
        #expect(throws: NetworkError.self) { try MemberList(verifying: forged, keys: document, source: "list") }
    }

    @Test("did:key: the DID is the key; its document resolves the key it names")
    func didKey() throws {
        let key = try SigningKey.generate(id: "main")
        let didKey = DIDKey(publicKey: key.publicKey)
        #expect(didKey.did.hasPrefix("did:key:z6Mk"))
        #expect(try DIDKey(did: didKey.did) == didKey)
        let document = try DIDDocument(parsing: didKey.didDocument, expectedID: didKey.did)
        #expect(document.publicKey(forKeyID: didKey.keyID)?.rawRepresentation == key.publicKey.rawRepresentation)
        let jwt = try JWS.signCredential(["issuer": ["id": .string(didKey.did)]], key: key, signer: .key(didKey))
        #expect(try JWS.verify(jwt, resolver: document).key.id == didKey.keyID)
        #expect(throws: CredentialError.self) { try DIDKey(did: "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme") }
    }

    @Test("an attestation request reads back as written, and its attestation confirms exactly that share")
    func attestation() throws {
        let actor = try SigningKey.generate(id: "main")
        let didKey = DIDKey(publicKey: actor.publicKey)
        let request = AttestationRequest(producerDID: "did:web:oliveto.example", producerName: "Oliveto",
                                         context: "https://oliveto.example/contexts/passport-v1.jsonld",
                                         batchLink: "https://oliveto.example/01/08012345000029/10/N2026S", gtin: "08012345000029",
                                         lot: "N2026S", productName: "Novello", units: 300, actorID: "verdi", actorName: "Verdi",
                                         actorDID: didKey.did, share: .percent(10))
        #expect(try AttestationRequest(parsing: request.json.serialized(), file: "r.json") == request)
        let jwt = try request.sign(as: .key(didKey), name: "Verdi", key: actor, now: Date(timeIntervalSince1970: 1_793_000_000), file: "r.json")
        let claim = ShareClaim(location: "b.yaml:1:1", gtin: "08012345000029", lot: "N2026S", actorID: "verdi", actorName: "Verdi",
                               actorDID: didKey.did, share: .percent(10))
        let confirmed = try AttestationCheck.check(jwt, file: "a.jwt", claims: [claim], documents: [:])
        #expect(confirmed.did == didKey.did)
        var other = claim
        other.share = .percent(12)
        #expect(throws: NetworkError.self) { try AttestationCheck.check(jwt, file: "a.jwt", claims: [other], documents: [:]) }
        let stranger = DIDKey(publicKey: try SigningKey.generate(id: "main").publicKey)
        #expect(throws: NetworkError.self) {
            try request.sign(as: .key(stranger), name: "X", key: actor, now: Date(), file: "r.json")
        }
    }
}
