public import Credentials
public import Foundation

/// A producer's verification bundle opened for scanning: its manifest signature checked against
/// the keys the shop trusts for that producer; each passport (with its certificates) checked the
/// first time a code of its batch is scanned, and remembered for the life of the process, so a
/// scan costs at most one Ed25519 verification (the unit signature).
public final class LoadedBundle: @unchecked Sendable {
    // @unchecked: the only mutable state, `checked`, is guarded by `lock`.

    /// The trusted producer the bundle belongs to.
    public let producer: TrustedProducer
    /// The bundle as read.
    public let bundle: VerificationBundle
    let manifest: BundleManifest
    let checker: PassportChecker
    private let lock = NSLock()
    private var checked: [String: PassportCheck] = [:]

    /// Opens `bundle`, checking its manifest against `producer`'s trusted keys.
    /// - Parameter certifiers: the certifiers the shop trusts, for the bundle's certificates.
    /// - Throws: `VerifyError.bundleSignature` when the manifest is not signed by a trusted key
    ///   of the producer, `.alteredBundle` when any member differs from what the manifest covers,
    ///   `.invalidBundle` when it names another producer or cannot be read.
    public init(bundle: VerificationBundle, producer: TrustedProducer, certifiers: [TrustedCertifier],
                path: String) throws(VerifyError) {
        guard bundle.producerDID == producer.did else {
            throw .invalidBundle(path: path, reason: "it belongs to \(VerifyError.shown(bundle.producerDID)), not \(producer.did)")
        }
        let verified: JWS.Verified
        do {
            verified = try JWS.verify(bundle.manifest, resolver: PublicKeySet(producer.keys))
        } catch {
            let hint = if case .unknownKey = error {
                " (if \(producer.name) has announced a new key, trust it with `passport trust add producer --did \(producer.did) --did-document FILE`)"
            } else { "" }
            throw .bundleSignature(path: path, reason: PassportChecker.explain(error, owner: producer.name) + hint)
        }
        let manifest = try BundleManifest(payload: verified.payload, path: path)
        guard manifest.issuer == producer.did else {
            throw .invalidBundle(path: path, reason: "its manifest is issued by \(VerifyError.shown(manifest.issuer)), not \(producer.did)")
        }
        // Every byte of every member, against the digests the producer signed.
        try manifest.check(bundle, path: path)
        self.producer = producer
        self.bundle = bundle
        self.manifest = manifest
        self.checker = PassportChecker(producer: producer, certifiers: certifiers, conformity: bundle.conformity,
                                       statusLists: StatusListReader(lists: bundle.statusLists,
                                                                     manifestDigests: manifest.statusListSHA256),
                                       network: bundle.network)
    }

    /// Reads and opens a bundle file.
    public convenience init(contentsOf url: URL, producer: TrustedProducer,
                            certifiers: [TrustedCertifier]) throws(VerifyError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .file(path: url.path, reason: error.localizedDescription)
        }
        try self.init(bundle: try Self.parse(data, path: url.path), producer: producer, certifiers: certifiers,
                      path: url.path)
    }

    /// Opens a producer's own bundle, checked against the DID document it carries: for the
    /// producer's own tools (the resolver of `passport serve` reads issued serial ranges from it),
    /// and the first check of `TrustStore.importBundle`. Not a trust decision.
    /// - Throws: `VerifyError.invalidBundle`, `.invalidDID`, `.unusableDIDDocument`, `.bundleSignature`.
    public static func own(_ data: Data, path: String) throws(VerifyError) -> LoadedBundle {
        let bundle = try parse(data, path: path)
        _ = try TrustStore.checkDID(bundle.producerDID)
        let keys = try TrustStore.signingKeys(of: bundle.didDocument, did: bundle.producerDID,
                                              path: "the bundle's DID document")
        let producer = TrustedProducer(did: bundle.producerDID, name: bundle.producerName, keys: keys, addedAt: "")
        return try LoadedBundle(bundle: bundle, producer: producer, certifiers: [], path: path)
    }

    /// Reads bundle JSON.
    static func parse(_ data: Data, path: String) throws(VerifyError) -> VerificationBundle {
        do { return try VerificationBundle(parsing: data) } catch {
            throw .invalidBundle(path: path, reason: error.description)
        }
    }

    /// When the producer made the bundle.
    public var createdAt: Date { manifest.createdAt }

    /// The number of batches the manifest lists.
    public var batchCount: Int { manifest.batches.count }

    /// The signed manifest's entry for a batch: its issued serials and any recall.
    public func entry(gtin: String, lot: String) -> VerificationBundle.BatchEntry? {
        manifest.batches[BundleManifest.key(gtin: gtin, lot: lot)]
    }

    /// Whether the bundle lists any batch of this GTIN.
    func lists(gtin: String) -> Bool {
        manifest.batches.values.contains { $0.gtin == gtin }
    }

    /// The checked passport of a batch the manifest lists (checked once, then remembered).
    func passport(for entry: VerificationBundle.BatchEntry) -> PassportCheck {
        let key = BundleManifest.key(gtin: entry.gtin, lot: entry.lot)
        if let known = lock.withLock({ checked[key] }) { return known }
        let result = checker.check(bundle.passports[key], entry: entry)
        lock.withLock { checked[key] = result }
        return result
    }

    /// Every problem found in the bundle's passports and certificates, for `trust import` to report.
    public func problems() -> [String] {
        var problems: [String] = []
        for key in manifest.batches.keys.sorted() {
            guard let entry = manifest.batches[key] else { continue }
            switch passport(for: entry) {
            case .tampered(let reason):
                problems.append("\(key): \(reason)")
            case .verified(let passport):
                for check in passport.network where check.outcome == .failed {
                    problems.append("\(key): \(check.name): \(check.detail)")
                }
                for certificate in passport.certificates {
                    switch certificate.status {
                    case .tampered(let reason): problems.append("\(key): certificate \(certificate.title): \(reason)")
                    case .missing: problems.append("\(key): certificate \(certificate.title) is not in the bundle")
                    default: break
                    }
                }
            }
        }
        return problems
    }

    /// The certifiers whose credentials the bundle carries, with whether the shop trusts them:
    /// DID → scheme names.
    public func certifierSchemes() -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for jwt in bundle.conformity.values {
            guard let did = PassportChecker.signerDID(of: jwt), did != producer.did else { continue }
            let scheme = UnverifiedJWS.payload(of: jwt).flatMap(PassportChecker.scheme(of:))
            result[did, default: []].insert(scheme ?? "?")
        }
        return result
    }
}
