/// How much of a QR code may be damaged or hidden and still decode (ISO/IEC 18004 §5.3.6).
///
/// Higher levels make the symbol larger for the same text. Retail labels use ``medium``.
public enum QRErrorCorrection: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Level L: about 7 % of the codewords can be restored.
    case low = "L"
    /// Level M: about 15 % — the usual choice for printed labels.
    case medium = "M"
    /// Level Q: about 25 %.
    case quartile = "Q"
    /// Level H: about 30 %.
    case high = "H"

    /// Parses "L", "M", "Q", "H" (any case) or the spelled-out names ("low", "medium", …).
    public init?(name: String) {
        switch name.lowercased() {
        case "l", "low": self = .low
        case "m", "medium": self = .medium
        case "q", "quartile": self = .quartile
        case "h", "high": self = .high
        default: return nil
        }
    }

    /// The single letter used in the QR specification ("L", "M", "Q", "H").
    public var description: String { rawValue }

    /// The next lower level, or nil for ``low``.
    public var lower: QRErrorCorrection? {
        switch self {
        case .low: nil
        case .medium: .low
        case .quartile: .medium
        case .high: .quartile
        }
    }

    /// The two format-information bits of this level (ISO/IEC 18004 Table 12).
    var formatBits: UInt32 {
        switch self {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
    }
}
