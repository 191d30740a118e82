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
    }

    static func load(projectRoot: URL) throws(BuildError) -> [String: Entry] {
        let folder = ProjectFolder(root: projectRoot)
        let names = try BuildError.projectFile(try folder.names(in: "certifiers")).filter { $0.hasSuffix(".did.json") }
        var result: [String: Entry] = [:]
        for name in names {
            let data = try BuildError.projectFile(try folder.read("certifiers/\(name)", limit: ProjectFolder.documentLimit))
            do {
                let json = try JSONValue(parsing: data)
                let document = try DIDDocument(parsing: json)
                result[document.id] = Entry(document: document, json: json)
            } catch {
                throw .credential(error, context: "certifiers/\(name)")
            }
        }
        return result
    }

    /// Checks a certifier-signed credential: signature by the certifier named in the record, and
    /// that it speaks of this certificate. Returns its payload.
    static func check(_ jwt: String, for certificate: Certificate,
                      certifiers: [String: Entry]) throws(BuildError) -> JSONValue {
        guard let certifier = certifiers[certificate.certifierDID] else {
            throw .certifierCredential(certificate: certificate.id,
                                       reason: "no DID document for \(certificate.certifierDID) in certifiers/")
        }
        let verified: JWS.Verified
        do { verified = try JWS.verify(jwt, resolver: certifier.document) } catch {
            throw .certifierCredential(certificate: certificate.id, reason: error.description)
        }
        guard let payload = try? JSONValue(parsing: verified.payload) else {
            throw .certifierCredential(certificate: certificate.id, reason: "the payload is not JSON")
        }
        guard payload["issuer"]?["id"]?.stringValue == certificate.certifierDID,
              payload["credentialSubject"]?["name"]?.stringValue == "\(certificate.scheme) \(certificate.number)",
              payload["validUntil"]?.stringValue == "\(certificate.validUntil)T23:59:59Z" else {
            throw .certifierCredential(certificate: certificate.id,
                                       reason: "it does not match certificates/\(certificate.id).yaml (issuer, scheme, number or validity differ)")
        }
        return payload
    }
}
