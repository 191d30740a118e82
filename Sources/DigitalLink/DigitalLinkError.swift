/// Everything that can go wrong reading or building GS1 identifiers, element strings and
/// Digital Link URIs.
///
/// Each case names the application identifier (AI) involved where there is one, and its
/// `description` says what is wrong and what to do about it, so a producer or a shop clerk can act
/// on it without knowing the GS1 specifications.
public enum DigitalLinkError: Error, Hashable, Sendable, CustomStringConvertible {

    // MARK: URI structure

    /// There was nothing to read.
    case emptyInput
    /// The URI contains a character that may not appear in a URI at all (it must be percent-encoded).
    case illegalURICharacter(Character, offset: Int)
    /// The URI does not start with `https://` or `http://` (all lower or all upper case).
    case unsupportedScheme(String)
    /// There is no host name between `://` and the path.
    case missingHost
    /// The host name contains a character that is not allowed in a domain name.
    case illegalHostCharacter(Character, host: String)
    /// The URI has no path, so it cannot carry a GS1 key.
    case missingPath
    /// No `/AI/value` pair with a GS1 primary key (such as `/01/…` for a GTIN) was found in the path.
    case noPrimaryKey(path: String)
    /// The path ends with `/`, which leaves its last AI without a value.
    case trailingSlash
    /// The path has an empty segment (`//`) where an AI number was expected.
    case emptyPathSegment
    /// An AI is present with an empty value.
    case emptyValue(ai: String)
    /// A percent-encoded value decodes to a NUL character (`%00`).
    case encodedNull(ai: String)
    /// An AI number is not one this library knows (and unknown AIs were not permitted).
    case unknownAI(String)
    /// A numeric query parameter name is not a GS1 AI; numeric names are reserved for AIs.
    case numericParameterNotAnAI(String)

    // MARK: Values

    /// A value has the wrong number of characters for its AI.
    case invalidLength(ai: String, value: String, allowed: ClosedRange<Int>, format: String)
    /// A value contains a character outside the character set its AI allows.
    case invalidCharacter(ai: String, value: String, character: Character, allowed: String)
    /// A GS1 mod-10 check digit does not match the digits before it.
    case checkDigit(ai: String, value: String, expected: Int, found: Int)
    /// A GS1 alphanumeric check character pair (as on a GMN) does not match.
    case checkCharacters(ai: String, value: String, expected: String, found: String)
    /// A date (YYMMDD) or time in a value is not a real date or time.
    case invalidDate(ai: String, value: String, reason: String)
    /// Some other rule for one part of a value is broken (the reason says which).
    case invalidComponent(ai: String, value: String, reason: String)

    // MARK: Identifier structure

    /// The AI given as the primary key of a Digital Link is not a GS1 primary key.
    case notAPrimaryKey(String)
    /// The AIs after the primary key in the path are not a sequence the standard allows for it.
    case invalidQualifiers(key: String, qualifiers: [String], allowed: [[String]])
    /// The same AI appears twice.
    case duplicateAI(String)
    /// The same AI appears twice with different values.
    case conflictingValues(ai: String, first: String, second: String)
    /// The AI may not be carried as a Digital Link data attribute (query parameter).
    case notADataAttribute(String)
    /// The AI is in the query but is a key qualifier of the primary key, so it belongs in the path.
    case belongsInPath(ai: String, key: String)
    /// The element data has no AI that can be a Digital Link primary key.
    case missingPrimaryKey
    /// The URI stem (scheme, host and optional path prefix) cannot be used.
    case invalidStem(String, reason: String)
    /// A non-AI query parameter name cannot be used.
    case invalidParameterName(String)
    /// Bracketed or scanned element-string text could not be read.
    case invalidElementString(String, reason: String)

