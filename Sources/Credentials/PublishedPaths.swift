import Foundation

/// Where each credential is published on the passport site, relative to the site root.
///
/// Shared by the issuer (credential ids), the site and the verification bundle, so that an id in a
/// signed credential always names the file that holds it.
public enum PublishedPaths {
    /// One path segment, percent-encoded as GS1 Digital Link requires: every UTF-8 byte outside
    /// the RFC 3986 unreserved set (`A-Z a-z 0-9 - . _ ~`) becomes `%XX` (upper-case hex).
    public static func segment(_ text: String) -> String {
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
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
