import Credentials
import Foundation
@testable import PassportNetwork
import Testing

/// The network in the typed UNTP 0.7.0 model: an upstream passport of UNTP 0.6.x still reads, a
/// passport's inputs are read from `upstreamInputs` and from `untp:dpp` links, and every term of
/// the network's own credentials is defined by our published context.
@Suite("Network and the typed model")
struct NetworkModelTests {
    static let gtin = "08055555000014"
    static let lot = "R2026-10"

    /// An upstream producer whose passport was written by an older passport, in UNTP 0.6.0:
    /// `product.registeredId`, no `idScheme`, units produced and a journey as extension terms.
    static func legacyUpstream() throws -> (party: UpstreamParty, jwt: String) {
        let did = try DIDWeb(baseURL: "https://podere-rossi.example")
        let key = try SigningKey.generate(id: "main")
        let payload: JSONValue = [
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://test.uncefact.org/vocabulary/untp/dpp/0.6.0/",
                         "https://podere-rossi.example/contexts/passport-v1.jsonld"],
            "type": ["DigitalProductPassport", "VerifiableCredential"],
            "id": "https://podere-rossi.example/01/08055555000014/10/R2026-10/dpp.json",
            "issuer": ["type": ["CredentialIssuer"], "id": .string(did.did), "name": "Podere Rossi"],
            "validFrom": "2026-10-20T00:00:00Z",
            "credentialSubject": [
                "type": ["ProductPassport"], "id": "https://podere-rossi.example/01/08055555000014/10/R2026-10",
                "granularityLevel": "batch",
                "product": ["type": ["Product"], "id": "https://podere-rossi.example/01/08055555000014",
                            "name": "Olives for oil", "registeredId": .string(gtin), "batchNumber": .string(lot)],
                "unitsProduced": 100,
                "journey": [["actorId": "rossi", "actorName": "Podere Rossi", "actorRole": "grower", "place": "Montalcino",
                             "latitude": 43.05, "longitude": 11.49, "stepDate": "2026-10-18", "activity": "Harvest"]],
            ],
        ]
        let jwt = try JWS.signCredential(payload, key: key, issuer: did)
        let manifest = try JWS.sign(
            header: ["alg": "Ed25519", "typ": "JWT", "kid": .string(did.keyID(for: "main"))],
            payload: VerificationBundle.manifestPayload(
                issuer: did.did, createdAt: "2026-10-21T00:00:00Z",
                batches: [.init(gtin: gtin, lot: lot, passportSHA256: SHA256Digest.hex(Data(jwt.utf8)), serials: nil, recalled: nil)],
                conformitySHA256: [:], members: [:]),
            key: key)
        let document = did.didDocument(for: [key.publicKey.withID(did.keyID(for: "main"))])
        return (try UpstreamParty(did: did.did, didDocument: document, manifest: manifest, source: "upstream/podere-rossi.example"), jwt)
    }

    @Test("an upstream passport of UNTP 0.6.0 is checked and read: batch, producer, quantity, journey")
    func legacyUpstreamReads() throws {
        let (party, jwt) = try Self.legacyUpstream()
        let passport = try party.check(passport: jwt, gtin: Self.gtin, lot: Self.lot, source: "dpp.jwt")
        #expect(passport.identifies(gtin: Self.gtin, lot: Self.lot))
        let facts = UpstreamPassportFacts(passport: passport)
        #expect(facts.producerName == "Podere Rossi")
        #expect(facts.productName == "Olives for oil")
        #expect(facts.passportID == "https://podere-rossi.example/01/08055555000014/10/R2026-10/dpp.json")
        #expect(facts.output == Amount(value: 100, unit: .units))
        #expect(facts.journey.map(\.place) == ["Montalcino"])
        // Another lot of the same passport is refused, naming it.
        #expect(throws: NetworkError.untrustworthyUpstream(source: "dpp.jwt", reason: "lot R2026-11 of GTIN 08055555000014 is not in did:web:podere-rossi.example's signed manifest")) {
            try party.check(passport: jwt, gtin: Self.gtin, lot: "R2026-11", source: "dpp.jwt")
        }
    }

    @Test("a passport's inputs: upstreamInputs, and untp:dpp links that no entry names")
    func claimsFromTypedPassport() throws {
        let digest = String(repeating: "ab", count: 32), other = String(repeating: "cd", count: 32)
        let product = UNTPProduct(
            id: "https://oliveto.example/01/08012345000012/10/L1", name: "Oil", idScheme: UNTPVocabulary.gtinScheme,
            batchNumber: "L1", idGranularity: "batch", productCategory: [],
            relatedDocument: [
                Link(linkURL: "https://a.example/dpp.jwt", linkName: "A", digestMultibase: ResourceDigest.multibase(hex: digest),
                     linkType: UNTPVocabulary.LinkType.dpp.iri),
                Link(linkURL: "https://b.example/dpp.jwt", linkName: "Bottles from B",
                     digestMultibase: ResourceDigest.multibase(hex: other), linkType: UNTPVocabulary.LinkType.dpp.iri),
                Link(linkURL: "https://oliveto.example/dte.jwt", linkName: "Journey", linkType: UNTPVocabulary.LinkType.dte.iri),
            ],
            producedAtFacility: nil, countryOfProduction: nil)
        let extensions = PassportExtension(
            valueShares: [.init(actorId: "rossi", actorName: "Rossi", actorRole: "grower", amountPerUnit: 2.4, currency: "EUR",
                                confirmedBy: "did:web:a.example", confirmedByName: "Rossi",
                                confirmation: "https://oliveto.example/a.jwt", confirmationSHA256: other)],
            upstreamInputs: [.init(inputName: "Olives", upstreamPassport: "https://a.example/dpp.json", sha256: digest,
                                   upstreamBatch: "https://a.example/01/08055555000014/10/R1", upstreamProducer: "did:web:a.example",
                                   upstreamProducerName: "Rossi")])
        let passport = ProductPassport(context: [UNTPVocabulary.credentialsContext, UNTPVocabulary.untpContext],
                                       type: ["DigitalProductPassport", "VerifiableCredential"], id: "x", issuer: .init(id: "did:web:oliveto.example", name: "O"),
                                       name: "Oil", validFrom: "2026-01-01T00:00:00Z",
                                       credentialSubject: PassportSubject(product: product, extensions: extensions))
        // Through JSON and back, as the verifier reads it.
        let claims = NetworkTerms.Claims(passport: try ProductPassport.read(try passport.json()))
        #expect(claims.inputs.map(\.name) == ["Olives", "Bottles from B"])
        #expect(claims.inputs.map(\.passportSHA256) == [digest, other])
        #expect(claims.inputs.first?.producerDID == "did:web:a.example")
        #expect(claims.inputs.last?.producerDID == nil)
        #expect(claims.shares.first?.confirmedBy == "did:web:a.example")
        #expect(claims.shares.first?.confirmationSHA256 == other)
    }

    @Test("every key of an attestation and a member list is a term of our context or of VCDM 2.0")
    func networkTermsDefined() throws {
        let defined = Set(PassportContext.document["@context"]?.objectValue?.keys.map { $0 } ?? [])
        // Terms the W3C VCDM 2.0 context defines, which these credentials use.
        let vcdm: Set<String> = ["@context", "id", "type", "name", "description", "issuer", "validFrom", "validUntil",
                                 "credentialSubject", "VerifiableCredential"]
        func undefined(_ json: JSONValue) -> Set<String> {
            var result: Set<String> = []
            if let object = json.objectValue {
                for (key, value) in object {
                    if !defined.contains(key) && !vcdm.contains(key) { result.insert(key) }
                    if key != "@context" { result.formUnion(undefined(value)) }
                }
                for type in object["type"]?.arrayValue?.compactMap(\.stringValue) ?? []
                where !defined.contains(type) && !vcdm.contains(type) { result.insert(type) }
            } else if let list = json.arrayValue {
                for item in list { result.formUnion(undefined(item)) }
            }
            return result
        }
        let request = AttestationRequest(producerDID: "did:web:oliveto.example", producerName: "Oliveto", context: "c",
                                         batchLink: "https://oliveto.example/01/08012345000029/10/N", gtin: "08012345000029",
                                         lot: "N", productName: "Novello", units: 300, actorID: "verdi", actorName: "Verdi",
                                         actorDID: nil, share: .amount(1.9, currency: "EUR"))
        let percent = AttestationRequest(producerDID: "did:web:oliveto.example", producerName: "Oliveto", context: "c",
                                         batchLink: "https://oliveto.example/01/08012345000029/10/N", gtin: "08012345000029",
                                         lot: "N", productName: "Novello", units: 300, actorID: "verdi", actorName: "Verdi",
                                         actorDID: nil, share: .percent(10))
        let key = try SigningKey.generate(id: "main").publicKey
        let list = MemberList(networkDID: "did:web:rete.example", networkName: "Rete", version: 1, issued: "2026-11-01T00:00:00Z",
                              members: [NetworkMember(did: "did:web:a.example", name: "A", since: "2026-09-01",
                                                      keys: [key.withID("did:web:a.example#main")], website: "https://a.example")],
                              certifiers: [RecognisedCertifier(did: "did:web:c.example", name: "C", schemes: ["EU organic"],
                                                               keys: [key.withID("did:web:c.example#main")])])
        let now = Date(timeIntervalSince1970: 1_793_000_000)
        for credential in [request.credential(issuer: "did:key:z6Mk", issuerName: "Verdi", now: now),
                           percent.credential(issuer: "did:key:z6Mk", issuerName: "Verdi", now: now), list.credential(context: "c")] {
            #expect(undefined(credential).isEmpty, "\(undefined(credential).sorted())")
        }
    }
}
