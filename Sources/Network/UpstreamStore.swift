public import Credentials
public import Foundation
internal import DigitalLink

/// The `upstream/` folder of a producer project: what `passport inputs add` imported from each
/// upstream producer, as plain files to review in git —
///
/// ```
/// upstream/<host>/did.json                     the upstream producer's DID document
/// upstream/<host>/manifest.jwt                 its signed bundle manifest (batches, digests, recalls)
/// upstream/<host>/01/<gtin>/10/<lot>/dpp.jwt   each signed passport imported
/// ```
public struct UpstreamStore: Sendable {
    /// `<project>/upstream`.
    public let directory: URL

    public static let didDocumentFile = "did.json"
    public static let manifestFile = "manifest.jwt"

    public init(projectRoot: URL) {
        directory = projectRoot.appendingPathComponent("upstream", isDirectory: true)
    }

    /// The folder name of an upstream producer: its DID without `did:web:`, every character other
    /// than letters, digits, `.` and `-` as `_` (`did:web:podere-rossi.example` → `podere-rossi.example`).
    public static func folderName(for did: String) -> String {
        let rest = did.hasPrefix("did:web:") ? String(did.dropFirst("did:web:".count)) : did
        return String(rest.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || ".-".unicodeScalars.contains(scalar))
                ? Character(scalar) : "_"
        })
    }

    /// The folder of one upstream producer.
    public func folder(for did: String) -> URL { directory.appendingPathComponent(Self.folderName(for: did), isDirectory: true) }

    /// The path of a batch's passport inside a producer's folder: `01/<gtin>/10/<lot>/dpp.jwt`.
    public static func passportPath(gtin: String, lot: String) -> String {
        IdentifierPath.batch(gtin: gtin, lot: lot) + PublishedPaths.passportJWT
    }

    /// How a path is shown to the producer: relative to the project (`upstream/…`).
    public func display(_ url: URL) -> String {
        let base = directory.deletingLastPathComponent().path
        return url.path.hasPrefix(base + "/") ? String(url.path.dropFirst(base.count + 1)) : url.path
    }

    /// The stored files of the upstream producer `did`, read and checked against each other:
    /// the manifest signed by a key of the DID document. `nil` when nothing is stored for it.
    public func party(did: String) throws(NetworkError) -> UpstreamParty? {
        let folder = folder(for: did)
        let documentURL = folder.appendingPathComponent(Self.didDocumentFile)
        guard FileManager.default.fileExists(atPath: documentURL.path) else { return nil }
        let manifestURL = folder.appendingPathComponent(Self.manifestFile)
        let documentData = try read(documentURL)
        let manifest = String(decoding: try read(manifestURL), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let documentJSON: JSONValue
        do { documentJSON = try JSONValue(parsing: documentData) } catch {
            throw .untrustworthyUpstream(source: display(documentURL), reason: "it is not JSON (\(error.description))")
        }
        return try UpstreamParty(did: did, didDocument: documentJSON, manifest: manifest,
                                 source: display(folder))
    }

    /// The stored passport of a batch, if any.
    public func passport(did: String, gtin: String, lot: String) throws(NetworkError) -> String? {
        let url = folder(for: did).appendingPathComponent(Self.passportPath(gtin: gtin, lot: lot))
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return String(decoding: try read(url), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The URL of a batch's stored passport.
    public func passportURL(did: String, gtin: String, lot: String) -> URL {
        folder(for: did).appendingPathComponent(Self.passportPath(gtin: gtin, lot: lot))
    }

    private func read(_ url: URL) throws(NetworkError) -> Data {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .file(path: display(url), reason: "cannot read this file — import the upstream again with `passport inputs add`")
        }
        return data
    }
}

/// One upstream producer's published evidence, checked: its DID document, and its bundle
/// manifest signed by one of the document's keys. Passports are checked one by one against both.
public struct UpstreamParty: Sendable {
    public let did: String
    public let didDocumentJSON: JSONValue
    public let didDocument: DIDDocument
    /// The manifest as signed (compact JWS).
    public let manifestJWS: String
    public let manifest: VerificationBundle.Manifest

    /// Checks that the DID document describes `did`, that the manifest is signed by one of its
    /// keys and issued by `did`.
    /// - Parameter source: how the files are named in messages.
    public init(did: String, didDocument: JSONValue, manifest: String, source: String) throws(NetworkError) {
        do {
            self.didDocument = try DIDDocument(parsing: didDocument, expectedID: did)
        } catch {
            throw .untrustworthyUpstream(source: source, reason: "the DID document cannot be used: \(error.description)")
        }
        let content: VerificationBundle.Manifest
        do {
            content = try VerificationBundle.Manifest(verifying: manifest, keys: self.didDocument)
        } catch {
            throw .untrustworthyUpstream(source: source, reason: "the bundle manifest: " + Self.explain(error, owner: did))
        }
        guard content.issuer == did else {
            throw .untrustworthyUpstream(source: source, reason: "the bundle manifest is issued by \(content.issuer), not \(did)")
        }
        self.did = did
        self.didDocumentJSON = didDocument
        self.manifestJWS = manifest
        self.manifest = content
    }

    /// A passport of this producer, checked: signed by a key of its DID document, listed in its
    /// manifest under that digest, issued by this producer for exactly `gtin`/`lot`.
    /// - Returns: the passport's payload.
    /// - Throws: the reason, for the caller to place (`untrustworthyUpstream` with `source`).
    public func check(passport jwt: String, gtin: String, lot: String, source: String) throws(NetworkError) -> JSONValue {
        func fail(_ reason: String) -> NetworkError { .untrustworthyUpstream(source: source, reason: reason) }
        let verified: JWS.Verified
        do { verified = try JWS.verify(jwt, resolver: didDocument) } catch {
            throw fail("the passport: " + Self.explain(error, owner: did))
        }
        guard let entry = manifest.entry(gtin: gtin, lot: lot) else {
            throw fail("lot \(lot) of GTIN \(gtin) is not in \(did)'s signed manifest")
        }
        guard SHA256Digest.hex(Data(jwt.utf8)) == entry.passportSHA256 else {
            throw fail("the passport is not the one \(did)'s signed manifest lists for lot \(lot) (its SHA-256 differs)")
        }
        guard let payload = try? JSONValue(parsing: verified.payload), let subject = payload["credentialSubject"] else {
            throw fail("the passport's signed content is not a readable credential")
        }
        guard payload["issuer"]?["id"]?.stringValue == did,
              subject["product"]?["registeredId"]?.stringValue == gtin,
              subject["product"]?["batchNumber"]?.stringValue == lot else {
            throw fail("the passport describes another producer, product or batch than lot \(lot) of GTIN \(gtin) by \(did)")
        }
        return payload
    }

    /// The producer's name, as its passports give it.
    public static func issuerName(of passport: JSONValue) -> String? { passport["issuer"]?["name"]?.stringValue }

    /// A signature failure in plain words.
    static func explain(_ error: CredentialError, owner: String) -> String {
        switch error {
        case .badSignature(let keyID):
            return "its signature does not match for key \(keyID): it was changed after signing"
        case .unknownKey(let keyID):
            return "it is signed with \(keyID), which is not a key in \(owner)'s DID document: it was signed by someone else"
        default:
            return error.description
        }
    }
}
