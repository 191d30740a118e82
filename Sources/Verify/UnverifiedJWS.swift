import Credentials

/// Reads the header or payload of a compact JWS **without checking its signature** — only to
/// decide which keys to check it with, or to describe a credential whose check already failed
/// or is not the point (an import report). Never use the result as verified.
enum UnverifiedJWS {
    static func header(of compact: String) -> JSONValue? { part(0, of: compact) }

    static func payload(of compact: String) -> JSONValue? { part(1, of: compact) }

    private static func part(_ index: Int, of compact: String) -> JSONValue? {
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let bytes = Base64URL.decode(parts[index]) else { return nil }
        return try? JSONValue(parsing: bytes)
    }
}
