import Credentials
import Foundation
@testable import Verify

/// A producer (Oliveto) and a certifier (Terra Viva) with fixed keys, and bundles shaped like the
/// ones `passport build` writes: a serialized batch and a lot batch, with certificates.
struct Fixture {
    static let serializedGTIN = "08012345000029"
    static let serializedLot = "N2026S"
    static let lotGTIN = "08012345000012"
    static let lotLot = "L2026A"
    static let now = XSDDateTime.date(from: "2026-11-05T10:00:00Z") ?? Date()

    let producerKey: SigningKey
    let issuer: DIDWeb
    let certifierKey: SigningKey
    let certifierDID: DIDWeb

    init() {
        do {
            producerKey = try SigningKey(id: "main", seed: Data(repeating: 1, count: 32))
            issuer = try DIDWeb(baseURL: "https://oliveto.example")
            certifierKey = try SigningKey(id: "main", seed: Data(repeating: 2, count: 32))
            certifierDID = try DIDWeb(baseURL: "https://terraviva-cert.example")
        } catch {
            fatalError("fixture keys: \(error)")
        }
    }

    var producer: TrustedProducer {
        TrustedProducer(did: issuer.did, name: "Oliveto", keys: [producerKey.publicKey.withID(issuer.keyID(for: "main"))],
                        addedAt: "2026-01-01T00:00:00Z")
    }

    func certifier(schemes: [String] = ["EU organic", "Regenerative Organic Certified"]) -> TrustedCertifier {
        TrustedCertifier(did: certifierDID.did, name: "Terra Viva",
                         keys: [certifierKey.publicKey.withID(certifierDID.keyID(for: "main"))],
                         schemes: schemes, addedAt: "2026-01-01T00:00:00Z")
    }

    var producerDocument: JSONValue { issuer.didDocument(for: producer.keys) }
    var certifierDocument: JSONValue { certifierDID.didDocument(for: certifier().keys) }

    /// A unit code signed by the producer (or by `key`).
    func code(serial: String, gtin: String = serializedGTIN, lot: String = serializedLot, key: SigningKey? = nil) -> String {
        (try? UnitCode.text(baseURL: issuer.baseURL, gtin: gtin, lot: lot, serial: serial, key: key ?? producerKey)) ?? ""
    }

    /// A conformity credential as `passport certify` makes it.
    func conformity(scheme: String, number: String, validFrom: String, validUntil: String,
                    key: SigningKey? = nil, by signer: DIDWeb? = nil) -> String {
        let signer = signer ?? certifierDID
        let payload: JSONValue = [
            "type": ["DigitalConformityCredential", "VerifiableCredential"],
            "issuer": ["id": .string(signer.did), "name": "Terra Viva Certification"],
            "validFrom": .string(validFrom), "validUntil": .string(validUntil),
            "credentialSubject": [
                "name": .string("\(scheme) \(number)"),
                "assessment": [["name": .string(scheme), "referenceStandard": ["name": .string(scheme)]]],
            ],
        ]
        return (try? JWS.signCredential(payload, key: key ?? certifierKey, issuer: signer)) ?? ""
    }

    /// The two certificates of the example: EU organic (ends 2027-01-14) and ROC.
    var certificates: [String: String] {
        ["eu-organic": conformity(scheme: "EU organic", number: "IT-BIO-009-2026-1187",
                                  validFrom: "2026-01-15T00:00:00Z", validUntil: "2027-01-14T23:59:59Z"),
         "regenerative-organic": conformity(scheme: "Regenerative Organic Certified", number: "ROC-IT-2026-0042",
                                            validFrom: "2026-03-01T00:00:00Z", validUntil: "2029-02-28T23:59:59Z")]
    }

