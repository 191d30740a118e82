public import Credentials
public import PassportNetwork
public import PassportModel
internal import DigitalLink

/// Turns a batch's journey into a UNTP 0.7.0 Digital Traceability Event credential: one
/// credential per batch, one event per journey step.
///
/// One credential per batch, not per event: the producer records and signs the whole journey at
/// once, UNTP 0.7.0 makes a DTE's subject a list of events for exactly this, and the passport
/// then links one signed file (by digest) instead of one per step.
public struct TraceabilityIssuer: Sendable {
    public let project: Project
    public let issuer: DIDWeb

    public init(project: Project, issuer: DIDWeb) {
        self.project = project
        self.issuer = issuer
    }

    /// The unsigned event credential of `batch`. The last make event names `inputs` (checked against
    /// their upstream passports) as its input products, by their batch's Digital Link, with the quantity used.
    public func credential(for batch: Batch, product: Product, inputs: [VerifiedInput] = []) -> TraceabilityCredential {
        let base = issuer.baseURL
        let batchURL = base + "/" + IdentifierPath.batch(gtin: product.gtin, lot: batch.lot)
        let id = batchURL + PublishedPaths.traceabilityJSON
        let language = project.producer.defaultLanguage
        let name = product.name.text(in: language)
        let goods = EventProduct(product: .init(id: String(batchURL.dropLast()), name: name, idGranularity: "batch",
                                                batchNumber: batch.lot),
                                 quantity: Measure(value: Double(batch.quantity), unit: "H87"))
        let inputs = zip(batch.inputs, inputs).map { record, input in
            EventProduct(product: .init(id: input.batchLink, name: record.name.text(in: language), idGranularity: "batch",
                                        batchNumber: input.lot),
                         quantity: RecordTerms.measure(input.used))
        }
        let kinds = batch.journey.map { step in
            RecordTerms.event(step, role: step.role.isEmpty ? (project.producer.actor(step.actor)?.role ?? "") : step.role)
        }
        let lastMake = kinds.lastIndex(of: .make)
        var previous = RecordTerms.facility(project.producer, baseURL: base)
        var events: [LifecycleEvent] = []
        for (index, step) in batch.journey.enumerated() {
            let actor = project.producer.actor(step.actor)
            let role = step.role.isEmpty ? (actor?.role ?? "") : step.role
            let place = RecordTerms.place(step)
            let what = step.description.isEmpty ? nil : step.description.text(in: language)
            let kind = kinds[index]
            events.append(LifecycleEvent(
                kind: kind, id: id + "#step-\(index + 1)", name: what ?? "\(role.isEmpty ? "step" : role) at \(step.place)",
                description: what, eventDate: XSDDateTime.startOfDay(step.date), activityType: RecordTerms.activity(kind),
                relatedParty: [PartyRole(role: RecordTerms.partyRole(role),
                                         party: RecordTerms.party(actor, id: step.actor, baseURL: base))],
                inputProduct: index == lastMake ? inputs : [], products: [goods], facility: place,
                fromFacility: kind == .move ? previous : nil))
            previous = place
        }
        let last = batch.journey.last?.date ?? batch.productionDate
        return TraceabilityCredential(
            context: [UNTPVocabulary.credentialsContext, UNTPVocabulary.untpContext],
            type: ["DigitalTraceabilityEvent", "VerifiableCredential"], id: id,
            issuer: CredentialIssuer(id: issuer.did, name: project.producer.name),
            name: "Journey of \(name), lot \(batch.lot)", validFrom: XSDDateTime.startOfDay(max(last, batch.productionDate)),
            issuingSoftware: .passport, credentialSubject: events)
    }
}
