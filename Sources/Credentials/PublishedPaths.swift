internal import DigitalLink

/// Where each credential is published on the passport site, as URL paths relative to the site root.
///
/// Shared by the issuer (credential ids), the site and the verification bundle, so that an id in a
/// signed credential always names the file that holds it. Identifier paths (product, batch, unit)
/// come from `IdentifierPath` in DigitalLink.
public enum PublishedPaths {
    /// `certificates/<id>/` — a certificate's folder, the id percent-encoded.
    public static func certificateURLPath(id: String) -> String { "certificates/\(PercentEncoding.encode(id))/" }

    /// The producer's DID document for did:web on a bare host.
    public static let didDocument = ".well-known/did.json"

    /// Our JSON-LD context, defining the properties UNTP does not have (journey, value shares…).
    public static let context = "contexts/passport-v1.jsonld"

    /// The signed passport and its decoded payload, inside the batch folder.
    public static let passportJWT = "dpp.jwt"
    public static let passportJSON = "dpp.json"
    /// The signed conformity credential and its decoded payload, inside the certificate folder.
    public static let conformityJWT = "dcc.jwt"
    public static let conformityJSON = "dcc.json"
    /// The signed traceability events of a batch's journey and their decoded payload, inside the batch folder.
    public static let traceabilityJWT = "dte.jwt"
    public static let traceabilityJSON = "dte.json"

    /// `status/<purpose>.jwt` — a status list credential (what entries name as `statusListCredential`).
    public static func statusListJWT(_ purpose: StatusPurpose) -> String { "status/\(purpose.rawValue).jwt" }
    /// `status/<purpose>.json` — its decoded payload.
    public static func statusListJSON(_ purpose: StatusPurpose) -> String { "status/\(purpose.rawValue).json" }

    /// The name a certificate's evidence file is published under, inside its certificate folder:
    /// the project file's name with every character but `A–Z a–z 0–9 . - _` turned into `-`, so
    /// the name on disk and in the credential's URL are the same text.
    public static func evidenceFileName(_ projectPath: String) -> String {
        let name = projectPath.split(separator: "/").last.map(String.init) ?? projectPath
        let safe = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") ? $0 : "-" })
        return safe.allSatisfy { $0 == "." } ? "evidence" : safe
    }
}