    /// A passport as `passport build` makes it, claiming the given certificates.
    func passport(gtin: String, lot: String, name: String, units: Int, bestBefore: String,
                  claims: [(scheme: String, jwt: String)], key: SigningKey? = nil, as signer: DIDWeb? = nil) -> String {
        let payload: JSONValue = [
            "type": ["DigitalProductPassport", "VerifiableCredential"],
            "issuer": ["id": .string(issuer.did), "name": "Oliveto"],
            "validFrom": "2026-10-24T00:00:00Z",
            "credentialSubject": [
                "product": ["name": .string(name), "registeredId": .string(gtin), "batchNumber": .string(lot)],
                "unitsProduced": .int(units),
                "bestBeforeDate": .string(bestBefore),
                "conformityClaim": .array(claims.map { claim in
                    ["conformityEvidence": ["linkName": .string(claim.scheme),
                                            "hashDigest": .string(SHA256Digest.hex(Data(claim.jwt.utf8)))]]
                }),
            ],
        ]
        return (try? JWS.signCredential(payload, key: key ?? producerKey, issuer: signer ?? issuer)) ?? ""
    }

    /// The example's bundle. `edit` may change passports, certificates or manifest entries first.
    func bundle(createdAt: String = "2026-10-26T07:33:20Z", recall: VerificationBundle.RecallEntry? = nil,
                certificates: [String: String]? = nil,
                editPassports: (inout [String: String]) -> Void = { _ in }) -> VerificationBundle {
        let certificates = certificates ?? self.certificates
        let eu = certificates["eu-organic"] ?? ""
        let roc = certificates["regenerative-organic"] ?? ""
        let serialKey = "\(Self.serializedGTIN)/\(Self.serializedLot)", lotKey = "\(Self.lotGTIN)/\(Self.lotLot)"
        let signed = [
            serialKey: passport(gtin: Self.serializedGTIN, lot: Self.serializedLot, name: "Olio Novello", units: 300,
                                bestBefore: "2027-06-30", claims: [("EU organic", eu)]),
            lotKey: passport(gtin: Self.lotGTIN, lot: Self.lotLot, name: "Extra virgin olive oil", units: 1200,
                             bestBefore: "2028-04-30", claims: [("Regenerative Organic Certified", roc), ("EU organic", eu)]),
        ]
        var passports = signed
        editPassports(&passports)
        let entries = [
            VerificationBundle.BatchEntry(gtin: Self.serializedGTIN, lot: Self.serializedLot,
                                          passportSHA256: SHA256Digest.hex(Data((signed[serialKey] ?? "").utf8)),
                                          serials: .init(prefix: "", first: 1, count: 300, digits: 6), recalled: nil),
            VerificationBundle.BatchEntry(gtin: Self.lotGTIN, lot: Self.lotLot,
                                          passportSHA256: SHA256Digest.hex(Data((signed[lotKey] ?? "").utf8)),
                                          serials: nil, recalled: recall),
        ]
        var bundle = VerificationBundle(producerDID: issuer.did, producerName: "Oliveto", didDocument: producerDocument,
                                        certifierDocuments: [certifierDID.did: certifierDocument], passports: passports,
                                        conformity: certificates, manifest: "")
        // The producer signs what the bundle holds (an edited passport included: its own signature fails).
        bundle.manifest = (try? JWS.sign(
            header: ["alg": "Ed25519", "typ": "JWT", "kid": .string(issuer.keyID(for: "main"))],
            payload: bundle.manifestPayload(createdAt: createdAt, batches: entries,
                                            conformitySHA256: certificates.mapValues { SHA256Digest.hex(Data($0.utf8)) }),
            key: producerKey)) ?? ""
        return bundle
    }

    /// A verifier over `bundle`, trusting the producer and the given certifiers, at `now`.
    func verifier(bundle: VerificationBundle? = nil, certifiers: [TrustedCertifier]? = nil, now: Date = Fixture.now,
                  scanLog: ScanLog? = nil, maximumBundleAge: TimeInterval = 30 * 86_400) throws -> Verifier {
        let loaded = try LoadedBundle(bundle: bundle ?? self.bundle(), producer: producer,
                                      certifiers: certifiers ?? [certifier()], path: "test bundle")
        return Verifier(producers: [producer], bundles: [loaded], scanLog: scanLog,
                        options: .init(maximumBundleAge: maximumBundleAge, shop: "shop-a"), clock: { now })
    }
}
