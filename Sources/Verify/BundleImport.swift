import Credentials
public import Foundation
import Output

/// What `TrustStore.importBundle` did.
public struct BundleImportReport: Sendable {
    public var producerDID: String
    public var producerName: String
    /// When the producer made the bundle.
    public var createdAt: Date
    public var batches: Int
    public var passports: Int
    public var conformityCredentials: Int
    /// Set when this import made the shop trust the producer (or changed its keys).
    public var newlyTrusted: TrustedProducer?
    /// Set when an older bundle of the same producer was replaced: its creation time.
    public var replaced: Date?
    /// True when the very same bundle was already imported.
    public var unchanged: Bool
    /// Passports or certificates whose signatures do not hold; scans of them say TAMPERED.
    public var problems: [String]
    /// Certifiers whose credentials the bundle carries, with the schemes, and whether trusted.
    public var certifiers: [(did: String, schemes: [String], trusted: Bool)]
}

extension TrustStore {
    /// Imports a producer's verification bundle.
    ///
    /// The manifest must be signed by a key the shop trusts for the producer. A producer not
    /// trusted yet is trusted with the keys of the bundle's own DID document only when
    /// `trustProducer` is set (trust on first use: compare the key fingerprints with the
    /// producer's). A bundle older than the one already imported is refused, so a recall
    /// cannot be undone by importing an old bundle. Certifiers are never trusted by import.
    /// A bundle of a trusted producer signed with a key the shop does not know yet is refused
    /// with both sets of fingerprints, unless `trustProducer` accepts the new keys.
    ///
    /// Every byte of the bundle is checked against the producer's signed manifest before anything
    /// is written; any difference refuses the whole bundle. A refused import changes nothing.
    /// - Throws: `VerifyError.invalidBundle`, `.alteredBundle`, `.bundleSignature`, `.untrustedProducer`,
    ///   `.producerKeyChanged`, `.olderBundle`, `.file`.
    public mutating func importBundle(_ data: Data, path: String, trustProducer: Bool,
                                      now: Date) throws(VerifyError) -> BundleImportReport {
        // The manifest must at least hold under the bundle's own DID document.
        let selfSigned = try LoadedBundle.own(data, path: path)
        let bundle = selfSigned.bundle
        let offered = selfSigned.producer.keys

        // Changes are made on a copy and kept only when every check passed and the files are written:
        // a refused import changes nothing, on disk or in memory.
        var store = self
        var newlyTrusted: TrustedProducer?
        let producer: TrustedProducer
        if let known = self.producer(did: bundle.producerDID) {
            let holds: Bool
            do { _ = try LoadedBundle(bundle: bundle, producer: known, certifiers: [], path: path); holds = true } catch {
                // Signed, as its own DID document says, by a key the shop has not trusted yet: the
                // producer changed keys (or someone forged its bundle). The shop decides.
                guard Set(known.keys) != Set(offered) else { throw error }
                guard trustProducer else {
                    throw .producerKeyChanged(did: known.did, name: known.name,
                                              trusted: known.keys.map { "\($0.id) \($0.fingerprint)" },
                                              offered: offered.map { "\($0.id) \($0.fingerprint)" }, path: path)
                }
                holds = false
            }
            if trustProducer, !holds || Set(known.keys) != Set(offered) {
                newlyTrusted = try store.trustProducer(did: known.did, name: known.name, didDocument: bundle.didDocument,
                                                      documentPath: "the bundle's DID document", now: now)
            }
            producer = newlyTrusted ?? known
        } else if trustProducer {
            producer = try store.trustProducer(did: bundle.producerDID, name: bundle.producerName,
                                              didDocument: bundle.didDocument,
                                              documentPath: "the bundle's DID document", now: now)
            newlyTrusted = producer
        } else {
            throw .untrustedProducer(did: bundle.producerDID, name: bundle.producerName,
                                     fingerprints: offered.map { "\($0.id) \($0.fingerprint)" }, path: path)
        }
        let loaded = try LoadedBundle(bundle: bundle, producer: producer, certifiers: certifiers, path: path)

        var replaced: Date?
        var unchanged = false
        if let file = bundleFile(for: producer.did), let existing = try? Data(contentsOf: file) {
            unchanged = existing == data
            if !unchanged, let stored = try? VerificationBundle(parsing: existing),
               let storedDate = BundleManifest.unverifiedCreatedAt(of: stored) {
                guard storedDate <= loaded.createdAt else {
                    throw .olderBundle(did: producer.did, imported: XSDDateTime.string(from: storedDate),
                                       offered: loaded.manifest.createdAtText)
                }
                replaced = storedDate
            }
        }
        // Every check has passed: only now is anything written. The bundle file first, under its
        // own digest, then trust.json naming it in one rename — killed anywhere, the store is the
        // old one or the new one.
        if !unchanged || bundleNames[producer.did] == nil {
            let name = try store.storeBundleFile(data)
            TestHooks.reached(.bundleWritten)
            store.setBundle(name, for: producer.did)
        }
        if store.bundleNames != bundleNames || newlyTrusted != nil { try store.save() }
        self = store
        removeUnnamedBundles()  // also what an earlier, killed import left

        let certifierSchemes = loaded.certifierSchemes()
        return BundleImportReport(
            producerDID: producer.did, producerName: bundle.producerName, createdAt: loaded.createdAt,
            batches: loaded.batchCount, passports: bundle.passports.count, conformityCredentials: bundle.conformity.count,
            newlyTrusted: newlyTrusted, replaced: replaced, unchanged: unchanged, problems: loaded.problems(),
            certifiers: certifierSchemes.keys.sorted().map { did in
                let schemes = (certifierSchemes[did] ?? []).sorted()
                let trusted = certifier(did: did).map { certifier in schemes.allSatisfy(certifier.certifies) } ?? false
                return (did, schemes, trusted)
            })
    }

    /// The imported bundles, opened against the current trust: one per trusted producer that has
    /// one. Bundles that cannot be opened are returned as problems, by producer DID.
    public func loadBundles() -> (bundles: [LoadedBundle], problems: [String: VerifyError]) {
        var bundles: [LoadedBundle] = []
        var problems: [String: VerifyError] = [:]
        for producer in producers {
            guard let file = bundleFile(for: producer.did) else { continue }
            do {
                bundles.append(try LoadedBundle(contentsOf: file, producer: producer, certifiers: certifiers))
            } catch {
                problems[producer.did] = error
            }
        }
        return (bundles, problems)
    }
}
