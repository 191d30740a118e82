/// The fixed names UNTP 0.7.0, the W3C specifications and GS1 give to contexts, link types,
/// media types and identifier schemes — in one place, so issuer, site and verifier agree.
public enum UNTPVocabulary {
    /// The W3C Verifiable Credentials Data Model 2.0 context; always first.
    public static let credentialsContext = "https://www.w3.org/ns/credentials/v2"
    /// The one JSON-LD context of UNTP 0.7.0; always second.
    public static let untpContext = "https://vocabulary.uncefact.org/untp/0.7.0/context/"
    /// The contexts of the older per-credential UNTP releases this verifier still reads.
    public static let legacyContextPrefix = "https://test.uncefact.org/vocabulary/untp/"

    /// Media type of a credential secured as a compact JWS (VC-JOSE-COSE).
    public static let credentialMediaType = "application/vc+jwt"
    /// The `typ` a secured credential carries, and the `cty` of its payload.
    public static let credentialType = "vc+jwt"
    public static let credentialContentType = "vc"

    /// UNTP link types (the identity resolver's `untp:` namespace).
    public enum LinkType: String, Sendable, CaseIterable {
        case dpp, dcc, dte
        /// The namespace the short names expand into.
        public static let namespace = "https://vocabulary.uncefact.org/untp/linkType#"
        /// `untp:dpp`, as UNTP's identity resolver writes relation types.
        public var curie: String { "untp:" + rawValue }
        /// The full IRI, for a credential's `linkType` field.
        public var iri: String { Self.namespace + rawValue }
    }

    /// GS1 GTIN as a product identifier scheme.
    public static let gtinScheme = IdentifierScheme(id: "https://id.gs1.org/01/", name: "Global Trade Item Number (GTIN)")
    /// GS1 Global Location Number (AI 414) for facilities.
    public static let glnPrefix = "https://id.gs1.org/414/"
    /// UNTP conformity topics (codes such as `environment.biodiversity`) expand into this namespace.
    public static let conformityTopicNamespace = "https://vocabulary.uncefact.org/ConformityTopic#"
    /// GS1 Core Business Vocabulary business steps, for a traceability event's activity.
    public static let businessStepScheme = "https://ref.gs1.org/cbv/BizStep"
}
