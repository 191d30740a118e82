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

    /// Signs the certificates and hands them over with the certifier's DID document and its
    /// revocation list (as of `now`), which the certifier also keeps in its own `status/` folder
    /// to publish at its site.
    public static func run(certifierRoot: URL, certifierDisplay: String, projectRoot: URL, projectDisplay: String,
                           certificateIDs: [String], now: Date) throws(BuildError) -> Result {
        let profile: CertifierProfile
        let project: Project
        let status: StatusRecords
        do {
            profile = try CertifierProfile.load(root: certifierRoot, displayRoot: certifierDisplay)
            project = try ProjectLoader.load(root: projectRoot, displayRoot: projectDisplay)
            status = try ProjectLoader.loadStatus(root: certifierRoot, displayRoot: certifierDisplay)
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
        let lists = StatusListIssuer(issuer: CredentialIssuer(id: certifierDID.did, name: profile.name),
                                     baseURL: certifierDID.baseURL)
        var certificates: [Certificate] = []
        for id in wanted {
            guard let certificate = project.certificate(id) else {
                throw .invalid("no certificate `\(id)` in certificates/ — give the file name without .yaml")
            }
            guard certificate.certifierDID == certifierDID.did else {
                throw .invalid("certificates/\(id).yaml names \(certificate.certifierDID) as certifier, not you (\(certifierDID.did)) — only the named certifier may sign it")
            }
            certificates.append(certificate)
        }
        // Only once every certificate is known to be this certifier's: positions are for ever.
        let allocation = try StatusFiles.allocate(wanted.map { statusKey(producer: producerDID, certificate: $0) },
                                                  records: status, root: certifierRoot)
        let positions = allocation.positions
        var outputs: [(URL, Data)] = []
        for certificate in certificates {
            let id = certificate.id
            let evidence = try EvidenceLink.resolve(certificate, projectRoot: projectRoot, producer: producerDID)
            let revocation = positions[statusKey(producer: producerDID, certificate: id)]
                .map { lists.entry(.revocation, position: $0) }
            let credential = issuer.credential(for: certificate, signedByCertifier: true, evidenceURL: evidence.url,
                                               evidenceDigest: evidence.digest, revocation: revocation)
            do {
                let jwt = try JWS.signCredential(try credential.json(), key: key, issuer: certifierDID)
                outputs.append((projectRoot.appendingPathComponent("certificates/\(id).dcc.jwt"), Data(jwt.utf8)))
            } catch { throw .credential(error, context: "signing certificates/\(id).yaml") }
        }
        let document = certifierDID.didDocument(for: publicKeys).serialized(pretty: true)
        let name = certifierDID.did.replacingOccurrences(of: ":", with: "_")
        outputs.append((projectRoot.appendingPathComponent("certifiers/\(name).did.json"), document))
        let list = try revocationList(lists, status: status, positions: positions, key: key, signer: certifierDID, now: now)
        outputs.append((projectRoot.appendingPathComponent("certifiers/\(name).revocation.jwt"), list))
        outputs.append((certifierRoot.appendingPathComponent(PublishedPaths.statusListJWT(.revocation)), list))
        for (url, data) in outputs { try BuildError.output(try FileWriter.writeAtomically(data, to: url)) }
        try allocation.record()
        return Result(certificates: wanted, certifierDID: certifierDID.did)
    }
}

extension Certify {
    /// How a certifier's status files name the credential of one producer's certificate.
    static func statusKey(producer: DIDWeb, certificate id: String) -> String {
        StatusRecords.certificateKey(id: producer.did + "/" + id)
    }

    /// The certifier's signed revocation list: every credential it revoked, whichever producer's.
    static func revocationList(_ lists: StatusListIssuer, status: StatusRecords, positions: [String: Int], key: SigningKey,
                               signer: DIDWeb, now: Date) throws(BuildError) -> Data {
        let revoked = status.revocations.compactMap { positions[$0.credential] ?? status.positions[$0.credential] }
        do {
            let list = try lists.credential(.revocation, set: revoked, validFrom: now)
            return Data(try JWS.signCredential(try list.json(), key: key, issuer: signer).utf8)
        } catch { throw .credential(error, context: "certifier status/revocation") }
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