    /// A message for people: what is wrong, where, and how to fix it.
    public var description: String {
        switch self {
        case .emptyInput:
            return "Nothing to read: the text is empty. Scan or paste the code again."
        case let .illegalURICharacter(c, offset):
            return "The URI contains \(quoted(c)) at position \(offset + 1), which is not allowed in a URI. Percent-encode it (for example a space is %20) or remove it."
        case let .unsupportedScheme(found):
            return "The URI starts with \(quoted(found)); a GS1 Digital Link must start with https:// (or http://), written all in lower or all in upper case."
        case .missingHost:
            return "The URI has no host name after '://'. Give one, such as https://id.gs1.org/01/…"
        case let .illegalHostCharacter(c, host):
            return "The host name \(quoted(host)) contains \(quoted(c)), which is not allowed in a domain name."
        case .missingPath:
            return "The URI has no path, so it carries no GS1 key. Add one, such as /01/ followed by a 14-digit GTIN."
        case let .noPrimaryKey(path):
            return "No GS1 key was found in the path \(quoted(path)). A Digital Link path needs a key such as /01/<GTIN>, /00/<SSCC> or /414/<GLN>; check the AI numbers in the path."
        case .trailingSlash:
            return "The URI path ends with '/'. Remove the trailing slash."
        case .emptyPathSegment:
            return "The URI path contains an empty segment ('//'). Remove the extra slash."
        case let .emptyValue(ai):
            return "\(label(ai)) has no value. Give a value or leave the AI out."
        case let .encodedNull(ai):
            return "The value of \(label(ai)) contains %00 (a NUL character), which is never allowed. Remove it."
        case let .unknownAI(ai):
            return "\(quoted(ai)) is not a GS1 Application Identifier this tool knows. Check the number against the GS1 General Specifications."
        case let .numericParameterNotAnAI(name):
            return "The query parameter \(quoted(name)) has a numeric name but is not a GS1 Application Identifier; numeric names are reserved for AIs. Rename it to include a letter."
        case let .invalidLength(ai, value, allowed, format):
            let count = value.unicodeScalars.count
            let range = allowed.lowerBound == allowed.upperBound
                ? "exactly \(allowed.lowerBound)" : "\(allowed.lowerBound) to \(allowed.upperBound)"
            var message = "\(label(ai)) value \(quoted(value)) has \(count) character\(count == 1 ? "" : "s"); its format \(format) needs \(range)."
            if ai == "01", [8, 12, 13].contains(count), value.unicodeScalars.allSatisfy(AICharacterSet.numeric.contains) {
                message += " Write the GTIN with leading zeros as 14 digits: \(value.leftPadded(to: 14))."
            }
            return message
        case let .invalidCharacter(ai, value, c, allowed):
            return "\(label(ai)) value \(quoted(value)) contains \(quoted(c)), which is not allowed there: use \(allowed)."
        case let .checkDigit(ai, value, expected, found):
            return "\(label(ai)) \(value): check digit should be \(expected), not \(found). Check the number for a typing error; if the other digits are right, the last digit must be \(expected)."
        case let .checkCharacters(ai, value, expected, found):
            return "\(label(ai)) \(value): check characters should be \(expected), not \(found). Check the value for a typing error."
        case let .invalidDate(ai, value, reason):
            return "\(label(ai)) value \(quoted(value)) is not a valid date or time: \(reason)."
        case let .invalidComponent(ai, value, reason):
            return "\(label(ai)) value \(quoted(value)) is not valid: \(reason)."
        case let .notAPrimaryKey(ai):
            return "\(label(ai)) cannot be the key of a Digital Link. Use a GS1 primary key such as (01) GTIN, (00) SSCC or (414) GLN."
        case let .invalidQualifiers(key, qualifiers, allowed):
            let given = qualifiers.map { "(\($0))" }.joined(separator: " ")
            let options = allowed.isEmpty
                ? "it takes no qualifiers"
                : "it allows, in this order: " + allowed.map { $0.map { "(\($0))" }.joined(separator: " then ") }.joined(separator: "; or ")
            return "The qualifiers \(given) cannot follow \(label(key)) in the path: \(options). Move other AIs to the query string, or leave them out."
        case let .duplicateAI(ai):
            return "\(label(ai)) appears more than once. Give it once."
        case let .conflictingValues(ai, first, second):
            return "\(label(ai)) appears twice with different values (\(quoted(first)) and \(quoted(second))). Keep the right one."
        case let .notADataAttribute(ai):
            return "\(label(ai)) cannot be carried as a Digital Link data attribute (query parameter). If it qualifies the key, it must be in the path with the key it belongs to; otherwise leave it out."
        case let .belongsInPath(ai, key):
            return "\(label(ai)) qualifies \(label(key)) and must be in the URI path after it, not in the query string."
        case .missingPrimaryKey:
            return "The data has no GS1 primary key, such as (01) GTIN, (00) SSCC or (414) GLN, so no Digital Link can be made from it."
        case let .invalidStem(stem, reason):
            return "The Digital Link stem \(quoted(stem)) cannot be used: \(reason)."
        case let .invalidParameterName(name):
            return "The query parameter name \(quoted(name)) cannot be used: it must be non-empty and contain at least one non-digit."
        case let .invalidElementString(text, reason):
            return "Could not read the GS1 element string \(quoted(text)): \(reason)."
        }
    }
}

/// "(01) GTIN" for a known AI, "(89)" otherwise.
func label(_ ai: String) -> String {
    if let entry = ApplicationIdentifier.named(ai) { return "(\(ai)) \(entry.title)" }
    return "(\(ai))"
}

private func quoted(_ c: Character) -> String {
    if let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1,
       scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x20 {
        return "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
    }
    return "'\(c)'"
}

private func quoted(_ s: String) -> String { "'\(s)'" }

extension String {
    /// Left-pads with `pad` to `length` characters; longer strings are returned unchanged.
    func leftPadded(to length: Int, with pad: Character = "0") -> String {
        count >= length ? self : String(repeating: pad, count: length - count) + self
    }
}
