public import Credentials
import Foundation

/// A member of a co-op, market or association, as its signed member list names it.
public struct NetworkMember: Sendable, Equatable {
    public var did: String
    public var name: String
    /// The day the member joined (`YYYY-MM-DD`).
    public var since: String
    /// The member's signing keys (assertion keys of its DID document), under their DID URLs.
    public var keys: [PublicKey]
    /// The member's site (its did:web base address).
    public var website: String?

    public init(did: String, name: String, since: String, keys: [PublicKey], website: String?) {
        self.did = did
        self.name = name
        self.since = since
        self.keys = keys
        self.website = website
    }
}

/// A certifier the network recognises for some schemes: shops that import the list trust it for
/// those schemes, as if they had added it themselves.
public struct RecognisedCertifier: Sendable, Equatable {
    public var did: String
    public var name: String
    public var schemes: [String]
    public var keys: [PublicKey]

    public init(did: String, name: String, schemes: [String], keys: [PublicKey]) {
        self.did = did
        self.name = name
        self.schemes = schemes
        self.keys = keys
    }
}

/// The signed, versioned list of a network's members: a vc+jwt the network signs with its own
/// key, which shops import once to trust every member.
public struct MemberList: Sendable, Equatable {
    public var networkDID: String
    public var networkName: String
    /// Goes up by one each time the membership changes; a shop refuses a lower one than it holds.
    public var version: Int
    /// When this version was issued (XML Schema dateTime).
    public var issued: String
    /// Sorted by DID.
    public var members: [NetworkMember]
    /// Certifiers the network recognises, sorted by DID.
    public var certifiers: [RecognisedCertifier]

    public init(networkDID: String, networkName: String, version: Int, issued: String, members: [NetworkMember],
                certifiers: [RecognisedCertifier] = []) {
        self.networkDID = networkDID
        self.networkName = networkName
        self.version = version
        self.issued = issued
        self.members = members.sorted { $0.did < $1.did }
        self.certifiers = certifiers.sorted { $0.did < $1.did }
    }

    /// The credential to sign. `context` is our JSON-LD context as the network publishes it.
    public func credential(context: String) -> JSONValue {
        let entries: [JSONValue] = members.map { member in
            var entry: [String: JSONValue] = [
                "id": .string(member.did), "name": .string(member.name), "memberSince": .string(member.since),
                "publicKeys": .array(member.keys.map { ["id": .string($0.id), "publicKeyMultibase": .string($0.multikey)] }),
            ]
            if let website = member.website { entry["website"] = .string(website) }
            return .object(entry)
        }
        var subject: JSONValue = ["id": .string(networkDID), "type": ["MemberList"], "name": .string(networkName),
                                  "listVersion": .int(version), "members": .array(entries)]
        if !certifiers.isEmpty {
            subject["recognisedCertifiers"] = .array(certifiers.map { certifier in
                ["id": .string(certifier.did), "name": .string(certifier.name),
                 "schemes": .array(certifier.schemes.map { .string($0) }),
                 "publicKeys": .array(certifier.keys.map { ["id": .string($0.id), "publicKeyMultibase": .string($0.multikey)] })]
            })
        }
        return [
            "@context": ["https://www.w3.org/ns/credentials/v2", .string(context)],
            "type": ["VerifiableCredential", "PassportMemberList"],
            "issuer": ["id": .string(networkDID), "name": .string(networkName)],
            "validFrom": .string(issued),
            "credentialSubject": subject,
        ]
    }

