@testable import Credentials

/// One value of every credential type with every field set, so a round trip shows that whatever
/// the issuer writes the verifier reads back. `UNTPModelTests.everyFieldIsSet` fails when a field
/// added to the model is left unset here: set it, and the round trip covers it.
enum UNTPSamples {
    static let base = "https://oliveto.example"
    static let batch = base + "/01/08012345000012/10/L2026A"
    static let issuer = CredentialIssuer(id: "did:web:oliveto.example", name: "Oliveto")
    static let party = PartyReference(id: "did:web:oliveto.example", name: "Oliveto")
    static let category = Classification(code: "21673", name: "Olive oil, virgin",
                                         schemeId: "https://unstats.un.org/unsd/classifications/Econ/cpc/",
                                         schemeName: "UN Central Product Classification (CPC) Ver. 2.1")
    static let link = Link(linkURL: base + "/certificates/eu-organic/dcc.jwt", linkName: "EU organic",
                           digestMultibase: ResourceDigest.multibase(of: [1, 2, 3]), mediaType: "application/vc+jwt",
                           linkType: UNTPVocabulary.LinkType.dcc.iri)
    static let facility = FacilityReference(id: base + "/#facility", name: "Frantoio, Montalcino")
    static let revocation = BitstringStatusListEntry(purpose: .revocation, index: 7, list: base + "/status/revocation.jwt")
    static let suspension = BitstringStatusListEntry(purpose: .suspension, index: 7, list: base + "/status/suspension.jwt")
    static let criterion = Criterion(type: "Criterion", id: base + "/certificates/eu-organic/#scheme", name: "EU organic")

    static let claim = Claim(id: batch + "#claim-1", name: "EU organic", description: "certified",
                             referenceCriteria: [criterion], claimDate: "2026-10-24",
                             claimedPerformance: [Performance(score: Score(code: "certified", definition: "by Terra Viva"))],
                             conformityTopic: [ConformityTopic(code: "governance.compliance")], evidence: [link])

    static let product = UNTPProduct(
        id: batch, name: "Extra virgin olive oil", description: "Cold-pressed", idScheme: UNTPVocabulary.gtinScheme,
        batchNumber: "L2026A", itemNumber: "000042", idGranularity: "batch", productImage: link,
        productCategory: [category], relatedDocument: [link], producedAtFacility: facility, productionDate: "2026-10-24",
        expiryDate: "2028-04-30", countryOfProduction: Country(countryCode: "IT", countryName: "Italy"),
        dimensions: Dimensions(weight: Measure(value: 0.5, unit: "KGM"), length: Measure(value: 30, unit: "CMT"),
                               volume: Measure(value: 500, unit: "MLT")),
        materialProvenance: [UNTPMaterial(name: "Olives", originCountry: Country(countryCode: "IT", countryName: "Italy"),
                                      materialType: category, massFraction: 1, recycledMassFraction: 0.25, hazardous: false)],
        performanceClaim: [claim])

    static let extensions = PassportExtension(
        netQuantity: .init(quantityValue: 500, quantityUnit: "ml"), unitsProduced: 1200, bestBeforeDate: "2028-04-30",
        retailPrice: 18.5, currency: "EUR",
        journey: [.init(actorId: "rossi", actorName: "Podere Rossi", actorRole: "grower", place: "Montalcino",
                        latitude: 43.0582, longitude: 11.4893, stepDate: "2026-10-20", activity: "Hand-picked")],
        valueShares: [.init(actorId: "rossi", actorName: "Podere Rossi", actorRole: "grower", amountPerUnit: 2.4,
                            currency: "EUR", percentOfRetailPrice: 13.3)],
        upstreamInputs: [.init(inputName: "Bottle", upstreamPassport: "https://vetreria.example/dpp.jwt",
                               sha256: String(repeating: "ab", count: 32))],
        serialRange: .init(firstSerial: "000001", lastSerial: "000300"),
        recall: .init(recallDate: "2026-11-02", recallReason: "Glass fragments"))

    static let passport = ProductPassport(
        context: [UNTPVocabulary.credentialsContext, UNTPVocabulary.untpContext, base + "/contexts/passport-v1.jsonld"],
        type: ["DigitalProductPassport", "VerifiableCredential"], id: batch + "/dpp.json", issuer: issuer,
        name: "Extra virgin olive oil, lot L2026A", validFrom: "2026-10-24T00:00:00Z", validUntil: "2036-10-24T00:00:00Z",
        credentialStatus: [revocation], suspensionStatus: suspension, issuingSoftware: .passport,
        credentialSubject: PassportSubject(product: product, extensions: extensions))

