public import Foundation

/// A performance claim a passport makes about its product (UNTP 0.7.0 `performanceClaim`), with
/// the conformity credential that backs it as `evidence`.
public struct Claim: Codable, Sendable, Hashable {
    public var type: TypeList = ["Claim"]
    public var id: String
    public var name: String
    public var description: String?
    public var referenceCriteria: [Criterion]
    /// `YYYY-MM-DD`
    public var claimDate: String
    public var claimedPerformance: [Performance]
    public var conformityTopic: [ConformityTopic]
    /// Links to the conformity credentials (`application/vc+jwt`, by digest).
    public var evidence: [Link]?

    public init(id: String, name: String, description: String? = nil, referenceCriteria: [Criterion],
                claimDate: String, claimedPerformance: [Performance], conformityTopic: [ConformityTopic],
                evidence: [Link]? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.referenceCriteria = referenceCriteria
        self.claimDate = claimDate
        self.claimedPerformance = claimedPerformance
        self.conformityTopic = conformityTopic
        self.evidence = evidence
    }
}

/// A criterion (or scheme, standard, profile) named by id and name; `type` says which.
public struct Criterion: Codable, Sendable, Hashable {
    public var type: TypeList
    public var id: String
    public var name: String

    public init(type: String, id: String, name: String) {
        self.type = [type]
        self.id = id
        self.name = name
    }
}

/// A claimed or assessed performance: a score in the scheme's terms (`certified`, `self-declared`).
public struct Performance: Codable, Sendable, Hashable {
    public var score: Score?

    public init(score: Score?) { self.score = score }
}

public struct Score: Codable, Sendable, Hashable {
    public var code: String
    public var definition: String?

    public init(code: String, definition: String? = nil) {
        self.code = code
        self.definition = definition
    }
}

/// A UNTP conformity topic, such as `environment.biodiversity`.
public struct ConformityTopic: Codable, Sendable, Hashable {
    public var type: TypeList = ["ConformityTopic"]
    public var id: String
    public var name: String

    /// The topic of code `code` in `UNTPVocabulary.conformityTopicNamespace`.
    public init(code: String) {
        self.id = UNTPVocabulary.conformityTopicNamespace + code
        self.name = code
    }
}

/// The digest a `Link` carries of the signed bytes it points at: a multibase (`u`, base64url)
/// SHA-256 multihash (`0x12 0x20` + 32 bytes), as VC Data Integrity writes `digestMultibase`.
public enum ResourceDigest {
    /// `digestMultibase` of `bytes`.
    public static func multibase<D: DataProtocol>(of bytes: D) -> String {
        multibase(hex: SHA256Digest.hex(bytes)) ?? ""
    }

    /// `digestMultibase` for a SHA-256 given in hex; nil when `hex` is not 64 hex digits.
    public static func multibase(hex: String) -> String? {
        guard hex.count == 64, let digest = Data(hex: hex) else { return nil }
        return "u" + Base64URL.encode(Data([0x12, 0x20]) + digest)
    }

    /// The SHA-256 (lower-case hex) a `digestMultibase` holds; nil for any other multihash or encoding.
    public static func sha256Hex(multibase: String) -> String? {
        guard multibase.hasPrefix("u"), let bytes = Base64URL.decode(multibase.dropFirst()), bytes.count == 34,
              bytes[bytes.startIndex] == 0x12, bytes[bytes.startIndex + 1] == 0x20 else { return nil }
        return bytes.dropFirst(2).map { String(format: "%02x", $0) }.joined()
    }
}

extension Data {
    /// Bytes from hex text (either case); nil for an odd length or a non-hex character.
    init?(hex: String) {
        var bytes: [UInt8] = []
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next() {
            guard let low = iterator.next(), let h = Self.nibble(high), let l = Self.nibble(low) else { return nil }
            bytes.append(h << 4 | l)
        }
        self.init(bytes)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
