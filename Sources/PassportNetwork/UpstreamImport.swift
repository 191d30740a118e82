import Credentials
public import Foundation
import DigitalLink
import Output

/// `passport inputs add SOURCE`: imports an upstream producer's published passports into
/// `upstream/`, after checking every signature. Nothing is written unless all checks pass.
public enum UpstreamImport {
    /// What was imported.
    public struct Report: Sendable {
        public var did: String
        public var producerName: String
        /// The Digital Link, digest and declared quantity of each imported batch, sorted.
        public var batches: [Batch]
        /// True when `upstream/` already held a manifest that this one replaced.
        public var replaced: Bool
        /// The folder written.
        public var folder: String
    }

    /// One imported batch: what to write under `inputs:` in a batch record.
    public struct Batch: Sendable {
        public var link: String
        public var productName: String
        public var sha256: String
        public var output: Amount?
        public var recalled: String?
    }

    /// What a source offers, before any check.
    struct Offer {
        var did: String
        var didDocument: JSONValue
        var manifest: String
        /// Passports by `gtin/lot`.
        var passports: [String: String]
        /// Where the files came from, for messages.
        var source: String
        /// For an https source: the host the files were fetched from, which must be the DID's.
        var fetchedFrom: URL?
    }

    /// The passports are stored byte for byte as signed (no trailing newline), so `sha256sum` on
    /// a stored `dpp.jwt` gives the digest a batch record pins.
    /// Reads `source` — an upstream output folder, its `bundle.json`, or the address of a batch —
    /// checks it and writes it into `projectRoot/upstream/`.
    /// - Parameter baseDirectory: what a relative source path is read against.
    public static func run(source: String, projectRoot: URL, baseDirectory: URL) async throws(NetworkError) -> Report {
        let offer: Offer
        if source.hasPrefix("https://") || source.hasPrefix("http://") {
            offer = try await fetch(source)
        } else {
            offer = try read(source, baseDirectory: baseDirectory)
        }
        return try store(offer, projectRoot: projectRoot)
    }

    /// Imports from a local output folder or bundle file (no network).
    public static func importLocal(source: String, projectRoot: URL) throws(NetworkError) -> Report {
        try store(try read(source, baseDirectory: projectRoot), projectRoot: projectRoot)
    }

