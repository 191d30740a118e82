/// Choices about how forgiving reading should be, for input made by other tools.
///
/// The defaults (`.strict`) follow the GS1 reference implementation (the GS1 Barcode Syntax
/// Engine) in its default mode; what this library writes always reads back under `.strict`.
public struct DigitalLinkOptions: Hashable, Sendable {
    /// Accept a GTIN (01) of 8, 12 or 13 digits in a URI or bracketed string and pad it to 14.
    ///
    /// Older Digital Link URIs sometimes carry GTIN-13s, such as `https://brand.example/01/9520123456788`.
    public var permitZeroSuppressedGTIN: Bool
    /// Accept the deprecated short names of Digital Link 1.0 in a URI path (`/gtin/…`, `/lot/…`,
    /// `/ser/…`, `/sscc/…`) as their AI numbers. Output always uses AI numbers.
    public var permitConvenienceAlphas: Bool
    /// Accept AIs GS1 has not assigned (or this library does not know), checking only that their
    /// values use character set 82, and allow them as data attributes.
    public var permitUnknownAIs: Bool

    /// Sets each choice; all off by default.
    public init(permitZeroSuppressedGTIN: Bool = false, permitConvenienceAlphas: Bool = false,
                permitUnknownAIs: Bool = false) {
        self.permitZeroSuppressedGTIN = permitZeroSuppressedGTIN
        self.permitConvenienceAlphas = permitConvenienceAlphas
        self.permitUnknownAIs = permitUnknownAIs
    }

    /// Exactly what the GS1 standards require.
    public static let strict = DigitalLinkOptions()

    /// What a shop verifying third-party codes may want: short GTINs and 1.0 short names
    /// accepted; unknown AIs still refused.
    public static let lenient = DigitalLinkOptions(permitZeroSuppressedGTIN: true, permitConvenienceAlphas: true)
}
