public import Credentials
public import Foundation
import Output

/// The shop's trust store: a folder holding `trust.json` (the producers and certifiers the shop
/// trusts, with their keys, and which imported bundle is each producer's), `bundles/` (the
/// imported verification bundles, each named by its SHA-256) and, by default, the scan log
/// `scans.sqlite`.
///
/// A change is all-or-nothing, even if the process is killed: a new bundle file is written and
/// flushed under its own name first, then `trust.json` is replaced in one rename naming it; bundle
/// files no `trust.json` names any more are removed afterwards. `trust.json` is written
/// deterministically (sorted keys and entries), so it diffs and backs up cleanly. Nothing here is
/// secret: it holds public keys only.
public struct TrustStore: Sendable {
    /// The store folder.
    public let directory: URL
    /// Trusted producers, sorted by DID.
    public private(set) var producers: [TrustedProducer]
    /// Trusted certifiers, sorted by DID.
    public private(set) var certifiers: [TrustedCertifier]
    /// The imported bundle of each producer: DID → file name in `bundles/` (`<sha256>.json`).
    public private(set) var bundleNames: [String: String]

    /// `$PASSPORT_STORE`, else `$XDG_DATA_HOME/passport`, else `~/.local/share/passport`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let store = environment["PASSPORT_STORE"], !store.isEmpty {
            return URL(fileURLWithPath: store).standardizedFileURL
        }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            return URL(fileURLWithPath: data).appendingPathComponent("passport")
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".local/share/passport")
    }

    /// Opens the store in `directory`; a missing folder is an empty store (created on `save()`).
    /// - Throws: `VerifyError.damagedTrustStore` when `trust.json` cannot be read.
    public init(directory: URL) throws(VerifyError) {
        self.directory = directory
        let file = directory.appendingPathComponent("trust.json")
        guard FileManager.default.fileExists(atPath: file.path) else {
            producers = []
            certifiers = []
            bundleNames = [:]
            return
        }
        let json: JSONValue
        do {
            json = try JSONValue(parsing: try Data(contentsOf: file))
        } catch let error as CredentialError {
            throw .damagedTrustStore(path: file.path, reason: error.description)
        } catch {
            throw .file(path: file.path, reason: error.localizedDescription)
        }
        guard json["version"]?.intValue == 1 else {
            throw .damagedTrustStore(path: file.path, reason: "it is not a version 1 trust store")
        }
        var producers: [TrustedProducer] = []
        for entry in json["producers"]?.arrayValue ?? [] {
            producers.append(try TrustedProducer(json: entry, path: file.path))
        }
        var certifiers: [TrustedCertifier] = []
        for entry in json["certifiers"]?.arrayValue ?? [] {
            certifiers.append(try TrustedCertifier(json: entry, path: file.path))
        }
        var bundleNames: [String: String] = [:]
        for (did, name) in json["bundles"]?.objectValue ?? [:] {
            guard let name = name.stringValue, Self.isBundleName(name) else {
                throw .damagedTrustStore(path: file.path, reason: "the bundle of \(VerifyError.shown(did)) is not named <sha256>.json")
            }
            bundleNames[did] = name
        }
        self.producers = producers.sorted { $0.did < $1.did }
        self.certifiers = certifiers.sorted { $0.did < $1.did }
        self.bundleNames = bundleNames
    }

    /// `trust.json` in the store folder.
    public var trustFile: URL { directory.appendingPathComponent("trust.json") }
    /// Where imported bundles are kept.
    public var bundlesDirectory: URL { directory.appendingPathComponent("bundles") }
    /// The scan log used when no other path is given.
    public var defaultScanLog: URL { directory.appendingPathComponent("scans.sqlite") }

    /// The file holding the imported bundle of the producer `did`, if one was imported: the one
    /// `trust.json` names, else (a store written before bundles were named by digest) `<did>.json`.
    public func bundleFile(for did: String) -> URL? {
        if let name = bundleNames[did] { return bundlesDirectory.appendingPathComponent(name) }
        let legacy = legacyBundleFile(for: did)
        return FileManager.default.fileExists(atPath: legacy.path) ? legacy : nil
    }

    /// Where stores before version 2 of this layout kept a producer's bundle.
    func legacyBundleFile(for did: String) -> URL {
        let safe = String(did.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || ".-".unicodeScalars.contains(scalar))
                ? Character(scalar) : "_"
        })
        return bundlesDirectory.appendingPathComponent(safe + ".json")
    }

    /// `<64 hex>.json`: the name a bundle is stored under, its own SHA-256.
    static func isBundleName(_ name: String) -> Bool {
        let digest = name.dropLast(5)
        return name.hasSuffix(".json") && digest.count == 64
            && digest.allSatisfy { $0.isASCII && ($0.isNumber || ("a"..."f").contains($0)) }
    }

    /// Stores `data` as a bundle file named by its SHA-256, written and flushed before anything
    /// names it. Returns the name.
    func storeBundleFile(_ data: Data) throws(VerifyError) -> String {
        let name = SHA256Digest.hex(data) + ".json"
        try Self.makePrivateFolder(bundlesDirectory)
        let file = bundlesDirectory.appendingPathComponent(name)
        if (try? Data(contentsOf: file)) != data { try Self.write(data, to: file) }
        return name
    }

    /// Records `name` (already stored) as the bundle of `did`; takes effect on `save()`.
    mutating func setBundle(_ name: String, for did: String) { bundleNames[did] = name }

    /// The trusted producer with this DID.
    public func producer(did: String) -> TrustedProducer? { producers.first { $0.did == did } }

    /// The trusted certifier with this DID.
    public func certifier(did: String) -> TrustedCertifier? { certifiers.first { $0.did == did } }

    /// Trusts a producer with the signing keys (`assertionMethod`) of its DID document, replacing
    /// any earlier entry for the same DID.
    /// - Throws: `VerifyError.invalidDID` or `.unusableDIDDocument`.
    @discardableResult
    public mutating func trustProducer(did: String, name: String?, didDocument: JSONValue, documentPath: String,
                                       now: Date) throws(VerifyError) -> TrustedProducer {
        let host = try Self.checkDID(did)
        let keys = try Self.signingKeys(of: didDocument, did: did, path: documentPath)
        let producer = TrustedProducer(did: did, name: name ?? host, keys: keys, addedAt: XSDDateTime.string(from: now))
        producers.removeAll { $0.did == did }
        producers.append(producer)
        producers.sort { $0.did < $1.did }
        return producer
    }

    /// Trusts a certifier for `schemes` with the signing keys of its DID document, replacing any
    /// earlier entry for the same DID.
    /// - Throws: `VerifyError.noScheme`, `.invalidDID` or `.unusableDIDDocument`.
    @discardableResult
    public mutating func trustCertifier(did: String, name: String?, schemes: [String], didDocument: JSONValue,
                                        documentPath: String, now: Date) throws(VerifyError) -> TrustedCertifier {
        let host = try Self.checkDID(did)
        let schemes = schemes.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard !schemes.isEmpty else { throw .noScheme(did: did) }
        let keys = try Self.signingKeys(of: didDocument, did: did, path: documentPath)
        let certifier = TrustedCertifier(did: did, name: name ?? host, keys: keys, schemes: schemes,
                                         addedAt: XSDDateTime.string(from: now))
        certifiers.removeAll { $0.did == did }
        certifiers.append(certifier)
        certifiers.sort { $0.did < $1.did }
        return certifier
    }

    /// Stops trusting `did` (as producer and as certifier) and drops its imported bundle (its file
    /// is deleted by `save()`).
    /// - Returns: what was removed, e.g. `["producer", "bundle"]`.
    /// - Throws: `VerifyError.notTrusted` when the DID is not in the store.
    public mutating func remove(did: String) throws(VerifyError) -> [String] {
        var removed: [String] = []
        if producers.contains(where: { $0.did == did }) {
            producers.removeAll { $0.did == did }
            removed.append("producer")
        }
        if certifiers.contains(where: { $0.did == did }) {
            certifiers.removeAll { $0.did == did }
            removed.append("certifier")
        }
        // The file itself goes once `save()` has written a trust.json that no longer names it.
        if bundleFile(for: did) != nil {
            bundleNames[did] = nil
            removed.append("bundle")
        }
        guard !removed.isEmpty else { throw .notTrusted(did: did) }
        return removed
    }

    /// Writes `trust.json` in one atomic step (creating the folder if needed), then removes bundle
    /// files it no longer names and temporary files of killed runs.
    public func save() throws(VerifyError) {
        var named: [String: JSONValue] = [:]
        for producer in producers {
            if let name = bundleNames[producer.did] { named[producer.did] = .string(name) }
        }
        let json: JSONValue = ["version": 1, "producers": .array(producers.map(\.json)),
                               "certifiers": .array(certifiers.map(\.json)), "bundles": .object(named)]
        try Self.makePrivateFolder(directory)
        try Self.write(json.serialized(pretty: true) + Data("\n".utf8), to: trustFile)
        TestHooks.reached(.storeSaved)
        removeUnnamedBundles()
    }

    /// Removes what no saved `trust.json` needs: bundle files it does not name (replaced, or of a
    /// removed producer; legacy `<did>.json` files once their producer has a named bundle) and
    /// temporary files left by a write that was killed.
    func removeUnnamedBundles() {
        FileWriter.removeAbandonedTemporaryFiles(in: directory)
        FileWriter.removeAbandonedTemporaryFiles(in: bundlesDirectory)
        let keep = Set(producers.compactMap { bundleFile(for: $0.did)?.lastPathComponent })
        for name in (try? FileManager.default.contentsOfDirectory(atPath: bundlesDirectory.path)) ?? []
        where !name.hasPrefix(".") && name.hasSuffix(".json") && !keep.contains(name) {
            try? FileManager.default.removeItem(at: bundlesDirectory.appendingPathComponent(name))
        }
    }

    // MARK: Helpers

    /// Replaces `url` in one step (temporary file flushed, renamed over it, folder flushed).
    static func write(_ data: Data, to url: URL) throws(VerifyError) {
        do { try FileWriter.writeAtomically(data, to: url) } catch {
            throw .file(path: url.path, reason: error.description)
        }
    }

    /// Makes a folder only its owner may open (the store's folders).
    static func makePrivateFolder(_ url: URL) throws(VerifyError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .file(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Checks a did:web DID; returns its host for a default name.
    static func checkDID(_ did: String) throws(VerifyError) -> String {
        do {
            return try DIDWeb(did: did).host
        } catch {
            throw .invalidDID(did, reason: error.description)
        }
    }

    /// The keys a DID document allows to sign credentials, for exactly `did`.
    static func signingKeys(of document: JSONValue, did: String, path: String) throws(VerifyError) -> [PublicKey] {
        let parsed: DIDDocument
        do {
            parsed = try DIDDocument(parsing: document, expectedID: did)
        } catch {
            throw .unusableDIDDocument(path: path, reason: error.description)
        }
        guard !parsed.assertionKeys.isEmpty else {
            throw .unusableDIDDocument(path: path, reason: "it lists no Ed25519 key under \"assertionMethod\", so nothing it signs could be checked")
        }
        return parsed.assertionKeys
    }
}
