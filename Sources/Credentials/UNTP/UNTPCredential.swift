public import Foundation

/// A W3C Verifiable Credential (VCDM 2.0) as UNTP 0.7.0 shapes it: the envelope every UNTP
/// credential shares, around a typed subject.
///
/// The JSON keys of every credential type are spelled once, in the `CodingKeys` of the types in
/// this folder; the issuer encodes these types and the verifier and site decode the same types,
/// so a field cannot mean one thing to one side and another to the other.
public struct UNTPCredential<Subject: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    public var context: [String]
    public var type: [String]
    public var id: String
    public var issuer: CredentialIssuer
    public var name: String
    public var validFrom: String
    public var validUntil: String?
    /// W3C status entries. UNTP 0.7.0 allows one object here: one entry is written as an object,
    /// several (never issued by passport) as an array; both are read.
    public var credentialStatus: [BitstringStatusListEntry]
    /// Our extension: the suspension entry of a passport, beside the revocation entry in
    /// `credentialStatus` (see docs/verification.md, "Status lists").
    public var suspensionStatus: BitstringStatusListEntry?
    public var issuingSoftware: IssuingSoftware?
    public var credentialSubject: Subject

    public init(context: [String], type: [String], id: String, issuer: CredentialIssuer, name: String,
                validFrom: String, validUntil: String? = nil, credentialStatus: [BitstringStatusListEntry] = [],
                suspensionStatus: BitstringStatusListEntry? = nil, issuingSoftware: IssuingSoftware? = nil,
                credentialSubject: Subject) {
        self.context = context
        self.type = type
        self.id = id
        self.issuer = issuer
        self.name = name
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.credentialStatus = credentialStatus
        self.suspensionStatus = suspensionStatus
        self.issuingSoftware = issuingSoftware
        self.credentialSubject = credentialSubject
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case context = "@context", type, id, issuer, name, validFrom, validUntil, credentialStatus, suspensionStatus
        case issuingSoftware, credentialSubject
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        context = try c.decode(OneOrMany<String>.self, forKey: .context).values
        type = try c.decode(OneOrMany<String>.self, forKey: .type).values
        id = try c.decode(String.self, forKey: .id)
        issuer = try c.decode(CredentialIssuer.self, forKey: .issuer)
        name = try c.decode(String.self, forKey: .name)
        validFrom = try c.decode(String.self, forKey: .validFrom)
        validUntil = try c.decodeIfPresent(String.self, forKey: .validUntil)
        credentialStatus = try c.decodeIfPresent(OneOrMany<BitstringStatusListEntry>.self, forKey: .credentialStatus)?.values ?? []
        suspensionStatus = try c.decodeIfPresent(BitstringStatusListEntry.self, forKey: .suspensionStatus)
        issuingSoftware = try c.decodeIfPresent(IssuingSoftware.self, forKey: .issuingSoftware)
        credentialSubject = try c.decode(Subject.self, forKey: .credentialSubject)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(context, forKey: .context)
        try c.encode(type, forKey: .type)
        try c.encode(id, forKey: .id)
        try c.encode(issuer, forKey: .issuer)
        try c.encode(name, forKey: .name)
        try c.encode(validFrom, forKey: .validFrom)
        try c.encodeIfPresent(validUntil, forKey: .validUntil)
        if !credentialStatus.isEmpty { try c.encode(OneOrMany(credentialStatus), forKey: .credentialStatus) }
        try c.encodeIfPresent(suspensionStatus, forKey: .suspensionStatus)
        try c.encodeIfPresent(issuingSoftware, forKey: .issuingSoftware)
        try c.encode(credentialSubject, forKey: .credentialSubject)
    }

    /// Every status entry: revocation (`credentialStatus`) and suspension (`suspensionStatus`).
    public var statusEntries: [BitstringStatusListEntry] { credentialStatus + (suspensionStatus.map { [$0] } ?? []) }

    /// `validFrom` as a date, when it is a valid XML Schema dateTime.
    public var validFromDate: Date? { XSDDateTime.date(from: validFrom) }
    /// `validUntil` as a date, when present and valid.
    public var validUntilDate: Date? { validUntil.flatMap(XSDDateTime.date(from:)) }
}

/// The organisation that issued a credential: a DID and a name. VCDM also allows a bare DID
/// string, which is read (with an empty name) but never written.
public struct CredentialIssuer: Codable, Sendable, Hashable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    enum CodingKeys: String, CodingKey { case type, id, name }

    public init(from decoder: any Decoder) throws {
        if let did = try? decoder.singleValueContainer().decode(String.self) {
            self.init(id: did, name: "")
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), name: try c.decodeIfPresent(String.self, forKey: .name) ?? "")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(["CredentialIssuer"], forKey: .type)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
    }
}

/// The software that issued a credential (UNTP 0.7.0 `issuingSoftware`): all four members or none.
public struct IssuingSoftware: Codable, Sendable, Hashable {
    public struct Vendor: Codable, Sendable, Hashable {
        public var id: String
        public var name: String
    }

    public var id: String
    public var name: String
    public var version: String
    public var vendor: Vendor

    /// This program, at `PassportSoftware.version`.
    public static let passport = IssuingSoftware(
        id: "urn:passport:software:" + PassportSoftware.version, name: PassportSoftware.name,
        version: PassportSoftware.version, vendor: Vendor(id: "urn:passport:vendor", name: "The passport project"))
}

/// The name and version of this program, printed by `passport --version` and written into every
/// credential it issues (`issuingSoftware`).
public enum PassportSoftware {
    public static let name = "passport"
    public static let version = "0.2.0"
}

/// The `type` of a JSON-LD node: written as a list; read from a list, one string, or nothing.
public struct TypeList: Codable, Sendable, Hashable, ExpressibleByArrayLiteral {
    public var names: [String]

    public init(_ names: [String]) { self.names = names }
    public init(arrayLiteral names: String...) { self.names = names }

    /// Whether the list names `type`.
    public func contains(_ type: String) -> Bool { names.contains(type) }

    public init(from decoder: any Decoder) throws { names = try OneOrMany<String>(from: decoder).values }
    public func encode(to encoder: any Encoder) throws { try names.encode(to: encoder) }
}

extension KeyedDecodingContainer {
    /// A missing `type` reads as an empty list (UNTP does not require it); synthesized decoders pick
    /// this overload.
    public func decode(_: TypeList.Type, forKey key: Key) throws -> TypeList {
        try decodeIfPresent(TypeList.self, forKey: key) ?? TypeList([])
    }
}

/// A JSON value that may be one `T` or a list of them (`@context`, `type`, `credentialStatus`).
/// Written as a single value when it holds exactly one, as a list otherwise.
struct OneOrMany<T: Codable>: Codable {
    var values: [T]

    init(_ values: [T]) { self.values = values }

    init(from decoder: any Decoder) throws {
        if let list = try? decoder.singleValueContainer().decode([T].self) {
            values = list
        } else {
            values = [try decoder.singleValueContainer().decode(T.self)]
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if values.count == 1, let only = values.first { try c.encode(only) } else { try c.encode(values) }
    }
}
