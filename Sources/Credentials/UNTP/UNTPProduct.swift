/// The subject of a UNTP 0.7.0 Digital Product Passport: the product (here one batch of it).
///
/// `idScheme`, `producedAtFacility` and `countryOfProduction` are required by UNTP 0.7.0 and
/// always written by passport; they are optional here only because passports of UNTP 0.6 (read
/// through `LegacyUNTP`) may lack them.
public struct UNTPProduct: Codable, Sendable, Hashable {
    public var type: TypeList = ["Product"]
    /// The batch's GS1 Digital Link, without a trailing slash.
    public var id: String
    public var name: String
    public var description: String?
    public var idScheme: IdentifierScheme?
    public var batchNumber: String?
    public var itemNumber: String?
    /// `model`, `batch` or `item`.
    public var idGranularity: String
    public var productImage: Link?
    public var productCategory: [Classification]
    public var relatedDocument: [Link]?
    public var producedAtFacility: FacilityReference?
    public var productionDate: String?
    /// The use-by date, `YYYY-MM-DD`.
    public var expiryDate: String?
    public var countryOfProduction: Country?
    public var dimensions: Dimensions?
    public var materialProvenance: [UNTPMaterial]?
    public var performanceClaim: [Claim]?

    public init(id: String, name: String, description: String? = nil, idScheme: IdentifierScheme?,
                batchNumber: String? = nil, itemNumber: String? = nil, idGranularity: String,
                productImage: Link? = nil, productCategory: [Classification], relatedDocument: [Link]? = nil,
                producedAtFacility: FacilityReference?, productionDate: String? = nil, expiryDate: String? = nil,
                countryOfProduction: Country?, dimensions: Dimensions? = nil, materialProvenance: [UNTPMaterial]? = nil,
                performanceClaim: [Claim]? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.idScheme = idScheme
        self.batchNumber = batchNumber
        self.itemNumber = itemNumber
        self.idGranularity = idGranularity
        self.productImage = productImage
        self.productCategory = productCategory
        self.relatedDocument = relatedDocument
        self.producedAtFacility = producedAtFacility
        self.productionDate = productionDate
        self.expiryDate = expiryDate
        self.countryOfProduction = countryOfProduction
        self.dimensions = dimensions
        self.materialProvenance = materialProvenance
        self.performanceClaim = performanceClaim
    }
}

/// An identifier scheme: GS1 GTIN for our products.
public struct IdentifierScheme: Codable, Sendable, Hashable {
    public var type: TypeList = ["IdentifierScheme"]
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// A code in a classification scheme (UN CPC, GS1 GPC, HS, UNSPSC, GS1 CBV …).
public struct Classification: Codable, Sendable, Hashable {
    public var code: String
    public var name: String
    public var schemeId: String
    public var schemeName: String

    public init(code: String, name: String, schemeId: String, schemeName: String) {
        self.code = code
        self.name = name
        self.schemeId = schemeId
        self.schemeName = schemeName
    }
}

/// A facility named by id and name (`producedAtFacility`, an event's facilities).
public struct FacilityReference: Codable, Sendable, Hashable {
    public var type: TypeList = ["Facility"]
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// An ISO 3166-1 country.
public struct Country: Codable, Sendable, Hashable {
    public var countryCode: String
    public var countryName: String?

    public init(countryCode: String, countryName: String? = nil) {
        self.countryCode = countryCode
        self.countryName = countryName
    }
}

/// A link with its name, media type and, for signed files, the digest of the bytes it points at.
public struct Link: Codable, Sendable, Hashable {
    public var linkURL: String
    public var linkName: String
    /// Multibase (`u` + base64url) of a SHA-256 multihash: see `ResourceDigest`.
    public var digestMultibase: String?
    public var mediaType: String?
    public var linkType: String?

    public init(linkURL: String, linkName: String, digestMultibase: String? = nil, mediaType: String? = nil,
                linkType: String? = nil) {
        self.linkURL = linkURL
        self.linkName = linkName
        self.digestMultibase = digestMultibase
        self.mediaType = mediaType
        self.linkType = linkType
    }
}

/// A value with a UNECE Recommendation 20 unit code (`LTR`, `KGM`, `H87` …).
public struct Measure: Codable, Sendable, Hashable {
    public var value: Double
    public var unit: String

    public init(value: Double, unit: String) {
        self.value = value
        self.unit = unit
    }
}

/// The physical size of a product.
public struct Dimensions: Codable, Sendable, Hashable {
    public var weight: Measure?
    public var length: Measure?
    public var volume: Measure?

    public init(weight: Measure? = nil, length: Measure? = nil, volume: Measure? = nil) {
        self.weight = weight
        self.length = length
        self.volume = volume
    }
}

/// A material of the product and where it comes from.
public struct UNTPMaterial: Codable, Sendable, Hashable {
    public var name: String
    public var originCountry: Country
    public var materialType: Classification
    /// 0…1
    public var massFraction: Double
    public var recycledMassFraction: Double?
    public var hazardous: Bool?

    public init(name: String, originCountry: Country, materialType: Classification, massFraction: Double,
                recycledMassFraction: Double? = nil, hazardous: Bool? = nil) {
        self.name = name
        self.originCountry = originCountry
        self.materialType = materialType
        self.massFraction = massFraction
        self.recycledMassFraction = recycledMassFraction
        self.hazardous = hazardous
    }
}

/// A party (organisation) by id and name.
public struct PartyReference: Codable, Sendable, Hashable {
    public var type: TypeList = ["Party"]
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
