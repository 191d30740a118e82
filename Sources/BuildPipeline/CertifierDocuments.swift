import Credentials
import Foundation
import PassportModel

/// Certifiers' public DID documents kept in a project's `certifiers/` folder (written there by
/// `passport certify`), used to check the conformity credentials certifiers hand over.
enum CertifierDocuments {
    struct Entry {
        let document: DIDDocument
        let json: JSONValue
    }

    /// The documents by DID; a file that cannot be used is added to `problems` and skipped.
    static func load(projectRoot: URL, problems: inout [BuildError]) -> [String: Entry] {
        let folder = projectRoot.appendingPathComponent("certifiers")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".did.json") }.sorted()
        var result: [String: Entry] = [:]
        for name in names {
            let url = folder.appendingPathComponent(name)
            do {
                let json = try JSONValue(parsing: try ProjectFiles.read(url))
                let document = try DIDDocument(parsing: json)
                result[document.id] = Entry(document: document, json: json)
            } catch let error as CredentialError {
                problems.append(.credential(error, context: "certifiers/\(name)"))
            } catch let error as BuildError {
                problems.append(error)
            } catch {
                problems.append(.file(path: url.path, reason: "\(error)"))
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
