import Credentials
import Foundation
import PassportModel
import Output

/// Everything signing needs, loaded and checked before anything is signed: the producer's
/// did:web, its keys (each file's permissions included), the certifiers' DID documents, and per
/// certificate its evidence file and the credential its certifier handed over.
///
/// `build` signs only when all of it holds; `check` runs the same loading without signing, so it
/// finds everything `build` would refuse — every problem, not just the first.
struct SigningInputs {
    /// A certificate's evidence and, when its certifier signed it, the handed-over credential.
    struct CertificateInputs {
        let evidence: EvidenceLink.Resolved
        let handedOver: (jwt: String, payload: JSONValue, credential: ConformityCredential)?
    }

    let issuer: DIDWeb
    let signingKey: SigningKey
    let publicKeys: [PublicKey]
    let certifiers: [String: CertifierDocuments.Entry]
    /// By certificate id.
    let certificates: [String: CertificateInputs]

    /// Loads and checks everything.
    /// - Throws: the one problem found, or `BuildError.several` with each of them.
    static func load(_ project: Project) throws(BuildError) -> SigningInputs {
        var problems: [BuildError] = []
        let root = URL(fileURLWithPath: project.root)
        var issuer: DIDWeb?
        do { issuer = try DIDWeb(baseURL: project.producer.baseURL) } catch {
            problems.append(.credential(error, context: "passport.yaml: base_url"))
        }
        let store = KeyStore(projectDirectory: root)
        var signingKey: SigningKey?
        var publicKeys: [PublicKey] = []
        do { signingKey = try store.load(id: project.producer.signingKey) } catch {
            problems.append(.credential(error, context: "keys/"))
        }
        do {
            for id in try store.ids() where id != project.producer.signingKey {
                do { publicKeys.append(try store.load(id: id).publicKey) } catch {
                    problems.append(.credential(error, context: "keys/"))
                }
            }
        } catch { problems.append(.credential(error, context: "keys/")) }
        if let signingKey {
            publicKeys.append(signingKey.publicKey)
            publicKeys.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        }
        let certifiers = CertifierDocuments.load(projectRoot: root, problems: &problems)
        var certificates: [String: CertificateInputs] = [:]
        if let issuer {
            for certificate in project.certificates {
                do {
                    certificates[certificate.id] = try inputs(for: certificate, root: root, issuer: issuer,
                                                              certifiers: certifiers)
                } catch { problems.append(error) }
            }
        }
        guard problems.isEmpty, let issuer, let signingKey else { throw BuildError(problems) }
        return SigningInputs(issuer: issuer, signingKey: signingKey, publicKeys: publicKeys,
                             certifiers: certifiers, certificates: certificates)
    }

    private static func inputs(for certificate: Certificate, root: URL, issuer: DIDWeb,
                               certifiers: [String: CertifierDocuments.Entry]) throws(BuildError) -> CertificateInputs {
        let evidence = try EvidenceLink.resolve(certificate, projectRoot: root, producer: issuer)
        let folder = ProjectFolder(root: root), file = CertifierDocuments.handedOver(certificate)
        guard folder.hasFile(file) else { return CertificateInputs(evidence: evidence, handedOver: nil) }
        let jwt = try BuildError.projectFile(try folder.readText(file, limit: ProjectFolder.documentLimit))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let (payload, credential) = try CertifierDocuments.check(jwt, for: certificate, certifiers: certifiers)
        return CertificateInputs(evidence: evidence, handedOver: (jwt, payload, credential))
    }
}
