import Foundation

/// Where a credential's status is kept (W3C Bitstring Status List v1.0, `BitstringStatusListEntry`):
/// bit `statusListIndex` of the list published at `statusListCredential`.
public struct BitstringStatusListEntry: Codable, Sendable, Hashable {
    public var id: String?
    /// `revocation` or `suspension` (the W3C list also names `refresh` and `message`).
    public var statusPurpose: String
    /// Written as a JSON integer, as the UNTP 0.7.0 schema demands; a base-10 string (the W3C
    /// Recommendation's form) is read too. See docs/verification.md, "Status lists".
    public var statusListIndex: Int
    public var statusListCredential: String

    public init(purpose: StatusPurpose, index: Int, list: String) {
        self.id = list + "#" + String(index)
        self.statusPurpose = purpose.rawValue
        self.statusListIndex = index
        self.statusListCredential = list
    }

    enum CodingKeys: String, CodingKey { case type, id, statusPurpose, statusListIndex, statusListCredential }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard try c.decode(TypeList.self, forKey: .type).contains("BitstringStatusListEntry") else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: c,
                                                   debugDescription: "a status entry must be a BitstringStatusListEntry")
        }
        id = try c.decodeIfPresent(String.self, forKey: .id)
        statusPurpose = try c.decode(String.self, forKey: .statusPurpose)
        statusListCredential = try c.decode(String.self, forKey: .statusListCredential)
        if let number = try? c.decode(Int.self, forKey: .statusListIndex) {
            statusListIndex = number
        } else if let text = try? c.decode(String.self, forKey: .statusListIndex), !text.isEmpty,
                  text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber), let number = Int(text) {
            statusListIndex = number
        } else {
            throw DecodingError.dataCorruptedError(forKey: .statusListIndex, in: c,
                                                   debugDescription: "statusListIndex must be a whole number 0 or more")
        }
        guard statusListIndex >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .statusListIndex, in: c,
                                                   debugDescription: "statusListIndex must not be negative")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("BitstringStatusListEntry", forKey: .type)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encode(statusPurpose, forKey: .statusPurpose)
        try c.encode(statusListIndex, forKey: .statusListIndex)
        try c.encode(statusListCredential, forKey: .statusListCredential)
    }
}

/// The two status purposes passport publishes lists for.
public enum StatusPurpose: String, Sendable, CaseIterable, Codable {
    /// Final: the credential was withdrawn (`passport revoke`).
    case revocation
    /// Reversible: the batch is recalled while the recall stands in its record.
    case suspension
}

/// The subject of a status list credential: the list itself.
public struct BitstringStatusList: Codable, Sendable, Hashable {
    public var id: String
    public var statusPurpose: String
    /// Multibase base64url (`u`, no padding) of the GZIP-compressed bitstring.
    public var encodedList: String

    public init(id: String, purpose: StatusPurpose, bits: StatusBitstring) throws(CredentialError) {
        self.id = id
        self.statusPurpose = purpose.rawValue
        self.encodedList = try bits.encodedList()
    }

    enum CodingKeys: String, CodingKey { case type, id, statusPurpose, encodedList }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard try c.decode(TypeList.self, forKey: .type).contains("BitstringStatusList") else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "the subject must be a BitstringStatusList")
        }
        id = try c.decodeIfPresent(String.self, forKey: .id) ?? ""
        statusPurpose = try c.decode(String.self, forKey: .statusPurpose)
        encodedList = try c.decode(String.self, forKey: .encodedList)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("BitstringStatusList", forKey: .type)
        try c.encode(id, forKey: .id)
        try c.encode(statusPurpose, forKey: .statusPurpose)
        try c.encode(encodedList, forKey: .encodedList)
    }

    /// The list's bits, decoded from `encodedList`.
    public func bits() throws(CredentialError) -> StatusBitstring { try StatusBitstring(encodedList: encodedList) }
}

/// A status list credential: a `BitstringStatusListCredential` signed by whoever issued the
/// credentials whose status it holds.
public typealias StatusListCredential = UNTPCredential<BitstringStatusList>

/// The bits of a status list: index 0 is the left-most (most significant) bit of the first byte.
public struct StatusBitstring: Sendable, Hashable {
    /// W3C's minimum: 16 KiB, 131,072 entries, so that one list hides any credential among many.
    public static let minimumEntries = 131_072

    public private(set) var bytes: [UInt8]

    /// An all-clear list of at least `minimumEntries` entries.
    public init(entries: Int = StatusBitstring.minimumEntries) {
        bytes = [UInt8](repeating: 0, count: (max(entries, Self.minimumEntries) + 7) / 8)
    }

    /// Reads an `encodedList`.
    /// - Throws: `CredentialError.compression` or `.invalidStatusList`.
    public init(encodedList: String) throws(CredentialError) {
        guard encodedList.hasPrefix("u"), let compressed = Base64URL.decode(encodedList.dropFirst()) else {
            throw .invalidStatusList(reason: "encodedList is not multibase base64url (it must start with \"u\")")
        }
        bytes = [UInt8](try Gzip.decompress(compressed))
        guard bytes.count * 8 >= Self.minimumEntries else {
            throw .invalidStatusList(reason: "the list holds \(bytes.count * 8) entries; at least \(Self.minimumEntries) are required")
        }
    }

    public var count: Int { bytes.count * 8 }

    public func isSet(_ index: Int) -> Bool {
        guard index >= 0, index < count else { return false }
        return bytes[index / 8] & (0x80 >> UInt8(index % 8)) != 0
    }

    public mutating func set(_ index: Int) {
        guard index >= 0, index < count else { return }
        bytes[index / 8] |= 0x80 >> UInt8(index % 8)
    }

    /// The indexes whose bit is set, in order.
    public var setIndexes: [Int] {
        bytes.indices.filter { bytes[$0] != 0 }.flatMap { byte in (0..<8).map { byte * 8 + $0 }.filter(isSet) }
    }

    /// GZIP, then multibase base64url: the `encodedList` form.
    public func encodedList() throws(CredentialError) -> String {
        "u" + Base64URL.encode(try Gzip.compress(Data(bytes)))
    }
}
