import Credentials
import Foundation
import PassportModel
import Output

/// Certifiers' public DID documents kept in a project's `certifiers/` folder (written there by
/// `passport certify`), used to check the conformity credentials certifiers hand over.
enum CertifierDocuments {
    struct Entry {
        let document: DIDDocument
        let json: JSONValue
        /// The certifier's signed revocation list (`<did>.revocation.jwt`, handed over by
        /// `passport certify`): its URL and compact JWS.
        var revocationList: (url: String, jwt: String)?
    }

    /// The documents by DID, with the revocation lists handed over beside them; a file that
    /// cannot be used is added to `problems` and skipped.
    static func load(projectRoot: URL, problems: inout [BuildError]) -> [String: Entry] {
        let folder = ProjectFolder(root: projectRoot)
        let names: [String]
        do { names = try folder.names(in: "certifiers").filter { $0.hasSuffix(".did.json") } } catch {
            problems.append(.projectFile(error))
            return [:]
        }
        var result: [String: Entry] = [:]
        for name in names {
            do throws(BuildError) {
                result.merge([try entry(name, in: folder)]) { first, _ in first }
            } catch {
                problems.append(error)
            }
        }
        return result
    }

    private static func entry(_ name: String, in folder: ProjectFolder) throws(BuildError) -> (String, Entry) {
        let data = try BuildError.projectFile(try folder.read("certifiers/\(name)", limit: ProjectFolder.documentLimit))
        let listFile = "certifiers/" + String(name.dropLast(".did.json".count)) + ".revocation.jwt"
        let listJWT = folder.hasFile(listFile)
            ? try BuildError.projectFile(try folder.readText(listFile, limit: ProjectFolder.documentLimit))
                .trimmingCharacters(in: .whitespacesAndNewlines)
            : nil
        do {
            let json = try JSONValue(parsing: data)
            let document = try DIDDocument(parsing: json)
            var entry = Entry(document: document, json: json)
            if let listJWT {
                let verified = try CredentialVerifier(resolver: document).verify(listJWT, now: nil)
                entry.revocationList = (try StatusListCredential(json: verified.payload).id, listJWT)
            }
            return (document.id, entry)
        } catch {
            throw .credential(error, context: "certifiers/\(name)")
        }
    }

    /// Where a certifier hands over the signed credential of a certificate, in the project.
    static func handedOver(_ certificate: Certificate) -> String { "certificates/\(certificate.id).dcc.jwt" }

    /// Checks a certifier-signed credential: a vc+jwt signed by the certifier named in the
    /// record, that speaks of this certificate. Returns its payload and the credential read from it.
    static func check(_ jwt: String, for certificate: Certificate,
                      certifiers: [String: Entry]) throws(BuildError) -> (JSONValue, ConformityCredential) {
        guard let certifier = certifiers[certificate.certifierDID] else {
            throw .certifierCredential(certificate: certificate.id,
                                       reason: "no DID document for \(certificate.certifierDID) in certifiers/")
        }
        let verified: VerifiedCredential
        let credential: ConformityCredential
        do {
            verified = try CredentialVerifier(resolver: certifier.document).verify(jwt, now: nil)
            credential = try ConformityCredential.read(verified.payload)
        } catch {
            throw .certifierCredential(certificate: certificate.id, reason: error.description)
        }
        guard credential.issuer.id == certificate.certifierDID,
              credential.credentialSubject.name == "\(certificate.scheme) \(certificate.number)",
              credential.validUntil == XSDDateTime.endOfDay(certificate.validUntil) else {
            throw .certifierCredential(certificate: certificate.id,
                                       reason: "it does not match certificates/\(certificate.id).yaml (issuer, scheme, number or validity differ)")
        }
        return (verified.payload, credential)
    }

    /// The certificates of `project` a certifier has signed: a handed-over credential that checks
    /// out. One that does not is not counted (`check` and `build` refuse it, see `SigningInputs`).
    static func certifierSigned(_ project: Project) -> Set<String> {
        let root = URL(fileURLWithPath: project.root)
        var loadProblems: [BuildError] = []
        let certifiers = load(projectRoot: root, problems: &loadProblems)
        guard loadProblems.isEmpty else { return [] }
        let folder = ProjectFolder(root: root)
        var signed = Set<String>()
        for certificate in project.certificates {
            let file = handedOver(certificate)
            guard folder.hasFile(file),
                  let jwt = try? folder.readText(file, limit: ProjectFolder.documentLimit),
                  (try? check(jwt.trimmingCharacters(in: .whitespacesAndNewlines), for: certificate,
                              certifiers: certifiers)) != nil
            else { continue }
            signed.insert(certificate.id)
        }
        return signed
    }
}