    /// Reads a local output folder or bundle file.
    static func read(_ source: String, baseDirectory: URL) throws(NetworkError) -> Offer {
        let url = source.hasPrefix("/") ? URL(fileURLWithPath: source) : baseDirectory.appendingPathComponent(source)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw .unreadableSource(source: source, reason: "there is no such file or folder")
        }
        var bundleURL = url
        var documentURL: URL?
        if isFolder.boolValue {
            let candidates = ["bundle/bundle.json", "bundle.json", "site/.well-known/passport-bundle.json"]
            guard let found = candidates.map({ url.appendingPathComponent($0) })
                    .first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
                throw .unreadableSource(source: source, reason: "no bundle/bundle.json in this folder (build the upstream project first)")
            }
            bundleURL = found
            documentURL = [url.appendingPathComponent("site/.well-known/did.json")]
                .first { FileManager.default.fileExists(atPath: $0.path) }
        }
        guard let data = FileManager.default.contents(atPath: bundleURL.path) else {
            throw .unreadableSource(source: source, reason: "the bundle cannot be read")
        }
        let bundle: VerificationBundle
        do { bundle = try VerificationBundle(parsing: data) } catch {
            throw .unreadableSource(source: source, reason: "it is not a passport verification bundle (\(error.description))")
        }
        var document = bundle.didDocument
        if let documentURL {
            guard let bytes = FileManager.default.contents(atPath: documentURL.path),
                  let published = try? JSONValue(parsing: bytes) else {
                throw .unreadableSource(source: source, reason: "site/.well-known/did.json cannot be read")
            }
            document = published
        }
        return Offer(did: bundle.producerDID, didDocument: document, manifest: bundle.manifest,
                     passports: bundle.passports, source: source, fetchedFrom: nil)
    }

    /// Fetches the DID document, bundle and passport of one batch from its producer's site.
    static func fetch(_ address: String) async throws(NetworkError) -> Offer {
        let link: DigitalLinkURI
        do { link = try DigitalLinkURI(parsing: address) } catch {
            throw .unreadableSource(source: address, reason: "it is not a GS1 Digital Link of a batch (\(error.description))")
        }
        guard let gtin = link.gtin?.digits, let lot = link.value(of: "10"), let origin = URL(string: link.stem) else {
            throw .unreadableSource(source: address, reason: "the link names no GTIN and lot (…/01/<gtin>/10/<lot>)")
        }
        guard UpstreamFetch.isAllowed(origin) else { throw .insecureAddress(address) }
        let base = link.stem.hasSuffix("/") ? String(link.stem.dropLast()) : link.stem
        let hasPath = !(origin.path.isEmpty || origin.path == "/")
        let documentURL = base + (hasPath ? "/did.json" : "/.well-known/did.json")
        let bundleData = try await UpstreamFetch.get(try url(base + "/.well-known/passport-bundle.json"))
        let documentData = try await UpstreamFetch.get(try url(documentURL))
        let passportURL = base + "/" + IdentifierPath.batch(gtin: gtin, lot: lot) + PublishedPaths.passportJWT
        let passport = String(decoding: try await UpstreamFetch.get(try url(passportURL)), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let bundle: VerificationBundle
        let document: JSONValue
        do {
            bundle = try VerificationBundle(parsing: bundleData)
            document = try JSONValue(parsing: documentData)
        } catch {
            throw .unreadableSource(source: address, reason: "the published bundle or DID document is not readable (\(error.description))")
        }
        return Offer(did: bundle.producerDID, didDocument: document, manifest: bundle.manifest,
                     passports: [VerificationBundle.Manifest.key(gtin: gtin, lot: lot): passport],
                     source: address, fetchedFrom: origin)
    }

    private static func url(_ text: String) throws(NetworkError) -> URL {
        guard let url = URL(string: text) else { throw .unreadableSource(source: text, reason: "not a usable address") }
        return url
    }

    /// Checks the offer completely, then writes it.
    static func store(_ offer: Offer, projectRoot: URL) throws(NetworkError) -> Report {
        let did: DIDWeb
        do { did = try DIDWeb(did: offer.did) } catch {
            throw .untrustworthyUpstream(source: offer.source, reason: "the producer \(offer.did) is not a did:web identity")
        }
        if let origin = offer.fetchedFrom, !UpstreamFetch.isLoopback(origin.host),
           origin.host?.lowercased() != did.host || (origin.port ?? 443) != (did.port ?? 443) {
            throw .untrustworthyUpstream(source: offer.source, reason: "the files were published at \(origin.host ?? "?"), but they are signed as \(did.did): a producer's passports are checked on its own host")
        }
        let party = try UpstreamParty(did: offer.did, didDocument: offer.didDocument, manifest: offer.manifest,
                                      source: offer.source)
        guard !offer.passports.isEmpty else {
            throw .untrustworthyUpstream(source: offer.source, reason: "it holds no passport")
        }
        var batches: [Batch] = []
        var name: String?
        for key in offer.passports.keys.sorted() {
            guard let jwt = offer.passports[key], let entry = party.manifest.batches[key] else {
                throw .untrustworthyUpstream(source: offer.source, reason: "the passport \(key) is not listed in the signed manifest")
            }
            let passport = try party.check(passport: jwt, gtin: entry.gtin, lot: entry.lot, source: offer.source)
            let facts = UpstreamPassportFacts(passport: passport)
            name = name ?? facts.producerName
            batches.append(Batch(link: facts.batchLink ?? did.baseURL + "/" + IdentifierPath.batch(gtin: entry.gtin, lot: entry.lot),
                                 productName: facts.productName ?? entry.gtin, sha256: SHA256Digest.hex(Data(jwt.utf8)),
                                 output: facts.output, recalled: entry.recalled.map { "\($0.date): \($0.reason)" }))
        }
        let store = UpstreamStore(projectRoot: projectRoot)
        var replaced = false
        if let held = try? store.party(did: offer.did) {
            guard held.manifest.createdAt <= party.manifest.createdAt else {
                throw .olderUpstream(did: offer.did, held: held.manifest.createdAtText, offered: party.manifest.createdAtText)
            }
            replaced = true
        }
        let folder = store.folder(for: offer.did)
        do {
            let staged = try StagedOutput(destination: folder)
            for key in offer.passports.keys.sorted() {
                guard let jwt = offer.passports[key], let entry = party.manifest.batches[key] else { continue }
                let path = UpstreamStore.passportPath(gtin: entry.gtin, lot: entry.lot)
                let part = try staged.part(String(path.dropLast(PublishedPaths.passportJWT.count)))
                try FileWriter.write(jwt, to: part.appendingPathComponent(PublishedPaths.passportJWT))
            }
            try FileWriter.write(offer.didDocument.serialized(pretty: true) + Data("\n".utf8),
                                 to: staged.staging.appendingPathComponent(UpstreamStore.didDocumentFile))
            try FileWriter.write(offer.manifest, to: staged.staging.appendingPathComponent(UpstreamStore.manifestFile))
            try staged.commit()
        } catch {
            throw .file(path: store.display(folder), reason: error.description)
        }
        return Report(did: offer.did, producerName: name ?? did.host, batches: batches, replaced: replaced,
                      folder: store.display(folder))
    }
}
