/// What a passport says beyond UNTP 0.7.0, in the product node beside UNTP's own fields: the
/// journey, who received what per unit, upstream inputs, the recall. Every key here is a term of
/// `PassportContext` (the context is made from these `CodingKeys`, so none can be left undefined).
public struct PassportExtension: Codable, Sendable, Hashable {
    public var netQuantity: NetQuantity?
    public var unitsProduced: Int?
    /// `YYYY-MM-DD`
    public var bestBeforeDate: String?
    public var retailPrice: Double?
    public var currency: String?
    public var journey: [JourneyStep]?
    public var valueShares: [ValueShare]?
    public var upstreamInputs: [UpstreamInput]?
    public var serialRange: SerialSpan?
    public var recall: RecallNotice?

    public init(netQuantity: NetQuantity? = nil, unitsProduced: Int? = nil, bestBeforeDate: String? = nil,
                retailPrice: Double? = nil, currency: String? = nil, journey: [JourneyStep]? = nil,
                valueShares: [ValueShare]? = nil, upstreamInputs: [UpstreamInput]? = nil, serialRange: SerialSpan? = nil,
                recall: RecallNotice? = nil) {
        self.netQuantity = netQuantity
        self.unitsProduced = unitsProduced
        self.bestBeforeDate = bestBeforeDate
        self.retailPrice = retailPrice
        self.currency = currency
        self.journey = journey
        self.valueShares = valueShares
        self.upstreamInputs = upstreamInputs
        self.serialRange = serialRange
        self.recall = recall
    }

    enum CodingKeys: String, ExtensionTerm {
        case netQuantity, unitsProduced, bestBeforeDate, retailPrice, currency, journey, valueShares, upstreamInputs
        case serialRange, recall

        var datatype: String? {
            switch self {
            case .unitsProduced: return "xsd:integer"
            case .bestBeforeDate: return "xsd:date"
            case .retailPrice: return "xsd:decimal"
            default: return nil
            }
        }
    }

    /// The amount in a unit as printed on the pack (`500 ml`).
    public struct NetQuantity: Codable, Sendable, Hashable {
        public var quantityValue: Double
        public var quantityUnit: String

        public init(quantityValue: Double, quantityUnit: String) {
            self.quantityValue = quantityValue
            self.quantityUnit = quantityUnit
        }

        enum CodingKeys: String, ExtensionTerm {
            case quantityValue, quantityUnit
            var datatype: String? { self == .quantityValue ? "xsd:decimal" : nil }
        }
    }

    /// One step of the journey, as the page shows it.
    public struct JourneyStep: Codable, Sendable, Hashable {
        public var actorId: String
        public var actorName: String
        public var actorRole: String
        public var place: String
        public var latitude: Double
        public var longitude: Double
        /// `YYYY-MM-DD`
        public var stepDate: String
        public var activity: String?

        public init(actorId: String, actorName: String, actorRole: String, place: String, latitude: Double,
                    longitude: Double, stepDate: String, activity: String?) {
            self.actorId = actorId
            self.actorName = actorName
            self.actorRole = actorRole
            self.place = place
            self.latitude = latitude
            self.longitude = longitude
            self.stepDate = stepDate
            self.activity = activity
        }

        enum CodingKeys: String, ExtensionTerm {
            case actorId, actorName, actorRole, place, latitude, longitude, stepDate, activity
            var datatype: String? {
                switch self {
                case .latitude, .longitude: return "xsd:double"
                case .stepDate: return "xsd:date"
                default: return nil
                }
            }
        }
    }

    /// What one actor received per unit: an amount in a currency or a share of the retail price.
    public struct ValueShare: Codable, Sendable, Hashable {
        public var actorId: String
        public var actorName: String
        public var actorRole: String
        public var amountPerUnit: Double?
        public var currency: String?
        public var percentOfRetailPrice: Double?

