public import Credentials
public import Foundation

/// The shop's trust store: a folder holding `trust.json` (the producers and certifiers the shop
/// trusts, with their keys), `bundles/` (one imported verification bundle per producer) and,
/// by default, the scan log `scans.sqlite`.
///
/// `trust.json` is written deterministically (sorted keys and entries), so it diffs and backs up
/// cleanly. Nothing here is secret: it holds public keys only.
public struct TrustStore: Sendable {
    /// The store folder.
    public let directory: URL
    /// Trusted producers, sorted by DID.
    public private(set) var producers: [TrustedProducer]
    /// Trusted certifiers, sorted by DID.
    public private(set) var certifiers: [TrustedCertifier]
    /// Networks whose member lists were imported, sorted by DID.
    public internal(set) var networks: [TrustedNetwork] = []

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
        var networks: [TrustedNetwork] = []
        for entry in json["networks"]?.arrayValue ?? [] {
            networks.append(try TrustedNetwork(json: entry, path: file.path))
        }
        self.producers = producers.sorted { $0.did < $1.did }
        self.certifiers = certifiers.sorted { $0.did < $1.did }
        self.networks = networks.sorted { $0.did < $1.did }
    }

    /// The network with this DID.
    public func network(did: String) -> TrustedNetwork? { networks.first { $0.did == did } }

    /// `trust.json` in the store folder.
    public var trustFile: URL { directory.appendingPathComponent("trust.json") }
    /// Where imported bundles are kept.
    public var bundlesDirectory: URL { directory.appendingPathComponent("bundles") }
    /// The scan log used when no other path is given.
    public var defaultScanLog: URL { directory.appendingPathComponent("scans.sqlite") }

    /// The file holding the imported bundle of the producer `did`.
    public func bundleFile(for did: String) -> URL {
        let safe = String(did.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || ".-".unicodeScalars.contains(scalar))
                ? Character(scalar) : "_"
        })
        return bundlesDirectory.appendingPathComponent(safe + ".json")
    }

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
        let producer = TrustedProducer(did: did, name: name ?? host, keys: keys, addedAt: XSDDateTime.string(from: now),
                                       network: self.producer(did: did)?.network)
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

    /// Replaces the producers a network's list made trusted, after the list was checked.
    mutating func setMembers(of network: TrustedNetwork, _ members: [TrustedProducer],
                             recognised: [TrustedCertifier]) -> (added: [String], removed: [String]) {
        let previous = Set(producers.filter { $0.network == network.did }.map(\.did))
        let current = Set(members.map(\.did))
        producers.removeAll { $0.network == network.did && !current.contains($0.did) }
        for member in members {
            if let index = producers.firstIndex(where: { $0.did == member.did }) {
                // Trusted directly: the shop's own choice stands; otherwise the list's keys count.
                if producers[index].network != nil { producers[index] = member }
            } else {
                producers.append(member)
            }
        }
        producers.sort { $0.did < $1.did }
        networks.removeAll { $0.did == network.did }
        networks.append(network)
        certifiers.removeAll { $0.network == network.did }
        for certifier in recognised where !certifiers.contains(where: { $0.did == certifier.did }) {
            certifiers.append(certifier)
        }
        certifiers.sort { $0.did < $1.did }
        networks.sort { $0.did < $1.did }
        return (current.subtracting(previous).sorted(), previous.subtracting(current).sorted())
    }

    /// Stops trusting `did` (as producer, certifier or network) and deletes its imported bundle.
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
        if let network = network(did: did) {
            // Forgetting a network forgets what its list made trusted (not what the shop trusted itself).
            for member in producers.filter({ $0.network == network.did }) {
                producers.removeAll { $0.did == member.did }
                try? FileManager.default.removeItem(at: bundleFile(for: member.did))
            }
            certifiers.removeAll { $0.network == network.did }
            networks.removeAll { $0.did == network.did }
            removed.append("network and the members its list made trusted")
        }
        let bundle = bundleFile(for: did)
        if FileManager.default.fileExists(atPath: bundle.path) {
            do { try FileManager.default.removeItem(at: bundle) } catch {
                throw .file(path: bundle.path, reason: error.localizedDescription)
            }
            removed.append("bundle")
        }
        guard !removed.isEmpty else { throw .notTrusted(did: did) }
        return removed
    }

    /// Writes `trust.json` (atomically, creating the folder if needed).
    public func save() throws(VerifyError) {
        var json: JSONValue = ["version": 1, "producers": .array(producers.map(\.json)),
                               "certifiers": .array(certifiers.map(\.json))]
        if !networks.isEmpty { json["networks"] = .array(networks.map(\.json)) }
        try Self.write(json.serialized(pretty: true) + Data("\n".utf8), to: trustFile)
    }

    // MARK: Helpers

    /// Writes `data` to `url` through a temporary file and a rename, creating folders as needed.
    static func write(_ data: Data, to url: URL) throws(VerifyError) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            try data.write(to: url, options: .atomic)
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
