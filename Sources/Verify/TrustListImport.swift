import Credentials
public import Foundation
import PassportNetwork

/// What `TrustStore.importTrustList` did.
public struct TrustListImportReport: Sendable {
    public var network: TrustedNetwork
    /// Set when this import made the shop trust the network.
    public var newlyTrusted: Bool
    /// The version held before, if any.
    public var previousVersion: Int?
    public var added: [String]
    public var removed: [String]
    /// The members' bundles carried by the list, imported: producer name → report.
    public var bundles: [BundleImportReport]
    /// Bundles that could not be imported, with why.
    public var bundleNotes: [String]
}

extension TrustStore {
    /// Whether a file is a network's trust list (rather than a producer's bundle).
    public static func isTrustList(_ data: Data) -> Bool {
        (try? JSONValue(parsing: data)).map(TrustListFile.isTrustList) ?? false
    }

    /// Imports a network's signed member list: every member becomes a trusted producer (with the
    /// keys the list gives), members the list no longer names stop being trusted, and the members'
    /// bundles the file carries are imported without a separate confirmation.
    ///
    /// A network not trusted yet is refused unless `trustNetwork` (after comparing its key
    /// fingerprints); a list older than the one held is refused. Nothing is written on refusal.
    /// - Throws: `VerifyError.invalidTrustList`, `.untrustedNetwork`, `.olderList`, `.file`.
    public mutating func importTrustList(_ data: Data, path: String, trustNetwork: Bool,
                                         now: Date) throws(VerifyError) -> TrustListImportReport {
        let file: TrustListFile
        let keys: DIDDocument
        do {
            file = try TrustListFile(parsing: try JSONValue(parsing: data), source: path)
            keys = try file.networkKeys(source: path)
        } catch let error as NetworkError {
            throw .invalidTrustList(path: path, reason: Self.reason(error))
        } catch {
            throw .invalidTrustList(path: path, reason: "\(error)")
        }
        _ = try Self.checkDID(file.networkDID)
        let held = network(did: file.networkDID)
        let trustedKeys: any PublicKeyResolver
        if let held {
            trustedKeys = PublicKeySet(held.keys)
        } else if trustNetwork {
            trustedKeys = keys
        } else {
            throw .untrustedNetwork(did: file.networkDID, name: file.networkName,
                                    fingerprints: keys.assertionKeys.map { "\($0.id) \($0.fingerprint)" }, path: path)
        }
        let list: MemberList
        do { list = try MemberList(verifying: file.list, keys: trustedKeys, source: path) } catch {
            throw .invalidTrustList(path: path, reason: Self.reason(error))
        }
        guard list.networkDID == file.networkDID else {
            throw .invalidTrustList(path: path, reason: "the list is issued by \(list.networkDID), not \(file.networkDID)")
        }
        if let held, list.version < held.version {
            throw .olderList(did: list.networkDID, held: held.version, offered: list.version)
        }
        for member in list.members { _ = try Self.checkDID(member.did) }
        let stamp = XSDDateTime.string(from: now)
        let entry = TrustedNetwork(did: list.networkDID, name: list.networkName,
                                   keys: held?.keys ?? keys.assertionKeys, addedAt: held?.addedAt ?? stamp,
                                   version: list.version, issued: list.issued, members: list.members.map(\.did))
        let members = list.members.map { member in
            TrustedProducer(did: member.did, name: member.name, keys: member.keys,
                            addedAt: producer(did: member.did)?.addedAt ?? stamp, network: list.networkDID)
        }
        let recognised = list.certifiers.map { certifier in
            TrustedCertifier(did: certifier.did, name: certifier.name, keys: certifier.keys, schemes: certifier.schemes,
                             addedAt: stamp, network: list.networkDID)
        }
        var next = self
        let change = next.setMembers(of: entry, members, recognised: recognised)
        try next.save()
        self = next
        var reports: [BundleImportReport] = []
        var notes: [String] = []
        for did in list.members.map(\.did) {
            guard let bundle = file.bundles[did] else { continue }
            do {
                reports.append(try importBundle(bundle.serialized(), path: "\(path) (bundle of \(did))",
                                                trustProducer: false, now: now))
            } catch {
                notes.append(error.description)
            }
        }
        return TrustListImportReport(network: entry, newlyTrusted: held == nil, previousVersion: held?.version,
                                     added: change.added, removed: change.removed, bundles: reports, bundleNotes: notes)
    }

    private static func reason(_ error: NetworkError) -> String {
        switch error {
        case .memberList(_, let problem, _): return problem
        default: return error.description
        }
    }
}
