public import Credentials
public import Foundation
public import PassportModel
import Issuance
import Output

/// Every credential of a build, signed: per batch a passport and its traceability events, per
/// certificate a conformity credential, the status lists, and the producer's DID document.
public struct CredentialSet: Sendable {
    /// A signed credential, the typed credential it carries, and that credential as JSON.
    public struct Issued<Credential: Sendable>: Sendable {
        public let jwt: String
        public let credential: Credential
        public let payload: JSONValue
        public var sha256: String { SHA256Digest.hex(Data(jwt.utf8)) }
    }

    /// A certificate's credential and who signed it.
    public struct Conformity: Sendable {
        public let certificate: Certificate
        public let credential: Issued<ConformityCredential>
        public let signedByCertifier: Bool
    }

    public let issuer: DIDWeb
    public let signingKey: SigningKey
    public let publicKeys: [PublicKey]
    public let didDocument: JSONValue
    /// Certifiers' DID documents handed over with their credentials, by DID.
    public let certifierDocuments: [String: JSONValue]
    public let conformity: [Conformity]
    /// Passports by batch id.
    public let passports: [String: Issued<ProductPassport>]
    /// Traceability events by batch id.
    public let events: [String: Issued<TraceabilityCredential>]
    /// The producer's status lists.
    public let statusLists: [StatusPurpose: Issued<StatusListCredential>]
    /// Certifiers' signed revocation lists handed over with their credentials, by URL.
    public let certifierStatusLists: [String: String]
    /// The checked inputs and confirmed value shares, and what the bundle carries of them.
    public let network: ValueNetwork
    /// The status positions these credentials use; recorded in the project once the build succeeded.
    let statusAllocation: StatusFiles.Allocation

    /// Loads the keys, gives every credential its status position (recording new ones in
    /// `status/allocation.yaml`) and signs everything the project describes, as of `now`.
    public static func issue(project: Project, now: Date, displayRoot: String = "") throws(BuildError) -> CredentialSet {
        let inputs = try SigningInputs.load(project)
        let issuer = inputs.issuer, signingKey = inputs.signingKey
        let signer = Signer(key: signingKey, issuer: issuer)
        let didDocument = issuer.didDocument(for: inputs.publicKeys.map { $0.withID(issuer.keyID(for: $0.id)) })
        let allocation = try StatusFiles.allocate(project)
        let positions = allocation.positions
        let lists = StatusListIssuer(issuer: CredentialIssuer(id: issuer.did, name: project.producer.name),
                                     baseURL: issuer.baseURL)
        func entry(_ purpose: StatusPurpose, _ key: String) -> BitstringStatusListEntry? {
            positions[key].map { lists.entry(purpose, position: $0) }
        }

        let conformityIssuer = ConformityIssuer(producer: project.producer, producerDID: issuer)
        var conformity: [Conformity] = []
        for certificate in project.certificates {
            guard let prepared = inputs.certificates[certificate.id] else { continue }
            conformity.append(try issueConformity(certificate, prepared: prepared, signer: signer,
                                                  conformityIssuer: conformityIssuer,
                                                  revocation: entry(.revocation, StatusRecords.certificateKey(id: certificate.id))))
        }
        let network = try ValueNetwork.check(project, issuer: issuer, displayRoot: displayRoot)
        let passportIssuer = PassportIssuer(project: project, issuer: issuer)
        let traceability = TraceabilityIssuer(project: project, issuer: issuer)
        var passports: [String: Issued<ProductPassport>] = [:], events: [String: Issued<TraceabilityCredential>] = [:]
        var suspended: [Int] = []
        for batch in project.batches {
            guard let product = project.product(batch.product) else { continue }
            let context = "batches/\(batch.id).yaml"
            let journey = try signer.sign(traceability.credential(for: batch, product: product, inputs: network.facts[batch.id]?.inputs ?? []), context: context)
            events[batch.id] = journey
            let claims = product.certifications.compactMap { id in
                conformity.first { $0.certificate.id == id }.map { entry in
                    PassportIssuer.ClaimEvidence(
                        certificate: entry.certificate,
                        url: issuer.baseURL + "/" + PublishedPaths.certificateURLPath(id: id) + PublishedPaths.conformityJWT,
                        sha256: entry.credential.sha256, signedByCertifier: entry.signedByCertifier)
                }
            }
            let key = StatusRecords.passportKey(gtin: product.gtin, lot: batch.lot)
            let eventsURL = String(journey.credential.id.dropLast(PublishedPaths.traceabilityJSON.count)) + PublishedPaths.traceabilityJWT
            let passport = passportIssuer.credential(
                for: batch, product: product, claims: claims, events: .init(url: eventsURL, sha256: journey.sha256),
                revocation: entry(.revocation, key), suspension: entry(.suspension, key),
                network: network.facts[batch.id] ?? .init())
            passports[batch.id] = try signer.sign(passport, context: context)
            if batch.recall != nil, let position = positions[key] { suspended.append(position) }
        }

        let revoked = project.status.revocations.compactMap { positions[$0.credential] }
        var statusLists: [StatusPurpose: Issued<StatusListCredential>] = [:]
        for (purpose, set) in [(StatusPurpose.revocation, revoked), (.suspension, suspended)] {
            let list: StatusListCredential
            do { list = try lists.credential(purpose, set: set, validFrom: now) } catch {
                throw .credential(error, context: "status/\(purpose.rawValue)")
            }
            statusLists[purpose] = try signer.sign(list, context: "status/\(purpose.rawValue)")
        }
        return CredentialSet(issuer: issuer, signingKey: signingKey, publicKeys: inputs.publicKeys, didDocument: didDocument,
                             certifierDocuments: inputs.certifiers.mapValues(\.json), conformity: conformity,
                             passports: passports, events: events, statusLists: statusLists,
                             certifierStatusLists: Dictionary(inputs.certifiers.values.compactMap(\.revocationList),
                                                              uniquingKeysWith: { first, _ in first }),
                             network: network,
                             statusAllocation: allocation)
    }

    /// Signs credentials with the producer's key as `vc+jwt`.
    struct Signer {
        let key: SigningKey
        let issuer: DIDWeb

        func sign<T>(_ credential: UNTPCredential<T>, context: String) throws(BuildError) -> Issued<UNTPCredential<T>> {
            do {
                let payload = try credential.json()
                return Issued(jwt: try JWS.signCredential(payload, key: key, issuer: issuer), credential: credential,
                              payload: payload)
            } catch {
                throw .credential(error, context: context)
            }
        }
    }

    private static func issueConformity(_ certificate: Certificate, prepared: SigningInputs.CertificateInputs,
                                        signer: Signer, conformityIssuer: ConformityIssuer,
                                        revocation: BitstringStatusListEntry?) throws(BuildError) -> Conformity {
        let evidence = prepared.evidence
        if let handedOver = prepared.handedOver {
            return Conformity(certificate: certificate,
                              credential: Issued(jwt: handedOver.jwt, credential: handedOver.credential, payload: handedOver.payload),
                              signedByCertifier: true)
        }
        let credential = conformityIssuer.credential(for: certificate, signedByCertifier: false, evidenceURL: evidence.url,
                                                     evidenceDigest: evidence.digest, revocation: revocation)
        return Conformity(certificate: certificate,
                          credential: try signer.sign(credential, context: "certificates/\(certificate.id).yaml"),
                          signedByCertifier: false)
    }
}
