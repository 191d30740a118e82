/// The link types the resolver recognises: GS1's web vocabulary and UNTP's, as the site writes
/// them into its linksets, and the names a client may ask for in `?linkType=`.
///
/// Linksets carry full URIs as link relation types (RFC 9264). GS1's are `https://gs1.org/voc/…`.
/// UNTP's are written as the UNTP 0.7.0 schemas' examples write them,
/// `https://test.uncefact.org/vocabulary/linkTypes/…`: the UNTP linkset schema only accepts
/// relation types made of letters, digits, `.` and `/`, so the `#` of UNTP's vocabulary namespace
/// `https://vocabulary.uncefact.org/untp/linkType#` cannot appear as a key in a valid linkset. A
/// request may name a UNTP type either way, or as `untp:dpp`.
enum LinkTypes {
    static let gs1 = "https://gs1.org/voc/"
    /// Other spellings of GS1's namespace that requests may use.
    static let gs1Aliases = ["https://ref.gs1.org/voc/", "http://gs1.org/voc/", "https://www.gs1.org/voc/"]
    /// UNTP link types as linkset keys.
    static let untp = "https://test.uncefact.org/vocabulary/linkTypes/"
    /// UNTP's vocabulary namespace, accepted in requests.
    static let untpNamespace = "https://vocabulary.uncefact.org/untp/linkType#"

    static let defaultLink = gs1 + "defaultLink"
    static let pip = gs1 + "pip"

    /// What a `linkType` value asks for.
    enum Request: Equatable {
        /// `all` or `linkset`: every link, as a linkset.
        case linkset
        /// One link type, as a linkset key.
        case type(String)
        /// A prefix or namespace this resolver does not know.
        case unknown(String)
    }

    /// Reads a `linkType` value: `linkset`, `all`, `gs1:pip`, `untp:dpp` or a full URI.
    static func request(_ value: String) -> Request {
        if value == "all" || value == "linkset" { return .linkset }
        if value.hasPrefix("gs1:") { return name(value.dropFirst(4)).map { .type(gs1 + $0) } ?? .unknown(value) }
        if value.hasPrefix("untp:") { return name(value.dropFirst(5)).map { .type(untp + $0) } ?? .unknown(value) }
        for namespace in [gs1] + gs1Aliases where value.hasPrefix(namespace) {
            return name(value.dropFirst(namespace.count)).map { .type(gs1 + $0) } ?? .unknown(value)
        }
        for namespace in [untp, untpNamespace] where value.hasPrefix(namespace) {
            return name(value.dropFirst(namespace.count)).map { .type(untp + $0) } ?? .unknown(value)
        }
        return .unknown(value)
    }

    /// The short name of a linkset key: `gs1:pip`, `untp:dpp`; other keys as they are.
    static func curie(_ key: String) -> String {
        if key.hasPrefix(gs1) { return "gs1:" + key.dropFirst(gs1.count) }
        if key.hasPrefix(untp) { return "untp:" + key.dropFirst(untp.count) }
        return key
    }

    /// A link type's local name: letters and digits only (`pip`, `certificationInfo`, `dpp`).
    private static func name(_ text: Substring) -> String? {
        guard !text.isEmpty, text.utf8.allSatisfy({ byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }) else { return nil }
        return String(text)
    }
}
