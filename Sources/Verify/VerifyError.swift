import Credentials

/// Everything that stops the shop-side tools from working: the trust store, bundles, images,
/// the scan log and scan exports.
///
/// These are setup and input problems. A code that is not genuine is never an error: it is a
/// `Verdict`. Each `description` says what went wrong and what to do about it.
public enum VerifyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file or folder could not be read or written.
    case file(path: String, reason: String)
    /// The trust store's `trust.json` is damaged.
    case damagedTrustStore(path: String, reason: String)
    /// A DID document handed to `trust add` cannot be used.
    case unusableDIDDocument(path: String, reason: String)
    /// A DID is not a did:web identifier.
    case invalidDID(String, reason: String)
    /// A certifier was added without a scheme it may certify.
    case noScheme(did: String)
    /// The DID is not in the trust store.
    case notTrusted(did: String)
    /// A verification bundle cannot be read or does not hold together.
    case invalidBundle(path: String, reason: String)
    /// The bundle's manifest signature does not verify.
    case bundleSignature(path: String, reason: String)
    /// A member of the bundle (a credential, a DID document, the producer's name) is not what the
    /// producer's signed manifest covers.
    case alteredBundle(path: String, member: String, reason: String)
    /// The bundle's producer is not trusted yet; the message lists the key fingerprints.
    case untrustedProducer(did: String, name: String, fingerprints: [String], path: String)
    /// A trusted producer's bundle is signed with a key the shop does not know yet; the message
    /// lists the keys trusted so far and the bundle's.
    case producerKeyChanged(did: String, name: String, trusted: [String], offered: [String], path: String)
    /// The bundle is older than the one already imported for this producer.
    case olderBundle(did: String, imported: String, offered: String)
    /// A network's trust list cannot be read, or its signature does not hold.
    case invalidTrustList(path: String, reason: String)
    /// The network is not trusted yet; the message lists its key fingerprints.
    case untrustedNetwork(did: String, name: String, fingerprints: [String], path: String)
    /// The list is older than the one already imported from this network.
    case olderList(did: String, held: Int, offered: Int)
    /// An image cannot be read.
    case unreadableImage(path: String, reason: String)
    /// The scan log database cannot be opened, read or written.
    case scanLog(path: String, reason: String)
    /// A scan export (CSV) cannot be read.
    case invalidScanExport(path: String, line: Int, reason: String)

    /// Text from a file as messages quote it: at most 80 characters, control characters escaped.
    static func shown(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars.prefix(80) {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                result += scalar.escaped(asASCII: true)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.count > 80 ? result + "…" : result
    }

    /// What went wrong, and what to do.
    public var description: String {
        switch self {
        case .file(let path, let reason):
            return "\(path): \(reason). Check that the path exists and that you may read and write it."
        case .damagedTrustStore(let path, let reason):
            return "The trust store \(path) is damaged: \(reason). Restore it from a backup, or remove it and add your producers and certifiers again."
        case .unusableDIDDocument(let path, let reason):
            return "\(path) is not a usable DID document: \(reason). Ask for the did.json published at the party's https address."
        case .invalidDID(let did, let reason):
            return "'\(did)' is not a did:web identifier: \(reason). Write it like did:web:oliveto.example."
        case .noScheme(let did):
            return "Say which schemes \(did) may certify, for example --scheme \"EU organic\"; a certifier is trusted only for the schemes you name."
        case .notTrusted(let did):
            return "\(did) is not in the trust store. List what is trusted with `passport trust list`."
        case .invalidBundle(let path, let reason):
            return "\(path) is not a usable verification bundle: \(reason). Download it again from the producer's site (.well-known/passport-bundle.json)."
        case .alteredBundle(let path, let member, let reason):
            return "\(path) was altered after the producer signed it: \(Self.shown(member)): \(reason). Nothing was imported; do not use this file, and download the bundle again from the producer's site."
        case .bundleSignature(let path, let reason):
            return "The producer's signature on \(path) does not hold: \(reason). The bundle was altered or damaged: do not use it, and download it again from the producer's site."
        case .untrustedProducer(let did, let name, let fingerprints, let path):
            let keys = fingerprints.isEmpty ? "" : " Its keys: " + fingerprints.joined(separator: "; ") + "."
            return "\(Self.shown(name)) (\(Self.shown(did))) is not a trusted producer.\(keys) Compare these fingerprints with the ones the producer gave you, then run `passport trust import \(path) --trust-producer` (or `passport trust add producer --did \(did) --did-document FILE`)."
        case .producerKeyChanged(let did, let name, let trusted, let offered, let path):
            return "\(Self.shown(name)) (\(Self.shown(did))) signed this bundle with a key this shop does not know yet: its keys are now "
                + offered.joined(separator: "; ") + "; the shop trusts " + trusted.joined(separator: "; ")
                + ". If \(Self.shown(name)) told you it changed its signing key, compare these fingerprints with the ones it gave you, "
                + "then accept the new key with `passport trust import \(path) --trust-producer`. If it did not, do not: the bundle may be forged."
        case .olderBundle(let did, let imported, let offered):
            return "This bundle from \(did) was made \(offered), before the one already imported (\(imported)). An older bundle could hide a recall, so it was not imported; get the current one from the producer's site."
        case .invalidTrustList(let path, let reason):
            return "\(path) is not a usable trust list: \(reason). Download it again from the network's site (trust-list.json)."
        case .untrustedNetwork(let did, let name, let fingerprints, let path):
            let keys = fingerprints.isEmpty ? "" : " Its keys: " + fingerprints.joined(separator: "; ") + "."
            return "\(name) (\(did)) is not a trusted network.\(keys) Compare these fingerprints with the ones the network gave you, then run `passport trust import \(path) --trust-network`."
        case .olderList(let did, let held, let offered):
            return "This member list of \(did) is version \(offered), older than version \(held) already imported. An older list could bring back a removed member, so it was not imported; get the current one from the network's site."
        case .unreadableImage(let path, let reason):
            return "Cannot read the image \(path): \(reason). Use a PNG or JPEG photo or screenshot of the label."
        case .scanLog(let path, let reason):
            return "The scan log \(path) cannot be used: \(reason). Check the disk and permissions, or point --scan-log at another file."
        case .invalidScanExport(let path, let line, let reason):
            return "\(path):\(line): \(reason). Use files written by `passport scans export`."
        }
    }
}
