import Credentials
public import Foundation
import PassportModel
import Issuance
import Output
import DigitalLink

/// `passport certify`: the certifier's side. Signs a producer's certificate record as a UNTP
/// Digital Conformity Credential with the certifier's own key, and hands it over by writing
/// `certificates/<id>.dcc.jwt` and the certifier's public DID document into the producer's project.
public enum Certify {
    public struct Result: Sendable {
        public var certificates: [String]
        public var certifierDID: String
    }

    public static func run(certifierRoot: URL, certifierDisplay: String, projectRoot: URL, projectDisplay: String,
                           certificateIDs: [String]) throws(BuildError) -> Result {
        let profile: CertifierProfile
        let project: Project
        do {
            profile = try CertifierProfile.load(root: certifierRoot, displayRoot: certifierDisplay)
            project = try ProjectLoader.load(root: projectRoot, displayRoot: projectDisplay)
        } catch { throw .project(error) }
        let certifierDID: DIDWeb, producerDID: DIDWeb, key: SigningKey, publicKeys: [PublicKey]
        do {
            certifierDID = try DIDWeb(baseURL: profile.baseURL)
            producerDID = try DIDWeb(baseURL: project.producer.baseURL)
            let store = KeyStore(projectDirectory: certifierRoot)
            key = try store.load(id: profile.signingKey)
            publicKeys = try store.ids().map { id throws(CredentialError) in
                try store.load(id: id).publicKey.withID(certifierDID.keyID(for: id))
            }
        } catch { throw .credential(error, context: "certifier") }
        let wanted = certificateIDs.isEmpty
            ? project.certificates.filter { $0.certifierDID == certifierDID.did }.map(\.id) : certificateIDs
        if wanted.isEmpty {
            throw .invalid("no certificate in \(projectDisplay.isEmpty ? "this project" : projectDisplay) names \(certifierDID.did) as its certifier — check `certifier.did` in certificates/*.yaml")
        }
        let issuer = ConformityIssuer(producer: project.producer, producerDID: producerDID)
        var outputs: [(URL, Data)] = []
        for id in wanted {
            guard let certificate = project.certificate(id) else {
                throw .invalid("no certificate `\(id)` in certificates/ — give the file name without .yaml")
            }
            guard certificate.certifierDID == certifierDID.did else {
                throw .invalid("certificates/\(id).yaml names \(certificate.certifierDID) as certifier, not you (\(certifierDID.did)) — only the named certifier may sign it")
            }
            let evidence = try EvidenceLink.resolve(certificate, projectRoot: projectRoot, producer: producerDID)
            let payload = issuer.credential(for: certificate, signedByCertifier: true,
                                            evidenceURL: evidence.url, evidenceDigest: evidence.digest)
            do {
                let jwt = try JWS.signCredential(payload, key: key, issuer: certifierDID)
                outputs.append((projectRoot.appendingPathComponent("certificates/\(id).dcc.jwt"), Data(jwt.utf8)))
            } catch { throw .credential(error, context: "signing certificates/\(id).yaml") }
        }
        let document = certifierDID.didDocument(for: publicKeys).serialized(pretty: true)
        let documentName = certifierDID.did.replacingOccurrences(of: ":", with: "_") + ".did.json"
        outputs.append((projectRoot.appendingPathComponent("certifiers/\(documentName)"), document))
        for (url, data) in outputs { try BuildError.output(try FileWriter.writeAtomically(data, to: url)) }
        return Result(certificates: wanted, certifierDID: certifierDID.did)
    }
}

/// Where a certificate's evidence is published, and its digest when it is a file in the project.
enum EvidenceLink {
    struct Resolved {
        var url: String?
        var digest: String?
    }

    /// The evidence file is read through the confined project reader: inside the project, a
    /// regular file, never from a `keys` folder.
    static func resolve(_ certificate: Certificate, projectRoot: URL, producer: DIDWeb) throws(BuildError) -> Resolved {
        switch certificate.evidence {
        case .url(let url): return Resolved(url: url)
        case .file(let file):
            let data = try BuildError.projectFile(try ProjectFolder(root: projectRoot).read(file, limit: ProjectFolder.publishedLimit))
            let path = PublishedPaths.certificateURLPath(id: certificate.id) + PublishedPaths.evidenceFileName(file)
            return Resolved(url: producer.baseURL + "/" + path, digest: SHA256Digest.hex(data))
        case nil: return Resolved()
        }
    }
}
