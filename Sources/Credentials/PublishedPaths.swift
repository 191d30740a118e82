import Foundation

/// Where each credential is published on the passport site, relative to the site root.
///
/// Shared by the issuer (credential ids), the site and the verification bundle, so that an id in a
/// signed credential always names the file that holds it.
public enum PublishedPaths {
    /// RFC 3986 unreserved characters: everything else in a path segment is percent-encoded.
    static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// One path segment, percent-encoded as GS1 Digital Link requires.
    public static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// `01/<gtin14>/` — the product's folder.
    public static func productDirectory(gtin: String) -> String { "01/\(gtin)/" }

    /// `01/<gtin14>/10/<lot>/` — the batch's folder, also its Digital Link path.
    public static func batchDirectory(gtin: String, lot: String) -> String {
        "01/\(gtin)/10/\(segment(lot))/"
    }

    /// `certificates/<id>/` — a certificate's folder.
    public static func certificateDirectory(id: String) -> String { "certificates/\(segment(id))/" }

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
}
