/// Whether every character of `s` is in GS1 AI encodable character set 82.
///
/// Set 82 is what GS1 allows in alphanumeric AI values such as a lot (10) or serial (21):
/// `A–Z a–z 0–9` and `! " % & ' ( ) * + , - . / : ; < = > ? _`. No space, no `#`, no accents.
/// This checks characters only; the length limit (20 for a lot or serial) is the caller's.
public func isGS1CSET82(_ s: String) -> Bool {
    s.unicodeScalars.allSatisfy(AICharacterSet.cset82.contains)
}

/// The character sets GS1 uses for the parts of AI values.
public enum AICharacterSet: String, Hashable, Sendable, CaseIterable {
    /// Digits 0–9 (GS1 format letter N).
    case numeric = "N"
    /// GS1 AI encodable character set 82 (format letter X).
    case cset82 = "X"
    /// GS1 AI encodable character set 39: `A–Z 0–9 # - /` (format letter Y).
    case cset39 = "Y"
    /// GS1 AI encodable character set 64, the URI-safe base64 alphabet plus `=` padding (format letter Z).
    case cset64 = "Z"

    /// Whether `scalar` belongs to this set.
    public func contains(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        let digit = v >= 0x30 && v <= 0x39
        let upper = v >= 0x41 && v <= 0x5A
        let lower = v >= 0x61 && v <= 0x7A
        switch self {
        case .numeric:
            return digit
        case .cset82:
            return digit || upper || lower || Self.cset82Punctuation.contains(v)
        case .cset39:
            return digit || upper || v == 0x23 || v == 0x2D || v == 0x2F   // # - /
        case .cset64:
            return digit || upper || lower || v == 0x2D || v == 0x5F || v == 0x3D // - _ =
        }
    }

    /// How to describe the set to a person fixing a value.
    public var explanation: String {
        switch self {
        case .numeric: return "digits 0-9 only"
        case .cset82: return "GS1 character set 82 (A-Z a-z 0-9 and ! \" % & ' ( ) * + , - . / : ; < = > ? _; no spaces)"
        case .cset39: return "GS1 character set 39 (A-Z 0-9 # - /; upper case, no spaces)"
        case .cset64: return "GS1 character set 64 (A-Z a-z 0-9 - _ and = padding)"
        }
    }

    /// `! " % & ' ( ) * + , - . / : ; < = > ? _`
    private static let cset82Punctuation: Set<UInt32> = Set("!\"%&'()*+,-./:;<=>?_".unicodeScalars.map(\.value))

    /// The 82 characters of set 82 in GS1's order (ascending ASCII), whose positions are the
    /// character values used by the alphanumeric check-character pair.
    static let cset82Ordered: [Unicode.Scalar] = (0x21...0x7A).compactMap { value in
        guard let scalar = Unicode.Scalar(value), AICharacterSet.cset82.contains(scalar) else { return nil }
        return scalar
    }
}