    static let attestation = ConformityAttestation(
        id: base + "/certificates/eu-organic/#attestation", name: "EU organic IT-BIO-1", description: "Olive oil",
        assessorLevel: "3rdParty", assessmentLevel: "scheme-cab", attestationType: "certification", issuedToParty: party,
        referenceScheme: Criterion(type: "ConformityScheme", id: base + "/certificates/eu-organic/#scheme", name: "EU organic"),
        conformityCertificate: link,
        conformityAssessment: [ConformityAssessment(
            id: base + "/certificates/eu-organic/#assessment", name: "EU organic", description: "Olive oil",
            assessmentCriteria: [criterion], assessmentDate: "2026-01-15",
            assessedPerformance: [Performance(score: Score(code: "conformant", definition: "all criteria met"))],
            conformityTopic: [ConformityTopic(code: "governance.compliance")], conformance: true,
            assessedOrganisation: party)])

    static let conformity = ConformityCredential(
        context: [UNTPVocabulary.credentialsContext, UNTPVocabulary.untpContext],
        type: ["DigitalConformityCredential", "VerifiableCredential"], id: base + "/certificates/eu-organic/dcc.json",
        issuer: issuer, name: "EU organic IT-BIO-1", validFrom: "2026-01-15T00:00:00Z", validUntil: "2027-01-14T23:59:59Z",
        credentialStatus: [revocation], suspensionStatus: suspension, issuingSoftware: .passport,
        credentialSubject: attestation)

    static let bottle = EventProduct(product: .init(id: batch, name: "Extra virgin olive oil", idGranularity: "batch",
                                                    batchNumber: "L2026A"),
                                     quantity: Measure(value: 1200, unit: "H87"))
    static let activity = Classification(code: "commissioning", name: "Commissioning",
                                         schemeId: UNTPVocabulary.businessStepScheme, schemeName: "GS1 CBV business step")
    static let events: [LifecycleEvent] = [
        LifecycleEvent(kind: .make, id: batch + "/dte.json#step-1", name: "Pressing", description: "Cold-pressed",
                       eventDate: "2026-10-22T00:00:00Z", activityType: activity,
                       relatedParty: [PartyRole(role: "processor", party: party)], inputProduct: [bottle],
                       products: [bottle], facility: facility),
        LifecycleEvent(kind: .move, id: batch + "/dte.json#step-2", name: "Delivery", description: "By van",
                       eventDate: "2026-10-27T00:00:00Z", activityType: activity,
                       relatedParty: [PartyRole(role: "carrier", party: party)], products: [bottle],
                       facility: FacilityReference(id: "geo:43.3188,11.3308", name: "Siena"), fromFacility: facility),
        LifecycleEvent(kind: .modify, id: batch + "/dte.json#step-3", name: "Inspection", description: "Sampled",
                       eventDate: "2026-10-28T00:00:00Z", activityType: activity,
                       relatedParty: [PartyRole(role: "inspector", party: party)], products: [bottle], facility: facility),
    ]

    static let traceability = TraceabilityCredential(
        context: [UNTPVocabulary.credentialsContext, UNTPVocabulary.untpContext],
        type: ["DigitalTraceabilityEvent", "VerifiableCredential"], id: batch + "/dte.json", issuer: issuer,
        name: "Journey of lot L2026A", validFrom: "2026-10-27T00:00:00Z", validUntil: "2036-10-27T00:00:00Z",
        credentialStatus: [revocation], suspensionStatus: suspension, issuingSoftware: .passport,
        credentialSubject: events)

    static func statusList() throws -> StatusListCredential {
        var bits = StatusBitstring()
        bits.set(7)
        return StatusListCredential(
            context: [UNTPVocabulary.credentialsContext, UNTPVocabulary.untpContext],
            type: ["VerifiableCredential", "BitstringStatusListCredential"], id: base + "/status/revocation.jwt",
            issuer: issuer, name: "Revocation list", validFrom: "2026-11-01T00:00:00Z", validUntil: "2027-11-01T00:00:00Z",
            credentialStatus: [revocation], suspensionStatus: suspension, issuingSoftware: .passport,
            credentialSubject: try BitstringStatusList(id: base + "/status/revocation.jwt#list", purpose: .revocation, bits: bits))
    }
}
