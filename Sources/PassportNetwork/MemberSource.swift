public import Credentials
public import Foundation

/// A would-be member's published files, checked: its DID document, and its verification bundle
/// whose manifest one of the document's keys signed. Read from its output folder, its
/// `bundle.json`, or its site's https address.
public struct MemberOffer: Sendable {
    public var did: String
    public var name: String
    public var didDocument: JSONValue
    public var keys: [PublicKey]
    public var bundle: VerificationBundle
    public var website: String?

    /// Reads and checks `source`.
    public static func load(_ source: String, baseDirectory: URL) async throws(NetworkError) -> MemberOffer {
        let document: JSONValue, bundle: VerificationBundle
        if source.hasPrefix("https://") || source.hasPrefix("http://") {
            guard let base = URL(string: source.hasSuffix("/") ? String(source.dropLast()) : source) else {
                throw .unreadableSource(source: source, reason: "not a usable address")
            }
            let hasPath = !(base.path.isEmpty || base.path == "/")
            guard let documentURL = URL(string: base.absoluteString + (hasPath ? "/did.json" : "/.well-known/did.json")),
                  let bundleURL = URL(string: base.absoluteString + "/.well-known/passport-bundle.json") else {
                throw .unreadableSource(source: source, reason: "not a usable address")
            }
            let bundleData = try await UpstreamFetch.get(bundleURL)
            let documentData = try await UpstreamFetch.get(documentURL)
            do {
                bundle = try VerificationBundle(parsing: bundleData)
                document = try JSONValue(parsing: documentData)
            } catch {
                throw .unreadableSource(source: source, reason: "the published bundle or DID document is not readable (\(error.description))")
            }
            if !UpstreamFetch.isLoopback(base.host), let did = try? DIDWeb(did: bundle.producerDID),
               did.host != base.host?.lowercased() {
                throw .untrustworthyUpstream(source: source, reason: "the files there are signed as \(did.did), not by the site's owner")
            }
        } else {
            return try loadLocal(source, baseDirectory: baseDirectory)
        }
        return try checked(source: source, document: document, bundle: bundle)
    }

    /// Reads and checks a local output folder or bundle file.
    public static func loadLocal(_ source: String, baseDirectory: URL) throws(NetworkError) -> MemberOffer {
        let offer = try UpstreamImport.read(source, baseDirectory: baseDirectory)
        guard let data = try? Self.bundleData(source, baseDirectory: baseDirectory) else {
            throw .unreadableSource(source: source, reason: "the bundle cannot be read")
        }
        let bundle: VerificationBundle
        do { bundle = try VerificationBundle(parsing: data) } catch {
            throw .unreadableSource(source: source, reason: error.description)
        }
        return try checked(source: source, document: offer.didDocument, bundle: bundle)
    }

    private static func checked(source: String, document: JSONValue, bundle: VerificationBundle) throws(NetworkError) -> MemberOffer {
        let party = try UpstreamParty(did: bundle.producerDID, didDocument: document, manifest: bundle.manifest, source: source)
        guard !party.didDocument.assertionKeys.isEmpty else {
            throw .untrustworthyUpstream(source: source, reason: "the DID document lists no signing key")
        }
        let website = (try? DIDWeb(did: bundle.producerDID))?.baseURL
        return MemberOffer(did: bundle.producerDID, name: bundle.producerName, didDocument: document,
                           keys: party.didDocument.assertionKeys, bundle: bundle, website: website)
    }

    private static func bundleData(_ source: String, baseDirectory: URL) throws -> Data {
        let url = source.hasPrefix("/") ? URL(fileURLWithPath: source) : baseDirectory.appendingPathComponent(source)
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
        if !isFolder.boolValue { return try Data(contentsOf: url) }
        for candidate in ["bundle/bundle.json", "bundle.json", "site/.well-known/passport-bundle.json"] {
            let file = url.appendingPathComponent(candidate)
            if FileManager.default.fileExists(atPath: file.path) { return try Data(contentsOf: file) }
        }
        throw NetworkError.unreadableSource(source: source, reason: "no bundle")
    }
}
