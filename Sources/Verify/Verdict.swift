public import Foundation

/// The answer for one scanned code: one of nine verdicts, a one-line reason, and the checks
/// behind it.
public struct Verdict: Sendable, Equatable {
    /// The nine answers a clerk can get.
    public enum Kind: String, Sendable, CaseIterable {
        /// Every check passed.
        case genuine = "GENUINE"
        /// The product is genuine, but something needs attention (an expired certificate,
        /// a stale bundle, a past best-before date).
        case genuineWithWarnings = "GENUINE_WITH_WARNINGS"
        /// A genuine unit code that was scanned before: the label may have been copied.
        case seenBefore = "SEEN_BEFORE"
        /// The batch is recalled by its producer.
        case recalled = "RECALLED"
        /// The producer withdrew the batch's passport for good (its revocation bit is set).
        case revoked = "REVOKED"
        /// A signature failed: the code or a credential was altered or forged.
        case tampered = "TAMPERED"
        /// The code names a producer this shop does not trust.
        case unknownIssuer = "UNKNOWN_ISSUER"
        /// The producer is trusted but the product, batch or serial is not in its bundle.
        case unknownProduct = "UNKNOWN_PRODUCT_OR_BATCH"
        /// The text is not a product passport code at all.
        case notAPassportCode = "NOT_A_PASSPORT_CODE"

        /// How the verdict is written for people: `GENUINE with warnings`, `SEEN BEFORE`, …
        public var title: String {
            switch self {
            case .genuine: return "GENUINE"
            case .genuineWithWarnings: return "GENUINE with warnings"
            case .seenBefore: return "SEEN BEFORE"
            case .recalled: return "RECALLED"
            case .revoked: return "REVOKED"
            case .tampered: return "TAMPERED"
            case .unknownIssuer: return "UNKNOWN ISSUER"
            case .unknownProduct: return "UNKNOWN PRODUCT OR BATCH"
            case .notAPassportCode: return "NOT A PASSPORT CODE"
            }
        }

        /// Whether the item may be sold as genuine (with or without warnings).
        public var isGenuine: Bool { self == .genuine || self == .genuineWithWarnings }
    }

    /// One check made on the way to the verdict.
    public struct Check: Sendable, Equatable {
        /// How a check ended.
        public enum Outcome: String, Sendable {
            case passed, warning, failed
        }

        /// What was checked: `unit signature`, `passport`, `serial`, `recall`, `certificate EU organic`, …
        public var name: String
        public var outcome: Outcome
        /// What was found, in a sentence.
        public var detail: String

        public init(_ name: String, _ outcome: Outcome, _ detail: String) {
            self.name = name
            self.outcome = outcome
            self.detail = detail
        }
    }

    /// What the code identifies, as far as it could be read.
    public struct Item: Sendable, Equatable {
        public var gtin: String
        public var lot: String?
        public var serial: String?
        /// The product's name from its passport, when the passport was found.
        public var productName: String?
        public var producerDID: String?
        public var producerName: String?
        /// Units the producer issued under this code: 1 for a serial, the batch size for a lot code.
        public var unitsIssued: Int?

        public init(gtin: String, lot: String?, serial: String?) {
            self.gtin = gtin
            self.lot = lot
            self.serial = serial
        }
    }

    /// Earlier scans of the same unit in this shop's scan log.
    public struct EarlierScans: Sendable, Equatable {
        public var count: Int
        /// `scannedAt` of the first and the latest earlier scan.
        public var first: String
        public var last: String
        /// The shops those scans were made in.
        public var shops: [String]

        public init(count: Int, first: String, last: String, shops: [String]) {
            self.count = count
            self.first = first
            self.last = last
            self.shops = shops
        }
    }

    public var kind: Verdict.Kind
    /// One line saying why, for the clerk.
    public var reason: String
    /// The text that was scanned, as given.
    public var code: String
    /// When the scan was checked (the injected clock).
    public var scannedAt: Date
    public var item: Item?
    public var checks: [Check]
    public var earlierScans: EarlierScans?

    public init(kind: Verdict.Kind, reason: String, code: String, scannedAt: Date, item: Item? = nil,
                checks: [Check] = [], earlierScans: EarlierScans? = nil) {
        self.kind = kind
        self.reason = reason
        self.code = code
        self.scannedAt = scannedAt
        self.item = item
        self.checks = checks
        self.earlierScans = earlierScans
    }

    /// The details of the checks that ended in a warning.
    public var warnings: [String] { checks.filter { $0.outcome == .warning }.map(\.detail) }
}
