import Foundation

extension UNTPCredential {
    /// Reads a credential of this type from its JSON (the payload of a verified JWS).
    /// - Throws: `CredentialError.notACredential`, naming the field that does not fit.
    public init(json: JSONValue) throws(CredentialError) {
        self = try CredentialCoding.decode(Self.self, from: json)
    }

    /// The credential as JSON, ready to sign (deterministic bytes through `serialized()`).
    public func json() throws(CredentialError) -> JSONValue {
        try JSONValue(encoding: self)
    }

    /// Whether the JSON names the UNTP 0.7.0 context: the credentials this model reads directly
    /// (older ones go through `LegacyUNTP`).
    public static func isUNTP070(_ json: JSONValue) -> Bool {
        json["@context"]?.arrayValue?.contains(.string(UNTPVocabulary.untpContext)) == true
    }
}

/// Codable ↔ `JSONValue`, with decoding failures turned into readable, located errors.
enum CredentialCoding {
    static func decode<T: Decodable>(_ type: T.Type, from json: JSONValue) throws(CredentialError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: json.serialized())
        } catch let error as DecodingError {
            throw .notACredential(reason: describe(error))
        } catch {
            throw .notACredential(reason: "\(error)")
        }
    }

    /// `at credentialSubject.productCategory[0]: "code" is missing`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "the top level" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "at \(path(context.codingPath)): \"\(key.stringValue)\" is missing"
        case .typeMismatch(let type, let context):
            return "at \(path(context.codingPath)): expected \(name(of: type))"
        case .valueNotFound(let type, let context):
            return "at \(path(context.codingPath)): expected \(name(of: type)), found null"
        case .dataCorrupted(let context):
            return "at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Int.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default: return type is [Any].Type ? "a list" : "an object"
        }
    }
}
