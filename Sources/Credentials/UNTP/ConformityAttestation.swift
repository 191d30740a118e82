/// The subject of a UNTP 0.7.0 Digital Conformity Credential: who attests what, under which scheme.
public struct ConformityAttestation: Codable, Sendable, Hashable {
    public var type: TypeList = ["ConformityAttestation"]
    public var id: String
    /// `<scheme> <certificate number>`
    public var name: String
    public var description: String?
    /// `3rdParty` when a certifier signed it, `self` when the producer declares it.
    public var assessorLevel: String
    public var assessmentLevel: String
    /// `certification` or `declaration`.
    public var attestationType: String
    public var issuedToParty: PartyReference
    public var referenceScheme: Criterion
    public var conformityCertificate: Link?
    public var conformityAssessment: [ConformityAssessment]?

    public init(id: String, name: String, description: String? = nil, assessorLevel: String, assessmentLevel: String,
                attestationType: String, issuedToParty: PartyReference, referenceScheme: Criterion,
                conformityCertificate: Link? = nil, conformityAssessment: [ConformityAssessment]? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.assessorLevel = assessorLevel
        self.assessmentLevel = assessmentLevel
        self.attestationType = attestationType
        self.issuedToParty = issuedToParty
        self.referenceScheme = referenceScheme
        self.conformityCertificate = conformityCertificate
        self.conformityAssessment = conformityAssessment
    }

    /// Whether the attestation says it was made by an independent third party.
    public var isThirdParty: Bool { assessorLevel == "3rdParty" }
}

/// One assessment within an attestation.
public struct ConformityAssessment: Codable, Sendable, Hashable {
    public var type: TypeList = ["ConformityAssessment"]
    public var id: String
    public var name: String
    public var description: String?
    public var assessmentCriteria: [Criterion]
    /// `YYYY-MM-DD`
    public var assessmentDate: String
    public var assessedPerformance: [Performance]
    public var conformityTopic: [ConformityTopic]
    public var conformance: Bool?
    public var assessedOrganisation: PartyReference?

    public init(id: String, name: String, description: String? = nil, assessmentCriteria: [Criterion],
                assessmentDate: String, assessedPerformance: [Performance], conformityTopic: [ConformityTopic],
                conformance: Bool? = nil, assessedOrganisation: PartyReference? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.assessmentCriteria = assessmentCriteria
        self.assessmentDate = assessmentDate
        self.assessedPerformance = assessedPerformance
        self.conformityTopic = conformityTopic
        self.conformance = conformance
        self.assessedOrganisation = assessedOrganisation
    }
}
