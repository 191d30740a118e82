/// The Digital Link paths of what passport identifies, relative to a site root: a product
/// (`01/<gtin>/`), a batch (`01/<gtin>/10/<lot>/`) and a unit (`…/21/<serial>/`).
///
/// These are **URL paths**: lots and serials are percent-encoded (`PercentEncoding.encode`), as
/// links and Digital Link URIs carry them. Where a static site keeps them on disk is the site's
/// business (`SiteLayout` in the Site module).
public enum IdentifierPath {
    /// `01/<gtin14>/`.
    public static func product(gtin: String) -> String { "01/\(gtin)/" }

    /// `01/<gtin14>/10/<lot>/`, the lot percent-encoded.
    public static func batch(gtin: String, lot: String) -> String {
        "01/\(gtin)/10/\(PercentEncoding.encode(lot))/"
    }

    /// `01/<gtin14>/10/<lot>/21/<serial>/`, lot and serial percent-encoded.
    public static func unit(gtin: String, lot: String, serial: String) -> String {
        batch(gtin: gtin, lot: lot) + "21/\(PercentEncoding.encode(serial))/"
    }

    /// `/01/<gtin14>/10/<lot>/21/<serial>`: the canonical unit path (leading slash, no trailing
    /// slash, no query) that a unit code's signature covers, whatever host the code names.
    public static func canonicalUnit(gtin: String, lot: String, serial: String) -> String {
        "/01/\(gtin)/10/\(PercentEncoding.encode(lot))/21/\(PercentEncoding.encode(serial))"
    }
}
