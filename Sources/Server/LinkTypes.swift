internal import Credentials

/// The link types the resolver recognises: GS1's web vocabulary and UNTP's, as the site writes
/// them into its linksets, and the names a client may ask for in `?linkType=`.
///
/// Linksets carry full URIs as link relation types (RFC 9264). GS1's are `https://gs1.org/voc/…`.
/// UNTP's cannot be keys (the UNTP 0.7.0 linkset schema allows only IANA names or URIs without
/// `#`), so the site lists UNTP links under the IANA relation `describedby`, each naming its UNTP
/// type in `rel` (`untp:dpp`). Inside the resolver a UNTP type is its full IRI in UNTP's namespace
/// `https://vocabulary.uncefact.org/untp/linkType#`; a request may name it that way, as `untp:dpp`,
/// or with the older `https://test.uncefact.org/vocabulary/linkTypes/` prefix.
enum LinkTypes {
    static let gs1 = "https://gs1.org/voc/"
    /// Other spellings of GS1's namespace that requests may use.
    static let gs1Aliases = ["https://ref.gs1.org/voc/", "http://gs1.org/voc/", "https://www.gs1.org/voc/"]
    /// UNTP link types: their namespace (`untp:` expands into it).
    static let untp = UNTPVocabulary.LinkType.namespace
    /// The prefix UNTP's earlier linksets used, accepted in requests.
    static let untpLegacy = "https://test.uncefact.org/vocabulary/linkTypes/"
    /// The linkset key UNTP links sit under, each with its type in `rel`.
    static let describedBy = "describedby"

    static let defaultLink = gs1 + "defaultLink"
    static let pip = gs1 + "pip"

    /// What a `linkType` value asks for.
    enum Request: Equatable {
        /// `all` or `linkset`: every link, as a linkset.
        case linkset
        /// One link type: a linkset key, or a UNTP type's IRI (found under `describedby`).
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
        for namespace in [untp, untpLegacy] where value.hasPrefix(namespace) {
            return name(value.dropFirst(namespace.count)).map { .type(untp + $0) } ?? .unknown(value)
        }
        return .unknown(value)
    }

    /// The short name of a link type: `gs1:pip`, `untp:dpp`; other keys as they are.
    static func curie(_ key: String) -> String {
        if key.hasPrefix(gs1) { return "gs1:" + key.dropFirst(gs1.count) }
        if key.hasPrefix(untp) { return "untp:" + key.dropFirst(untp.count) }
        return key
    }

    /// The links of type `type` in a linkset context: under that key, or for a UNTP type, the
    /// `describedby` links whose `rel` names it.
    static func links(_ type: String, in context: JSONValue) -> [JSONValue] {
        guard type.hasPrefix(untp) else { return context[type]?.arrayValue ?? [] }
        let name = curie(type)
        return (context[describedBy]?.arrayValue ?? []).filter { link in
            link["rel"]?.arrayValue?.contains { $0.stringValue == name } == true
        }
    }

    /// The link types a context offers, short names sorted: its keys, with `describedby` links by
    /// their UNTP type.
    static func available(in context: JSONValue) -> [String] {
        var types: Set<String> = []
        for (key, value) in context.objectValue ?? [:] where key != "anchor" {
            guard key == describedBy else { types.insert(curie(key)); continue }
            for link in value.arrayValue ?? [] {
                for rel in link["rel"]?.arrayValue ?? [] {
                    if let type = rel.stringValue { types.insert(type) }
                }
            }
        }
        return types.sorted()
    }

    /// A link type's local name: letters and digits only (`pip`, `certificationInfo`, `dpp`).
    private static func name(_ text: Substring) -> String? {
        guard !text.isEmpty, text.utf8.allSatisfy({ byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }) else { return nil }
        return String(text)
    }
}
