public import DigitalLink
/// The producer behind the project (`passport.yaml`).
public struct Producer: Sendable, Hashable {
    public var name: String
    public var description: LocalizedText?
    public var address: String
    /// ISO 3166-1 alpha-2 code, upper case.
    public var country: String
    public var email: String?
    public var phone: String?
    /// The https URL the site is published at, without a trailing slash; also the did:web identity.
    public var baseURL: String
    public var gs1CompanyPrefix: String?
    /// Languages the passport pages are written in; the first is the default.
    public var languages: [String]
    /// Id of the key in `keys/` that signs passports.
    public var signingKey: String
    /// The people and organisations along the journey, by id.
    public var actors: [Actor]
    /// Colour, logo and typeface of the passport pages.
    public var brand: Brand
    public var location: SourceLocation
    /// Where each top-level field was written, for messages about references.
    public var fieldLocations: [String: SourceLocation]

    /// Where `field` was written, or where the record starts.
    public func location(of field: String) -> SourceLocation { fieldLocations[field] ?? location }

    public var defaultLanguage: String { languages.first ?? "en" }

    public func actor(_ id: String) -> Actor? { actors.first { $0.id == id } }
}

/// Someone who adds value: a grower, a mill, a bottler, a carrier.
public struct Actor: Sendable, Hashable {
    public var id: String
    public var name: String
    public var role: String
    public var place: String?
    public var country: String?
    public var website: String?
    /// The actor's own identity (`did:web:…` or `did:key:…`), whose signature confirms its value shares.
    public var did: String?
    public var location: SourceLocation
}

/// A quantity such as `500 ml` or `1 kg`.
public struct Quantity: Sendable, Hashable, CustomStringConvertible {
    public var value: Double
    /// UN/CEFACT-style unit code, e.g. `ml`, `l`, `g`, `kg`, `unit`.
    public var unit: String

    public init(value: Double, unit: String) {
        self.value = value
        self.unit = unit
    }

    public var description: String {
        let number = value.rounded() == value ? String(Int(value)) : String(value)
        return "\(number) \(unit)"
    }
}

/// A material or ingredient and where it comes from.
public struct Material: Sendable, Hashable {
    public var name: LocalizedText
    /// ISO 3166-1 alpha-2 country of origin.
    public var originCountry: String
    public var originPlace: String?
    /// Share of the product by mass, in percent.
    public var sharePercent: Double
    public var recycledPercent: Double?
    public var hazardous: Bool
}

/// A product as sold (`products/*.yaml`), identified by its GTIN.
public struct Product: Sendable, Hashable {
    /// The file name without extension, used to reference the product from batches.
    public var id: String
    /// 14 digits, check digit verified.
    public var gtin: String
    public var name: LocalizedText
    public var description: LocalizedText
    public var category: String?
    /// One line that tells the product's story, under its name on the page (per language).
    public var story: LocalizedText?
    public var netQuantity: Quantity
    public var materials: [Material]
    /// Image files, relative to the project folder.
    public var images: [String]
    /// Ids of certificates (`certificates/<id>.yaml`) that apply to this product.
    public var certifications: [String]
    public var location: SourceLocation
    /// Where each top-level field was written, for messages about references.
    public var fieldLocations: [String: SourceLocation]

    /// Where `field` was written, or where the record starts.
    public func location(of field: String) -> SourceLocation { fieldLocations[field] ?? location }
}

/// One step of the journey from raw material to shelf.
public struct JourneyStep: Sendable, Hashable {
    /// Id of an actor in `passport.yaml`.
    public var actor: String
    /// What the actor did here: grower, mill, bottler, carrier…
    public var role: String
    public var place: String
    public var latitude: Double
    public var longitude: Double
    public var date: CalendarDate
    public var description: LocalizedText
    public var location: SourceLocation
}