    /// Checks a signed list against the network's keys and reads it.
    public init(verifying jwt: String, keys: any PublicKeyResolver, source: String) throws(NetworkError) {
        func fail(_ problem: String) -> NetworkError {
            .memberList(source: source, problem: problem, fix: "get the current list from the network's site")
        }
        let verified: JWS.Verified
        do { verified = try JWS.verify(jwt, resolver: keys) } catch {
            throw fail("the member list's signature does not hold: " + UpstreamParty.explain(error, owner: "the network"))
        }
        guard let payload = try? JSONValue(parsing: verified.payload), let subject = payload["credentialSubject"],
              payload["type"]?.arrayValue?.contains("PassportMemberList") == true,
              let did = payload["issuer"]?["id"]?.stringValue, subject["id"]?.stringValue == did,
              let name = subject["name"]?.stringValue, let version = subject["listVersion"]?.intValue,
              let issued = payload["validFrom"]?.stringValue, let entries = subject["members"]?.arrayValue else {
            throw fail("it is not a readable member list")
        }
        guard Signer.did(ofKeyID: verified.key.id) == did else {
            throw fail("it is signed by \(verified.key.id), not by the network \(did)")
        }
        var members: [NetworkMember] = []
        for entry in entries {
            guard let memberDID = entry["id"]?.stringValue, let memberName = entry["name"]?.stringValue,
                  let since = entry["memberSince"]?.stringValue, let keyEntries = entry["publicKeys"]?.arrayValue,
                  !keyEntries.isEmpty else {
                throw fail("a member entry lacks its DID, name, date or keys")
            }
            var keys: [PublicKey] = []
            for key in keyEntries {
                guard let id = key["id"]?.stringValue, let multikey = key["publicKeyMultibase"]?.stringValue,
                      Signer.did(ofKeyID: id) == memberDID, let parsed = try? PublicKey(id: id, multikey: multikey) else {
                    throw fail("a key of \(memberDID) is not a usable Ed25519 key of that DID")
                }
                keys.append(parsed)
            }
            members.append(NetworkMember(did: memberDID, name: memberName, since: since, keys: keys,
                                         website: entry["website"]?.stringValue))
        }
        var certifiers: [RecognisedCertifier] = []
        for entry in subject["recognisedCertifiers"]?.arrayValue ?? [] {
            guard let certifierDID = entry["id"]?.stringValue, let certifierName = entry["name"]?.stringValue,
                  let schemes = entry["schemes"]?.arrayValue?.compactMap(\.stringValue), !schemes.isEmpty,
                  let keyEntries = entry["publicKeys"]?.arrayValue, !keyEntries.isEmpty else {
                throw fail("a recognised certifier lacks its DID, name, schemes or keys")
            }
            var keys: [PublicKey] = []
            for key in keyEntries {
                guard let id = key["id"]?.stringValue, let multikey = key["publicKeyMultibase"]?.stringValue,
                      Signer.did(ofKeyID: id) == certifierDID, let parsed = try? PublicKey(id: id, multikey: multikey) else {
                    throw fail("a key of \(certifierDID) is not a usable Ed25519 key of that DID")
                }
                keys.append(parsed)
            }
            certifiers.append(RecognisedCertifier(did: certifierDID, name: certifierName, schemes: schemes, keys: keys))
        }
        self.init(networkDID: did, networkName: name, version: version, issued: issued, members: members,
                  certifiers: certifiers)
    }

    /// The member with this DID.
    public func member(_ did: String) -> NetworkMember? { members.first { $0.did == did } }
}

/// The file a network publishes for shops (`trust-list.json`): its DID document (for the one
/// fingerprint check), the signed member list, and the members' current verification bundles,
/// so one import sets a shop up for every member.
public struct TrustListFile: Sendable {
    public static let type = "PassportTrustList"

    public var networkDID: String
    public var networkName: String
    public var didDocument: JSONValue
    /// The signed member list (compact JWS).
    public var list: String
    /// Members' bundles by member DID (each checked against the member's keys on import).
    public var bundles: [String: JSONValue]

    public init(networkDID: String, networkName: String, didDocument: JSONValue, list: String, bundles: [String: JSONValue]) {
        self.networkDID = networkDID
        self.networkName = networkName
        self.didDocument = didDocument
        self.list = list
        self.bundles = bundles
    }

    public var json: JSONValue {
        ["type": .string(Self.type), "version": 1, "network": ["id": .string(networkDID), "name": .string(networkName)],
         "didDocument": didDocument, "list": .string(list), "bundles": .object(bundles)]
    }

    /// Whether JSON looks like a trust list (rather than a producer's bundle).
    public static func isTrustList(_ json: JSONValue) -> Bool { json["type"]?.stringValue == type }

    public init(parsing json: JSONValue, source: String) throws(NetworkError) {
        guard Self.isTrustList(json), json["version"]?.intValue == 1,
              let did = json["network"]?["id"]?.stringValue, let name = json["network"]?["name"]?.stringValue,
              let document = json["didDocument"], let list = json["list"]?.stringValue else {
            throw .memberList(source: source, problem: "it is not a network trust list (version 1)",
                              fix: "use the trust-list.json that `passport network build` writes")
        }
        self.init(networkDID: did, networkName: name, didDocument: document, list: list,
                  bundles: json["bundles"]?.objectValue ?? [:])
    }

    /// The network's signing keys from its DID document.
    public func networkKeys(source: String) throws(NetworkError) -> DIDDocument {
        do {
            let document = try DIDDocument(parsing: didDocument, expectedID: networkDID)
            guard !document.assertionKeys.isEmpty else {
                throw NetworkError.memberList(source: source, problem: "the network's DID document lists no signing key", fix: "ask the network for its current list")
            }
            return document
        } catch let error as NetworkError {
            throw error
        } catch {
            throw .memberList(source: source, problem: "the network's DID document cannot be used: \(error)", fix: "ask the network for its current list")
        }
    }
}
