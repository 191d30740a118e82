public import Credentials
public import Foundation
internal import DigitalLink
internal import Output

/// The `upstream/` folder of a producer project: what `passport inputs add` imported from each
/// upstream producer, as plain files to review in git —
///
/// ```
/// upstream/<host>/did.json                     the upstream producer's DID document
/// upstream/<host>/manifest.jwt                 its signed bundle manifest (batches, digests, recalls)
/// upstream/<host>/01/<gtin>/10/<lot>/dpp.jwt   each signed passport imported
/// ```
///
/// Read only through the project's confined `ProjectFolder`: a link that leads out of the project
/// (or into a `keys` folder) is refused like any other project file.
public struct UpstreamStore: Sendable {
    /// `<project>/upstream`.
    public let directory: URL
    /// The project, read without leaving it.
    let project: ProjectFolder
    /// The folder's name inside the project.
    static let storeFolder = "upstream"

    public static let didDocumentFile = "did.json"
    public static let manifestFile = "manifest.jwt"

    public init(projectRoot: URL) {
        directory = projectRoot.appendingPathComponent(Self.storeFolder, isDirectory: true)
        project = ProjectFolder(root: projectRoot)
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
        let base = Self.storeFolder + "/" + Self.folderName(for: did) + "/"
        guard project.hasFile(base + Self.didDocumentFile) else { return nil }
        let documentData = try read(base + Self.didDocumentFile)
        let manifest = String(decoding: try read(base + Self.manifestFile), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let documentJSON: JSONValue
        do { documentJSON = try JSONValue(parsing: documentData) } catch {
            throw .untrustworthyUpstream(source: display(documentURL), reason: "it is not JSON (\(error.description))")
        }
        return try UpstreamParty(did: did, didDocument: documentJSON, manifest: manifest,
                                 source: display(folder))
    }

    /// The stored passport of a batch, if any.
    public func passport(did: String, gtin: String, lot: String) throws(NetworkError) -> String? {
        let relative = Self.storeFolder + "/" + Self.folderName(for: did) + "/" + Self.passportPath(gtin: gtin, lot: lot)
        guard project.hasFile(relative) else { return nil }
        return String(decoding: try read(relative), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The URL of a batch's stored passport.
    public func passportURL(did: String, gtin: String, lot: String) -> URL {
        folder(for: did).appendingPathComponent(Self.passportPath(gtin: gtin, lot: lot))
    }

    /// A file of `upstream/`, read through the confined project folder.
    private func read(_ relative: String) throws(NetworkError) -> Data {
        do {
            return try project.read(relative, limit: ProjectFolder.documentLimit)
        } catch {
            throw .file(path: relative, reason: "\(error.problem) — \(error.fix); or import the upstream again with `passport inputs add`")
        }
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
    /// manifest under that digest, issued by this producer for exactly `gtin`/`lot`. Passports of
    /// UNTP 0.7.0 and of 0.6.x (through `LegacyUNTP`) are read.
    /// - Returns: the passport, in the typed model.
    /// - Throws: the reason, for the caller to place (`untrustworthyUpstream` with `source`).
    public func check(passport jwt: String, gtin: String, lot: String, source: String) throws(NetworkError) -> ProductPassport {
        func fail(_ reason: String) -> NetworkError { .untrustworthyUpstream(source: source, reason: reason) }
        let verified: VerifiedCredential
        do { verified = try CredentialVerifier(resolver: didDocument).verify(jwt, now: nil) } catch {
            throw fail("the passport: " + Self.explain(error, owner: did))
        }
        guard let entry = manifest.entry(gtin: gtin, lot: lot) else {
            throw fail("lot \(lot) of GTIN \(gtin) is not in \(did)'s signed manifest")
        }
        guard SHA256Digest.hex(Data(jwt.utf8)) == entry.passportSHA256 else {
            throw fail("the passport is not the one \(did)'s signed manifest lists for lot \(lot) (its SHA-256 differs)")
        }
        let passport: ProductPassport
        do { passport = try ProductPassport.read(verified.payload) } catch {
            throw fail("the passport's signed content is not a readable passport (\(error.description))")
        }
        guard verified.issuer == did, passport.identifies(gtin: gtin, lot: lot) else {
            throw fail("the passport describes another producer, product or batch than lot \(lot) of GTIN \(gtin) by \(did)")
        }
        return passport
    }

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