/// What one actor received for each unit of the batch.
public struct ValueShare: Sendable, Hashable {
    public var actor: String
    /// Amount per unit, in `currency`; nil when given as a percentage.
    public var amount: Double?
    /// ISO 4217 code; nil when given as a percentage.
    public var currency: String?
    /// Share of the retail price, in percent; nil when given as an amount.
    public var percent: Double?
    public var location: SourceLocation
}

/// An upstream material that has its own passport.
public struct UpstreamInput: Sendable, Hashable {
    public var name: LocalizedText
    /// The GS1 Digital Link of the upstream batch (`https://<its site>/01/<gtin>/10/<lot>`).
    public var batchLink: String
    /// SHA-256 of the upstream's signed passport (`dpp.jwt`), 64 lower-case hex characters.
    public var sha256: String
    /// How much of it this batch uses.
    public var quantity: Quantity
    /// How much of this input's unit one unit of the upstream material gives (`0.16 l/kg`).
    public var yield: YieldRatio?
    public var location: SourceLocation
    /// The field path for messages, e.g. `inputs[1]`.
    public var field: String
}

/// A declared yield: `value` of `output` per one `per` (`0.16 l/kg`).
public struct YieldRatio: Sendable, Hashable {
    public var value: Double
    public var output: String
    public var per: String
}

/// A recall: the batch must not be sold or used.
public struct Recall: Sendable, Hashable {
    public var date: CalendarDate
    public var reason: LocalizedText
}

/// A production batch (`batches/*.yaml`) of one product.
public struct Batch: Sendable, Hashable {
    /// The file name without extension.
    public var id: String
    /// Id of the product (`products/<id>.yaml`).
    public var product: String
    public var lot: String
    public var productionDate: CalendarDate
    public var bestBefore: CalendarDate?
    public var expiry: CalendarDate?
    public var quantity: Int
    /// What the whole batch amounts to for the producers who use it (`4000 kg`); nil means
    /// `quantity` units.
    public var output: Quantity?
    /// Present when every unit carries its own serial number.
    public var serials: SerialRange?
    public var retailPrice: Double?
    public var retailCurrency: String?
    public var journey: [JourneyStep]
    public var valueShares: [ValueShare]
    public var inputs: [UpstreamInput]
    public var recall: Recall?
    public var location: SourceLocation
    /// Where each top-level field was written, for messages about references.
    public var fieldLocations: [String: SourceLocation]

    /// Where `field` was written, or where the record starts.
    public func location(of field: String) -> SourceLocation { fieldLocations[field] ?? location }
}

/// Evidence that backs a certificate: a published document or a file in the project.
public enum Evidence: Sendable, Hashable {
    case url(String)
    case file(String)
}

/// A certification held by the producer (`certificates/*.yaml`).
public struct Certificate: Sendable, Hashable {
    /// The file name without extension.
    public var id: String
    /// The scheme as people know it, e.g. "Regenerative Organic Certified".
    public var scheme: String
    /// A short mark printed on labels, e.g. "ROC" or "EU Organic".
    public var badge: String
    public var certifierName: String
    public var certifierDID: String
    public var number: String
    public var scope: LocalizedText
    public var validFrom: CalendarDate
    public var validUntil: CalendarDate
    public var evidence: Evidence?
    /// UNTP conformity topic, e.g. `environment.biodiversity`.
    public var topic: String
    public var location: SourceLocation
    /// Where each top-level field was written, for messages about references.
    public var fieldLocations: [String: SourceLocation]

    /// Where `field` was written, or where the record starts.
    public func location(of field: String) -> SourceLocation { fieldLocations[field] ?? location }
}

/// A whole producer project, loaded and validated; collections are sorted by id.
public struct Project: Sendable {
    /// The project folder.
    public var root: String
    public var producer: Producer
    public var products: [Product]
    public var batches: [Batch]
    public var certificates: [Certificate]

    public func product(_ id: String) -> Product? { products.first { $0.id == id } }
    public func certificate(_ id: String) -> Certificate? { certificates.first { $0.id == id } }
    public func batches(of productID: String) -> [Batch] { batches.filter { $0.product == productID } }
}
