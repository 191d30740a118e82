import DigitalLink
/// The text printed in a serialized unit's QR code: the unit's GS1 Digital Link URI with the
/// producer's signature over its canonical path in the `s` query parameter.
///
/// `https://oliveto.example/01/08012345000029/10/N2026S/21/000042?s=<86 base64url characters>`
/// still parses as a GS1 Digital Link (non-AI query parameters are allowed), and a shop can check
/// offline that the producer issued that serial. See docs/verification.md.
public enum UnitCode {
    /// The query parameter that carries the signature.
    public static let signatureParameter = "s"

    /// `/01/<gtin14>/10/<lot>/21/<serial>`, percent-encoded: the exact bytes that are signed.
    public static func canonicalPath(gtin: String, lot: String, serial: String) -> String {
        IdentifierPath.canonicalUnit(gtin: gtin, lot: lot, serial: serial)
    }

    /// The code text for one unit, signed with `key`.
    public static func text(baseURL: String, gtin: String, lot: String, serial: String,
                            key: SigningKey) throws(CredentialError) -> String {
        let path = canonicalPath(gtin: gtin, lot: lot, serial: serial)
        let signature = try UnitSignature.sign(identifier: path, key: key)
        return baseURL + path + "?" + signatureParameter + "=" + signature
    }
}
