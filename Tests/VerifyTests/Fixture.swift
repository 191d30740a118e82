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

    /// Status positions of the fixture's credentials (the same in the revocation and suspension lists).
    static let positions = ["\(serializedGTIN)/\(serializedLot)": 11, "\(lotGTIN)/\(lotLot)": 22,
                            "eu-organic": 1, "regenerative-organic": 2]
    var producerList: String { issuer.baseURL + "/status/" }
    var certifierList: String { certifierDID.baseURL + "/status/revocation.jwt" }

    /// A UNTP 0.7.0 conformity credential as `passport certify` makes it (revocation in the certifier's list).
    func conformity(scheme: String, number: String, validFrom: String, validUntil: String,
                    key: SigningKey? = nil, by signer: DIDWeb? = nil, position: Int? = nil) -> String {
        let signer = signer ?? certifierDID
        let folder = issuer.baseURL + "/certificates/x/"
        let credential = ConformityCredential(
            context: [UNTPVocabulary.credentialsContext, UNTPVocabulary.untpContext],
            type: ["DigitalConformityCredential", "VerifiableCredential"], id: folder + "dcc.json",
            issuer: CredentialIssuer(id: signer.did, name: "Terra Viva Certification"), name: "\(scheme) \(number)",
            validFrom: validFrom, validUntil: validUntil,
            credentialStatus: position.map { [BitstringStatusListEntry(purpose: .revocation, index: $0, list: certifierList)] } ?? [],
            credentialSubject: ConformityAttestation(
                id: folder + "#attestation", name: "\(scheme) \(number)", assessorLevel: "3rdParty",
                assessmentLevel: "scheme-cab", attestationType: "certification",
                issuedToParty: PartyReference(id: issuer.did, name: "Oliveto"),
                referenceScheme: Criterion(type: "ConformityScheme", id: folder + "#scheme", name: scheme)))
        return (try? JWS.signCredential(try credential.json(), key: key ?? certifierKey, issuer: signer)) ?? ""
    }

    /// The two certificates of the example: EU organic (ends 2027-01-14) and ROC.
    var certificates: [String: String] {
        ["eu-organic": conformity(scheme: "EU organic", number: "IT-BIO-009-2026-1187", validFrom: "2026-01-15T00:00:00Z",
                                  validUntil: "2027-01-14T23:59:59Z", position: Self.positions["eu-organic"]),
         "regenerative-organic": conformity(scheme: "Regenerative Organic Certified", number: "ROC-IT-2026-0042",
                                            validFrom: "2026-03-01T00:00:00Z", validUntil: "2029-02-28T23:59:59Z",
                                            position: Self.positions["regenerative-organic"])]
    }

    /// A UNTP 0.7.0 passport as `passport build` makes it, claiming the given certificates (by
    /// digest), with revocation and suspension entries unless `status` is false.
    func passport(gtin: String, lot: String, name: String, units: Int, bestBefore: String,
                  claims: [(scheme: String, jwt: String)], key: SigningKey? = nil, as signer: DIDWeb? = nil,
                  recall: PassportExtension.RecallNotice? = nil, status: Bool = true) -> String {
        let url = issuer.baseURL + "/01/\(gtin)/10/\(lot)"
        let position = Self.positions["\(gtin)/\(lot)"] ?? 0
        let product = UNTPProduct(
            id: url, name: name, idScheme: UNTPVocabulary.gtinScheme, batchNumber: lot, idGranularity: "batch",
            productCategory: [Classification(code: "21673", name: "Virgin olive oil",
                                             schemeId: "https://unstats.un.org/unsd/classifications/Econ/cpc/", schemeName: "CPC")],
            producedAtFacility: FacilityReference(id: issuer.baseURL + "/#facility", name: "Oliveto"),
            countryOfProduction: Country(countryCode: "IT"),
            performanceClaim: claims.map { claim in
                Claim(id: url + "#claim", name: claim.scheme, referenceCriteria: [], claimDate: "2026-10-24",
                      claimedPerformance: [], conformityTopic: [],
                      evidence: [Link(linkURL: issuer.baseURL + "/certificates/x/dcc.jwt", linkName: claim.scheme,
                                      digestMultibase: ResourceDigest.multibase(of: Data(claim.jwt.utf8)))])
            })
        let passport = ProductPassport(
            context: [UNTPVocabulary.credentialsContext, UNTPVocabulary.untpContext], type: ["DigitalProductPassport", "VerifiableCredential"],
            id: url + "/dpp.json", issuer: CredentialIssuer(id: issuer.did, name: "Oliveto"), name: name,
            validFrom: "2026-10-24T00:00:00Z",
            credentialStatus: status ? [BitstringStatusListEntry(purpose: .revocation, index: position, list: producerList + "revocation.jwt")] : [],
            suspensionStatus: status ? BitstringStatusListEntry(purpose: .suspension, index: position, list: producerList + "suspension.jwt") : nil,
            credentialSubject: PassportSubject(product: product, extensions: PassportExtension(
                unitsProduced: units, bestBeforeDate: bestBefore, recall: recall)))
        return (try? JWS.signCredential(try passport.json(), key: key ?? producerKey, issuer: signer ?? issuer)) ?? ""
    }

    /// A passport shaped as UNTP 0.6 passports were (what passport 0.1 issued).
    func legacyPassport(gtin: String, lot: String, name: String, units: Int, bestBefore: String,
                        claims: [(scheme: String, jwt: String)]) -> String {
        let payload: JSONValue = [
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://test.uncefact.org/vocabulary/untp/dpp/0.6.0/"],
            "type": ["DigitalProductPassport", "VerifiableCredential"],
            "issuer": ["id": .string(issuer.did), "name": "Oliveto"],
            "validFrom": "2026-10-24T00:00:00Z",
            "credentialSubject": [
                "product": ["id": .string(issuer.baseURL + "/01/\(gtin)/10/\(lot)"), "name": .string(name),
                            "registeredId": .string(gtin), "batchNumber": .string(lot)],
                "unitsProduced": .int(units),
                "bestBeforeDate": .string(bestBefore),
                "conformityClaim": .array(claims.map { claim in
                    ["conformityEvidence": ["linkName": .string(claim.scheme),
                                            "hashDigest": .string(SHA256Digest.hex(Data(claim.jwt.utf8)))]]
                }),
            ],
        ]
        return (try? JWS.signCredential(payload, key: producerKey, issuer: issuer)) ?? ""
    }

    /// A signed status list of `purpose` with the given bits set, by `signer` (the producer unless given).
    func statusList(_ url: String, purpose: StatusPurpose, set: [Int], signer: DIDWeb? = nil, key: SigningKey? = nil) -> String {
        var bits = StatusBitstring()
        for index in set { bits.set(index) }
        let signer = signer ?? issuer
        guard let subject = try? BitstringStatusList(id: url + "#list", purpose: purpose, bits: bits) else { return "" }
        let list = StatusListCredential(
            context: [UNTPVocabulary.credentialsContext, UNTPVocabulary.untpContext],
            type: ["VerifiableCredential", "BitstringStatusListCredential"], id: url,
            issuer: CredentialIssuer(id: signer.did, name: "list"), name: "\(purpose.rawValue) list",
            validFrom: "2026-10-26T07:00:00Z", credentialSubject: subject)
        return (try? JWS.signCredential(try list.json(), key: key ?? producerKey, issuer: signer)) ?? ""
    }

    /// The example's bundle. `edit` may change passports, certificates, lists or manifest entries first.
    /// - Parameters:
    ///   - revoked, suspended: positions set in the producer's lists; `certifierRevoked` in the certifier's.
    func bundle(createdAt: String = "2026-10-26T07:33:20Z", recall: VerificationBundle.RecallEntry? = nil,
                certificates: [String: String]? = nil, revoked: [Int] = [], suspended: [Int] = [],
                certifierRevoked: [Int] = [], legacy: Bool = false,
                editPassports: (inout [String: String]) -> Void = { _ in },
                editLists: (inout [String: String]) -> Void = { _ in }) -> VerificationBundle {
        let certificates = certificates ?? self.certificates
        let eu = certificates["eu-organic"] ?? ""
        let roc = certificates["regenerative-organic"] ?? ""
        let serialKey = "\(Self.serializedGTIN)/\(Self.serializedLot)", lotKey = "\(Self.lotGTIN)/\(Self.lotLot)"
        let make: (String, String, String, Int, String, [(scheme: String, jwt: String)]) -> String = { gtin, lot, name, units, best, claims in
            legacy ? legacyPassport(gtin: gtin, lot: lot, name: name, units: units, bestBefore: best, claims: claims)
                : passport(gtin: gtin, lot: lot, name: name, units: units, bestBefore: best, claims: claims)
        }
        let signed = [
            serialKey: make(Self.serializedGTIN, Self.serializedLot, "Olio Novello", 300, "2027-06-30", [("EU organic", eu)]),
            lotKey: make(Self.lotGTIN, Self.lotLot, "Extra virgin olive oil", 1200, "2028-04-30",
                         [("Regenerative Organic Certified", roc), ("EU organic", eu)]),
        ]
        var passports = signed
        editPassports(&passports)
        var lists = [
            producerList + "revocation.jwt": statusList(producerList + "revocation.jwt", purpose: .revocation, set: revoked),
            producerList + "suspension.jwt": statusList(producerList + "suspension.jwt", purpose: .suspension, set: suspended),
            certifierList: statusList(certifierList, purpose: .revocation, set: certifierRevoked, signer: certifierDID, key: certifierKey),
        ]
        editLists(&lists)
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
                                        conformity: certificates, statusLists: legacy ? [:] : lists, manifest: "")
        // The producer signs what the bundle holds (an edited passport or list included: its own signature fails).
        bundle.manifest = (try? JWS.sign(
            header: ["alg": "Ed25519", "typ": "JWT", "kid": .string(issuer.keyID(for: "main"))],
            payload: bundle.manifestPayload(createdAt: createdAt, batches: entries,
                                            conformitySHA256: certificates.mapValues { SHA256Digest.hex(Data($0.utf8)) }),
            key: producerKey)) ?? ""
        return bundle
    }

    /// A verifier over `bundle`, trusting the producer and the given certifiers, at `now`, in
    /// `shop` (whose clock shows UTC).
    func verifier(bundle: VerificationBundle? = nil, certifiers: [TrustedCertifier]? = nil, now: Date = Fixture.now,
                  scanLog: ScanLog? = nil, maximumBundleAge: TimeInterval = 30 * 86_400,
                  shop: String = "shop-a") throws -> Verifier {
        let loaded = try LoadedBundle(bundle: bundle ?? self.bundle(), producer: producer,
                                      certifiers: certifiers ?? [certifier()], path: "test bundle")
        return Verifier(producers: [producer], bundles: [loaded], scanLog: scanLog,
                        options: .init(maximumBundleAge: maximumBundleAge, shop: shop,
                                       timeZone: TimeZone(identifier: "UTC") ?? .current), clock: { now })
    }
}
