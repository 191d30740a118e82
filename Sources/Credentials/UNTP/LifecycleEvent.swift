/// One event of a Digital Traceability Event credential (UNTP 0.7.0): something made, moved or
/// modified, when, where and by whom.
public struct LifecycleEvent: Codable, Sendable, Hashable {
    /// The three event kinds of UNTP 0.7.0, as its schema names them.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case make = "MakeEvent"
        case move = "MoveEvent"
        case modify = "ModifyEvent"
    }

    public var kind: Kind
    public var id: String
    public var name: String
    public var description: String?
    /// XML Schema dateTime (`YYYY-MM-DDT00:00:00Z` for a day).
    public var eventDate: String
    public var activityType: Classification
    public var relatedParty: [PartyRole]?
    /// The products the event concerns: input and output (make), moved (move) or modified (modify).
    public var inputProduct: [EventProduct]
    public var products: [EventProduct]
    /// Where it happened: made at, moved to, modified at.
    public var facility: FacilityReference
    /// Where a move started.
    public var fromFacility: FacilityReference?

    public init(kind: Kind, id: String, name: String, description: String? = nil, eventDate: String,
                activityType: Classification, relatedParty: [PartyRole]? = nil, inputProduct: [EventProduct] = [],
                products: [EventProduct], facility: FacilityReference, fromFacility: FacilityReference? = nil) {
        self.kind = kind
        self.id = id
        self.name = name
        self.description = description
        self.eventDate = eventDate
        self.activityType = activityType
        self.relatedParty = relatedParty
        self.inputProduct = inputProduct
        self.products = products
        self.facility = facility
        self.fromFacility = fromFacility
    }

    enum CodingKeys: String, CodingKey {
        case type, id, name, description, eventDate, activityType, relatedParty
        case inputProduct, outputProduct, madeAtFacility
        case movedProduct, fromFacility, toFacility
        case modifiedProduct, modifiedAtFacility
    }

    /// The keys a kind keeps its products and facility under.
    private static func keys(_ kind: Kind) -> (products: CodingKeys, facility: CodingKeys) {
        switch kind {
        case .make: return (.outputProduct, .madeAtFacility)
        case .move: return (.movedProduct, .toFacility)
        case .modify: return (.modifiedProduct, .modifiedAtFacility)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let types = try c.decode(TypeList.self, forKey: .type)
        guard let kind = Kind.allCases.first(where: { types.contains($0.rawValue) }) else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: c,
                                                   debugDescription: "an event must be a MakeEvent, MoveEvent or ModifyEvent")
        }
        let keys = Self.keys(kind)
        self.init(kind: kind, id: try c.decode(String.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
                  description: try c.decodeIfPresent(String.self, forKey: .description),
                  eventDate: try c.decode(String.self, forKey: .eventDate),
                  activityType: try c.decode(Classification.self, forKey: .activityType),
                  relatedParty: try c.decodeIfPresent([PartyRole].self, forKey: .relatedParty),
                  inputProduct: kind == .make ? try c.decode([EventProduct].self, forKey: .inputProduct) : [],
                  products: try c.decode([EventProduct].self, forKey: keys.products),
                  facility: try c.decode(FacilityReference.self, forKey: keys.facility),
                  fromFacility: kind == .move ? try c.decode(FacilityReference.self, forKey: .fromFacility) : nil)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(TypeList([kind.rawValue, "LifecycleEvent"]), forKey: .type)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encode(eventDate, forKey: .eventDate)
        try c.encode(activityType, forKey: .activityType)
        try c.encodeIfPresent(relatedParty, forKey: .relatedParty)
        let keys = Self.keys(kind)
        if kind == .make { try c.encode(inputProduct, forKey: .inputProduct) }
        try c.encode(products, forKey: keys.products)
        try c.encode(facility, forKey: keys.facility)
        if kind == .move { try c.encode(fromFacility ?? facility, forKey: .fromFacility) }
    }
}

/// A product an event concerns, with its quantity.
public struct EventProduct: Codable, Sendable, Hashable {
    public struct ProductReference: Codable, Sendable, Hashable {
        public var type: TypeList = ["Product"]
        public var id: String
        public var name: String
        /// `model`, `batch` or `item`.
        public var idGranularity: String
        public var batchNumber: String?

        public init(id: String, name: String, idGranularity: String, batchNumber: String? = nil) {
            self.id = id
            self.name = name
            self.idGranularity = idGranularity
            self.batchNumber = batchNumber
        }
    }

    public var product: ProductReference
    public var quantity: Measure?

    public init(product: ProductReference, quantity: Measure? = nil) {
        self.product = product
        self.quantity = quantity
    }
}

/// A party and the role it played (UNTP's fixed list: producer, processor, carrier …).
public struct PartyRole: Codable, Sendable, Hashable {
    public var role: String
    public var party: PartyReference

    public init(role: String, party: PartyReference) {
        self.role = role
        self.party = party
    }
}
