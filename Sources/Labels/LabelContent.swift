/// What one label says, as display-ready text. Plain strings: the caller maps its records to
/// these (and translates them); the layout decides which appear where.
public struct LabelContent: Sendable, Hashable {
    /// The text in the QR code: the batch or unit GS1 Digital Link URI (with the unit signature
    /// for serialized batches).
    public var codeText: String
    /// The GTIN in human-readable form, e.g. "GTIN 08012345678901" (see ``gtinDisplay(_:style:)``).
    public var gtinDisplay: String
    public var productName: String
    public var producerName: String
    /// The lot number as printed; the layout may put a prefix such as "Lot " before it.
    public var lot: String
    /// The unit's serial for serialized batches; nil for batch labels. Also names per-label files
    /// and heads each manifest row.
    public var serial: String?
    /// One line each, e.g. ["Best before 30.06.2027", "Produced 15.01.2026"].
    public var dates: [String]
    /// E.g. "500 ml".
    public var netQuantity: String
    /// Certification marks as short text, e.g. ["EU Organic", "DOP"].
    public var badges: [String]
    /// What scanning gives.
    public var callToAction: String

    /// Content for one label; only the code text is required.
    public init(codeText: String, gtinDisplay: String = "", productName: String = "", producerName: String = "",
                lot: String = "", serial: String? = nil, dates: [String] = [], netQuantity: String = "",
                badges: [String] = [], callToAction: String = "Scan for origin and proof") {
        self.codeText = codeText
        self.gtinDisplay = gtinDisplay
        self.productName = productName
        self.producerName = producerName
        self.lot = lot
        self.serial = serial
        self.dates = dates
        self.netQuantity = netQuantity
        self.badges = badges
        self.callToAction = callToAction
    }

    /// The text of `field` before the layout's prefix is added.
    func text(of field: LabelField) -> String {
        switch field {
        case .productName: productName
        case .producer: producerName
        case .gtin: gtinDisplay
        case .lot: lot
        case .serial: serial ?? ""
        case .dates: dates.joined(separator: "\n")
        case .netQuantity: netQuantity
        case .badges: badges.joined(separator: "\n")
        case .callToAction: callToAction
        }
    }

    /// How a GTIN is shown beside the code.
    public enum GTINStyle: Sendable {
        /// "GTIN 08012345678901"
        case plain
        /// "(01) 08012345678901", the GS1 human-readable interpretation.
        case applicationIdentifier
        /// "(01) 0 80123 45678 90 1", grouped for reading aloud.
        case grouped
    }

    /// Formats a 14-digit GTIN (shorter ones are padded with leading zeros). Check digits are
    /// not verified here; the Digital Link has already been built from a valid GTIN.
    public static func gtinDisplay(_ gtin: String, style: GTINStyle = .plain) -> String {
        let digits = String(repeating: "0", count: max(0, 14 - gtin.count)) + gtin
        switch style {
        case .plain:
            return "GTIN " + digits
        case .applicationIdentifier:
            return "(01) " + digits
        case .grouped:
            let characters = Array(digits)
            guard characters.count == 14 else { return "(01) " + digits }
            let groups = [characters[0...0], characters[1...5], characters[6...10], characters[11...12], characters[13...13]]
            return "(01) " + groups.map { String($0) }.joined(separator: " ")
        }
    }
}