        public init(actorId: String, actorName: String, actorRole: String, amountPerUnit: Double? = nil,
                    currency: String? = nil, percentOfRetailPrice: Double? = nil) {
            self.actorId = actorId
            self.actorName = actorName
            self.actorRole = actorRole
            self.amountPerUnit = amountPerUnit
            self.currency = currency
            self.percentOfRetailPrice = percentOfRetailPrice
        }

        enum CodingKeys: String, ExtensionTerm {
            case actorId, actorName, actorRole, amountPerUnit, currency, percentOfRetailPrice
            var datatype: String? { self == .amountPerUnit || self == .percentOfRetailPrice ? "xsd:decimal" : nil }
        }
    }

    /// An input that has its own passport, pinned by the SHA-256 of that passport's bytes.
    public struct UpstreamInput: Codable, Sendable, Hashable {
        public var inputName: String
        public var upstreamPassport: String
        public var sha256: String

        public init(inputName: String, upstreamPassport: String, sha256: String) {
            self.inputName = inputName
            self.upstreamPassport = upstreamPassport
            self.sha256 = sha256
        }

        enum CodingKeys: String, ExtensionTerm {
            case inputName, upstreamPassport, sha256
            var datatype: String? { self == .upstreamPassport ? "@id" : nil }
        }
    }

    /// The first and last serial of a serialized batch.
    public struct SerialSpan: Codable, Sendable, Hashable {
        public var firstSerial: String
        public var lastSerial: String

        public init(firstSerial: String, lastSerial: String) {
            self.firstSerial = firstSerial
            self.lastSerial = lastSerial
        }

        enum CodingKeys: String, ExtensionTerm {
            case firstSerial, lastSerial
            var datatype: String? { nil }
        }
    }

    /// A recall: do not sell or use the batch.
    public struct RecallNotice: Codable, Sendable, Hashable {
        /// `YYYY-MM-DD`
        public var recallDate: String
        public var recallReason: String

        public init(recallDate: String, recallReason: String) {
            self.recallDate = recallDate
            self.recallReason = recallReason
        }

        enum CodingKeys: String, ExtensionTerm {
            case recallDate, recallReason
            var datatype: String? { self == .recallDate ? "xsd:date" : nil }
        }
    }

    /// Every term the extension writes, with its datatype: what `PassportContext` defines.
    static var terms: [(String, String?)] {
        func all<K: ExtensionTerm>(_: K.Type) -> [(String, String?)] { K.allCases.map { ($0.rawValue, $0.datatype) } }
        return all(CodingKeys.self) + all(NetQuantity.CodingKeys.self) + all(JourneyStep.CodingKeys.self)
            + all(ValueShare.CodingKeys.self) + all(UpstreamInput.CodingKeys.self) + all(SerialSpan.CodingKeys.self)
            + all(RecallNotice.CodingKeys.self)
    }
}

/// A JSON key of our extension, and the XML Schema datatype (or `@id`) its values have.
protocol ExtensionTerm: CodingKey, CaseIterable, RawRepresentable where RawValue == String {
    var datatype: String? { get }
}

/// The subject of a passport: UNTP's `Product` and our extension, side by side in one JSON object.
public struct PassportSubject: Codable, Sendable, Hashable {
    public var product: UNTPProduct
    public var extensions: PassportExtension

    public init(product: UNTPProduct, extensions: PassportExtension) {
        self.product = product
        self.extensions = extensions
    }

    public init(from decoder: any Decoder) throws {
        product = try UNTPProduct(from: decoder)
        extensions = try PassportExtension(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try product.encode(to: encoder)
        try extensions.encode(to: encoder)
    }
}

/// A UNTP 0.7.0 Digital Product Passport of one batch.
public typealias ProductPassport = UNTPCredential<PassportSubject>
/// A UNTP 0.7.0 Digital Conformity Credential.
public typealias ConformityCredential = UNTPCredential<ConformityAttestation>
/// A UNTP 0.7.0 Digital Traceability Event credential: the events of one batch's journey.
public typealias TraceabilityCredential = UNTPCredential<[LifecycleEvent]>
