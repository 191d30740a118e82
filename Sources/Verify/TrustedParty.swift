public import Credentials
import Foundation

/// A producer whose passports and unit codes this shop accepts: its did:web and the Ed25519
/// keys allowed to sign for it.
public struct TrustedProducer: Sendable, Equatable {
    /// `did:web:oliveto.example`
    public var did: String
    /// The name shown to the clerk.
    public var name: String
    /// The keys, under their DID URLs (`did:web:oliveto.example#main`).
    public var keys: [PublicKey]
    /// When the shop started trusting it (XML Schema dateTime).
    public var addedAt: String
    /// The DID of the network whose member list made the shop trust it; nil when trusted directly.
    public var network: String?

    public init(did: String, name: String, keys: [PublicKey], addedAt: String, network: String? = nil) {
        self.did = did
        self.name = name
        self.keys = keys
        self.addedAt = addedAt
        self.network = network
    }
}

/// A co-op, market or association whose signed member list this shop imported: every member is
/// trusted as a producer while it is on the list.
public struct TrustedNetwork: Sendable, Equatable {
    public var did: String
    public var name: String
    /// The keys that sign its member list.
    public var keys: [PublicKey]
    public var addedAt: String
    /// The version and issue time of the list held.
    public var version: Int
    public var issued: String
    /// The members' DIDs on the list held.
    public var members: [String]

    public init(did: String, name: String, keys: [PublicKey], addedAt: String, version: Int, issued: String, members: [String]) {
        self.did = did
        self.name = name
        self.keys = keys
        self.addedAt = addedAt
        self.version = version
        self.issued = issued
        self.members = members
    }
}

/// A certifier whose conformity credentials this shop accepts, for the schemes it names.
public struct TrustedCertifier: Sendable, Equatable {
    /// `did:web:terraviva-cert.example`
    public var did: String
    public var name: String
    public var keys: [PublicKey]
    /// The schemes it is trusted to certify, as written by the shop (`EU organic`).
    public var schemes: [String]
    public var addedAt: String
    /// The DID of the network whose member list recognises it; nil when trusted directly.
    public var network: String?

    public init(did: String, name: String, keys: [PublicKey], schemes: [String], addedAt: String, network: String? = nil) {
        self.did = did
        self.name = name
        self.keys = keys
        self.schemes = schemes
        self.addedAt = addedAt
        self.network = network
    }

    /// Whether the certifier is trusted for `scheme` (compared ignoring case and outer spaces).
    public func certifies(_ scheme: String) -> Bool {
        let wanted = TrustedCertifier.normalised(scheme)
        return schemes.contains { TrustedCertifier.normalised($0) == wanted }
    }

    static func normalised(_ scheme: String) -> String {
        scheme.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

// MARK: - JSON form (trust.json)

extension TrustedProducer {
    var json: JSONValue {
        var json: JSONValue = ["did": .string(did), "name": .string(name), "addedAt": .string(addedAt), "keys": TrustJSON.keys(keys)]
        if let network { json["network"] = .string(network) }
        return json
    }

    init(json: JSONValue, path: String) throws(VerifyError) {
        guard let did = json["did"]?.stringValue, let name = json["name"]?.stringValue,
              let addedAt = json["addedAt"]?.stringValue else {
            throw .damagedTrustStore(path: path, reason: "a producer entry lacks \"did\", \"name\" or \"addedAt\"")
        }
        self.init(did: did, name: name, keys: try TrustJSON.keys(json["keys"], owner: did, path: path), addedAt: addedAt,
                  network: json["network"]?.stringValue)
    }
}

extension TrustedNetwork {
    var json: JSONValue {
        ["did": .string(did), "name": .string(name), "addedAt": .string(addedAt), "keys": TrustJSON.keys(keys),
         "version": .int(version), "issued": .string(issued), "members": .array(members.map { .string($0) })]
    }

    init(json: JSONValue, path: String) throws(VerifyError) {
        guard let did = json["did"]?.stringValue, let name = json["name"]?.stringValue,
              let addedAt = json["addedAt"]?.stringValue, let version = json["version"]?.intValue,
              let issued = json["issued"]?.stringValue else {
            throw .damagedTrustStore(path: path, reason: "a network entry lacks \"did\", \"name\", \"version\", \"issued\" or \"addedAt\"")
        }
        self.init(did: did, name: name, keys: try TrustJSON.keys(json["keys"], owner: did, path: path), addedAt: addedAt,
                  version: version, issued: issued, members: json["members"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }
}

extension TrustedCertifier {
    var json: JSONValue {
        var json: JSONValue = ["did": .string(did), "name": .string(name), "addedAt": .string(addedAt), "keys": TrustJSON.keys(keys),
                               "schemes": .array(schemes.map { .string($0) })]
        if let network { json["network"] = .string(network) }
        return json
    }

    init(json: JSONValue, path: String) throws(VerifyError) {
        guard let did = json["did"]?.stringValue, let name = json["name"]?.stringValue,
              let addedAt = json["addedAt"]?.stringValue,
              let schemes = json["schemes"]?.arrayValue?.compactMap(\.stringValue) else {
            throw .damagedTrustStore(path: path, reason: "a certifier entry lacks \"did\", \"name\", \"schemes\" or \"addedAt\"")
        }
        self.init(did: did, name: name, keys: try TrustJSON.keys(json["keys"], owner: did, path: path),
                  schemes: schemes, addedAt: addedAt, network: json["network"]?.stringValue)
    }
}

enum TrustJSON {
    static func keys(_ keys: [PublicKey]) -> JSONValue {
        .array(keys.map { ["id": .string($0.id), "publicKeyMultibase": .string($0.multikey)] })
    }

    static func keys(_ json: JSONValue?, owner: String, path: String) throws(VerifyError) -> [PublicKey] {
        guard let entries = json?.arrayValue, !entries.isEmpty else {
            throw .damagedTrustStore(path: path, reason: "\(owner) has no keys")
        }
        var keys: [PublicKey] = []
        for entry in entries {
            guard let id = entry["id"]?.stringValue, let multikey = entry["publicKeyMultibase"]?.stringValue else {
                throw .damagedTrustStore(path: path, reason: "a key of \(owner) lacks \"id\" or \"publicKeyMultibase\"")
            }
            do {
                keys.append(try PublicKey(id: id, multikey: multikey))
            } catch {
                throw .damagedTrustStore(path: path, reason: "the key \(id): \(error.description)")
            }
        }
        return keys
    }
}
