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
    /// Where the producer makes its products: `producedAtFacility` of every passport.
    public var facility: Facility
    /// The people and organisations along the journey, by id.
    public var actors: [Actor]
    /// Colour, logo and typeface of the passport pages.
    public var brand: Brand
    /// Caps on how much one build or label run may do (`limits:`).
    public var limits: ProjectLimits = .standard
    public var location: SourceLocation
    /// Where each top-level field was written, for messages about references.
    public var fieldLocations: [String: SourceLocation]

    /// Where `field` was written, or where the record starts.
    public func location(of field: String) -> SourceLocation { fieldLocations[field] ?? location }

    public var defaultLanguage: String { languages.first ?? "en" }

    public func actor(_ id: String) -> Actor? { actors.first { $0.id == id } }
}

/// A site where products are made. Without a `facility` in passport.yaml it is the producer's
/// own name and address.
public struct Facility: Sendable, Hashable {
    public var name: String
    /// GS1 Global Location Number (13 digits, check digit verified), when the producer has one.
    public var gln: String?
}

/// A class of product or material in a published classification, as UNTP 0.7.0 requires for
/// `productCategory` and a material's `materialType`.
public struct ProductClass: Sendable, Hashable {
    /// The classifications a record may name a code from.
    public enum Scheme: String, Sendable, CaseIterable {
        /// UN Central Product Classification, Ver. 2.1 (what UNTP recommends): 1 to 5 digits.
        case cpc
        /// GS1 Global Product Classification brick: 8 digits.
        case gpc
        /// World Customs Organization Harmonized System: 4 or 6 digits (8 or 10 national).
        case hs
        /// United Nations Standard Products and Services Code: 8 digits.
        case unspsc
    }

    public var scheme: Scheme
    public var code: String
    /// What the code means, as people read it; a material's class is named by the material.
    public var name: LocalizedText
}

/// Caps on how much work one project may ask for, so a typo (`count: 1000000000`) stops with a
/// clear message instead of running for days. Set in `passport.yaml` under `limits:`.
public struct ProjectLimits: Sendable, Hashable {
    /// Most units one serialized batch may number (`limits.serialized_units`).
    public var serializedUnits: Int
    /// Most labels one run prints: a `passport labels` run, or one batch in `passport build`
    /// (`limits.labels_per_run`).
    public var labelsPerRun: Int

    public init(serializedUnits: Int, labelsPerRun: Int) {
        self.serializedUnits = serializedUnits
        self.labelsPerRun = labelsPerRun
    }

    /// 1,000,000 serialized units per batch and 100,000 labels per run.
    public static let standard = ProjectLimits(serializedUnits: 1_000_000, labelsPerRun: 100_000)
    /// The highest either limit may be set to.
    public static let ceiling = 100_000_000
}

/// Someone who adds value: a grower, a mill, a bottler, a carrier.
public struct Actor: Sendable, Hashable {
    public var id: String
    public var name: String
    public var role: String
    public var place: String?
    public var country: String?
    public var website: String?
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
        let number = value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
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
    /// The material's class (its code; named by `name`).
    public var materialClass: ProductClass
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
    /// The product's class (required by UNTP 0.7.0; its name is shown on pages).
    public var category: ProductClass
    /// ISO 3166-1 alpha-2; nil means the producer's country.
    public var countryOfProduction: String?
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
    /// What kind of traceability event the step is; nil to decide by the actor's role.
    public var event: JourneyEvent?
    public var location: SourceLocation
}

/// The kinds of UNTP traceability event a journey step can be.
public enum JourneyEvent: String, Sendable, Hashable, CaseIterable {
    /// Something was made or transformed: harvesting, pressing, bottling.
    case make
    /// The goods travelled from the previous step's place to this one.
    case move
    /// The goods were inspected, repaired or otherwise handled without becoming something else.
    case modify
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
    /// Where the upstream passport (a vc+jwt or JSON credential) is published.
    public var passportURL: String
    /// SHA-256 of that credential's bytes, 64 lower-case hex characters.
    public var sha256: String
    public var quantity: Quantity?
    public var location: SourceLocation
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
    /// Status list positions and revocations (`status/`).
    public var status: StatusRecords

    public func product(_ id: String) -> Product? { products.first { $0.id == id } }
    public func certificate(_ id: String) -> Certificate? { certificates.first { $0.id == id } }
    public func batches(of productID: String) -> [Batch] { batches.filter { $0.product == productID } }
}

/// What `status/allocation.yaml` and `status/revoked.yaml` record: each credential's position in
/// the status lists (kept for ever, never reused) and the credentials withdrawn with `passport revoke`.
public struct StatusRecords: Sendable, Hashable {
    /// Credential key (see `StatusRecords.key`) → position.
    public var positions: [String: Int]
    public var revocations: [Revocation]

    public init(positions: [String: Int] = [:], revocations: [Revocation] = []) {
        self.positions = positions
        self.revocations = revocations
    }

    /// A withdrawn credential.
    public struct Revocation: Sendable, Hashable {
        public var credential: String
        public var date: CalendarDate
        public var reason: String

        public init(credential: String, date: CalendarDate, reason: String) {
            self.credential = credential
            self.date = date
            self.reason = reason
        }
    }

    /// How status files name a batch's passport: `passport 08012345000012/L2026A`.
    public static func passportKey(gtin: String, lot: String) -> String { "passport \(gtin)/\(lot)" }
    /// How status files name a certificate's conformity credential: `certificate eu-organic` (a
    /// certifier, signing for many producers, names it `certificate oliveto.example/eu-organic`).
    public static func certificateKey(id: String) -> String { "certificate \(id)" }
    /// The number of positions in a list (W3C's minimum, 131,072).
    public static let listSize = 131_072

    /// Whether `key` names a passport or a certificate the way the status files do.
    public static func isKey(_ key: String) -> Bool {
        let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return false }
        if parts[0] == "certificate" { return !parts[1].contains(" ") }
        let lot = parts[1].split(separator: "/", maxSplits: 1)
        return parts[0] == "passport" && lot.count == 2 && FieldRules.isDigits(String(lot[0])) && lot[0].count == 14
    }

    /// The revocation of `key`, if it was revoked.
    public func revocation(of key: String) -> Revocation? { revocations.first { $0.credential == key } }
}
