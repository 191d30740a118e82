public import Credentials
import Foundation
public import PassportModel
import Issuance
import Output

/// Every credential of a build, signed: one passport per batch, one conformity credential per
/// certificate, and the producer's DID document.
public struct CredentialSet: Sendable {
    /// A signed credential and the payload it carries.
    public struct Issued: Sendable {
        public let jwt: String
        public let payload: JSONValue
        public var sha256: String { SHA256Digest.hex(Data(jwt.utf8)) }
    }

    /// A certificate's credential and who signed it.
    public struct Conformity: Sendable {
        public let certificate: Certificate
        public let credential: Issued
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
    public let passports: [String: Issued]

    /// Loads the keys and signs everything the project describes.
    public static func issue(project: Project) throws(BuildError) -> CredentialSet {
        let root = URL(fileURLWithPath: project.root)
        let issuer: DIDWeb
        do { issuer = try DIDWeb(baseURL: project.producer.baseURL) } catch {
            throw .credential(error, context: "passport.yaml: base_url")
        }
        let store = KeyStore(projectDirectory: root)
        let signingKey: SigningKey
        var publicKeys: [PublicKey] = []
        do {
            signingKey = try store.load(id: project.producer.signingKey)
            for id in try store.ids() { publicKeys.append(try store.load(id: id).publicKey) }
        } catch {
            throw .credential(error, context: "keys/")
        }
        let didDocument = issuer.didDocument(for: publicKeys.map { $0.withID(issuer.keyID(for: $0.id)) })
        let certifiers = try CertifierDocuments.load(projectRoot: root)
        let conformityIssuer = ConformityIssuer(producer: project.producer, producerDID: issuer)
        var conformity: [Conformity] = []
        for certificate in project.certificates {
            conformity.append(try issueConformity(certificate, root: root, issuer: issuer, key: signingKey,
                                                  conformityIssuer: conformityIssuer, certifiers: certifiers))
        }
        let passportIssuer = PassportIssuer(project: project, issuer: issuer)
        var passports: [String: Issued] = [:]
        for batch in project.batches {
            guard let product = project.product(batch.product) else { continue }
            let claims = product.certifications.compactMap { id in
                conformity.first { $0.certificate.id == id }.map { entry in
                    PassportIssuer.ClaimEvidence(
                        certificate: entry.certificate,
                        url: issuer.baseURL + "/" + PublishedPaths.certificateURLPath(id: id) + PublishedPaths.conformityJWT,
                        sha256: entry.credential.sha256)
                }
            }
            let payload = passportIssuer.credential(for: batch, product: product, claims: claims)
            passports[batch.id] = try sign(payload, key: signingKey, issuer: issuer, context: "batches/\(batch.id).yaml")
        }
        return CredentialSet(issuer: issuer, signingKey: signingKey, publicKeys: publicKeys, didDocument: didDocument,
                             certifierDocuments: certifiers.mapValues(\.json), conformity: conformity,
                             passports: passports)
    }

    private static func sign(_ payload: JSONValue, key: SigningKey, issuer: DIDWeb,
                             context: String) throws(BuildError) -> Issued {
        do {
            return Issued(jwt: try JWS.signCredential(payload, key: key, issuer: issuer), payload: payload)
        } catch {
            throw .credential(error, context: context)
        }
    }

    private static func issueConformity(_ certificate: Certificate, root: URL, issuer: DIDWeb, key: SigningKey,
                                        conformityIssuer: ConformityIssuer,
                                        certifiers: [String: CertifierDocuments.Entry]) throws(BuildError) -> Conformity {
        let evidence = try EvidenceLink.resolve(certificate, projectRoot: root, producer: issuer)
        let folder = ProjectFolder(root: root)
        let handedOver = "certificates/\(certificate.id).dcc.jwt"
        if folder.hasFile(handedOver) {
            let jwt = try BuildError.projectFile(try folder.readText(handedOver, limit: ProjectFolder.documentLimit))
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let payload = try CertifierDocuments.check(jwt, for: certificate, certifiers: certifiers)
            return Conformity(certificate: certificate, credential: Issued(jwt: jwt, payload: payload),
                              signedByCertifier: true)
        }
        let payload = conformityIssuer.credential(for: certificate, signedByCertifier: false,
                                                  evidenceURL: evidence.url, evidenceDigest: evidence.digest)
        return Conformity(certificate: certificate,
                          credential: try sign(payload, key: key, issuer: issuer, context: "certificates/\(certificate.id).yaml"),
                          signedByCertifier: false)
    }
}
