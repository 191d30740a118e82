public import Credentials
public import PassportModel
import PassportNetwork
internal import DigitalLink

/// Turns a batch record into a UNTP 0.7.0 Digital Product Passport (VCDM 2.0).
///
/// Everything UNTP has a place for goes there (product, batch, category, facility, materials,
/// performance claims backed by conformity credentials, the traceability events as a related
/// document, each upstream input's passport as a `untp:dpp` related document with its digest);
/// journey, value shares (and who confirmed them), the inputs' batches and quantities, and the
/// recall use our extension terms (`PassportExtension`, defined by `PassportContext`).
public struct PassportIssuer: Sendable {
    public let project: Project
    public let issuer: DIDWeb

    public init(project: Project, issuer: DIDWeb) {
        self.project = project
        self.issuer = issuer
    }

    /// A conformity credential the passport points at, with the digest of its signed bytes.
    public struct ClaimEvidence: Sendable {
        public let certificate: Certificate
        public let url: String
        public let sha256: String
        /// Whether a certifier signed it (else the producer declares it).
        public let signedByCertifier: Bool

        public init(certificate: Certificate, url: String, sha256: String, signedByCertifier: Bool) {
            self.certificate = certificate
            self.url = url
            self.sha256 = sha256
            self.signedByCertifier = signedByCertifier
        }
    }

    /// A signed file the passport links to (its traceability events), by URL and SHA-256.
    public struct SignedLink: Sendable {
        public let url: String
        public let sha256: String

        public init(url: String, sha256: String) {
            self.url = url
            self.sha256 = sha256
        }
    }

    public var contexts: [String] {
        [UNTPVocabulary.credentialsContext, UNTPVocabulary.untpContext, issuer.baseURL + "/" + PublishedPaths.context]
    }

    /// The unsigned passport of `batch` (whose product must exist in the project).
    /// - Parameters:
    ///   - events: the batch's signed traceability events, linked as a related document.
    ///   - revocation, suspension: where the passport's status is published.
    ///   - network: the batch's inputs, checked against their upstream passports, and its confirmed shares.
    public func credential(for batch: Batch, product: Product, claims: [ClaimEvidence], events: SignedLink?,
                           revocation: BitstringStatusListEntry?, suspension: BitstringStatusListEntry?,
                           network: NetworkFacts = NetworkFacts()) -> ProductPassport {
        let base = issuer.baseURL
        let batchURL = base + "/" + IdentifierPath.batch(gtin: product.gtin, lot: batch.lot)
        let language = project.producer.defaultLanguage
        let name = product.name.text(in: language)
        let image = product.images.first.map { path in
            Link(linkURL: base + "/" + path, linkName: name, mediaType: RecordTerms.imageType(path),
                 linkType: "https://schema.org/image")
        }
        let journey = events.map { link in
            Link(linkURL: link.url, linkName: "Journey of lot \(batch.lot): traceability events",
                  digestMultibase: ResourceDigest.multibase(hex: link.sha256),
                  mediaType: UNTPVocabulary.credentialMediaType, linkType: UNTPVocabulary.LinkType.dte.iri)
        }
        let related = (journey.map { [$0] } ?? []) + network.inputs.map(Self.inputLink)
        let subject = UNTPProduct(
            id: String(batchURL.dropLast()), name: name,
            description: product.description.isEmpty ? nil : product.description.text(in: language),
            idScheme: UNTPVocabulary.gtinScheme, batchNumber: batch.lot, idGranularity: "batch", productImage: image,
            productCategory: [RecordTerms.classification(product.category, language: language)],
            relatedDocument: related.isEmpty ? nil : related, producedAtFacility: RecordTerms.facility(project.producer, baseURL: base),
            productionDate: batch.productionDate.description, expiryDate: batch.expiry?.description,
            countryOfProduction: Country(countryCode: product.countryOfProduction ?? project.producer.country),
            dimensions: RecordTerms.dimensions(of: product.netQuantity),
            materialProvenance: product.materials.isEmpty ? nil : product.materials.map { material($0, language: language) },
            performanceClaim: claims.isEmpty ? nil : claims.map { claim($0, batch: batch) })
        return ProductPassport(
            context: contexts, type: ["DigitalProductPassport", "VerifiableCredential"],
            id: batchURL + PublishedPaths.passportJSON,
            issuer: CredentialIssuer(id: issuer.did, name: project.producer.name), name: "\(name), lot \(batch.lot)",
            validFrom: XSDDateTime.startOfDay(batch.productionDate), credentialStatus: revocation.map { [$0] } ?? [],
            suspensionStatus: suspension, issuingSoftware: .passport,
            credentialSubject: PassportSubject(product: subject,
                                               extensions: extensions(batch, product: product, network: network)))
    }

    private func extensions(_ batch: Batch, product: Product, network: NetworkFacts) -> PassportExtension {
        let language = project.producer.defaultLanguage
        var result = PassportExtension(
            netQuantity: .init(quantityValue: product.netQuantity.value, quantityUnit: product.netQuantity.unit),
            unitsProduced: batch.quantity, batchQuantity: Self.quantity(Self.batchOutput(batch)),
            bestBeforeDate: batch.bestBefore?.description,
            journey: batch.journey.map { journeyStep($0, language: language) })
        if !batch.valueShares.isEmpty {
            result.valueShares = batch.valueShares.map { share in
                var entry = valueShare(share)
                if let confirmed = network.confirmations[share.actor] { Self.confirm(&entry, by: confirmed) }
                return entry
            }
        }
        if let price = batch.retailPrice, let currency = batch.retailCurrency {
            result.retailPrice = price
            result.currency = currency
        }
        if !network.inputs.isEmpty {
            result.upstreamInputs = zip(batch.inputs, network.inputs).map { record, verified in
                Self.upstreamInput(verified, name: record.name.text(in: language))
            }
        }
        if let serials = batch.serials {
            result.serialRange = .init(firstSerial: serials.serial(serials.first), lastSerial: serials.serial(serials.last))
        }
        if let recall = batch.recall {
            result.recall = .init(recallDate: recall.date.description, recallReason: recall.reason.text(in: language))
        }
        return result
    }

    private func journeyStep(_ step: JourneyStep, language: String) -> PassportExtension.JourneyStep {
        let actor = project.producer.actor(step.actor)
        return .init(actorId: step.actor, actorName: actor?.name ?? step.actor,
                     actorRole: step.role.isEmpty ? (actor?.role ?? "") : step.role, place: step.place,
                     latitude: step.latitude, longitude: step.longitude, stepDate: step.date.description,
                     activity: step.description.isEmpty ? nil : step.description.text(in: language))
    }

    private func valueShare(_ share: ValueShare) -> PassportExtension.ValueShare {
        let actor = project.producer.actor(share.actor)
        var result = PassportExtension.ValueShare(actorId: share.actor, actorName: actor?.name ?? share.actor,
                                                  actorRole: actor?.role ?? "", percentOfRetailPrice: share.percent)
        if let amount = share.amount, let currency = share.currency {
            result.amountPerUnit = amount
            result.currency = currency
        }
        return result
    }

    /// A certificate as a performance claim whose evidence is its conformity credential, by digest.
    private func claim(_ evidence: ClaimEvidence, batch: Batch) -> Claim {
        let certificate = evidence.certificate
        let folder = issuer.baseURL + "/" + PublishedPaths.certificateURLPath(id: certificate.id)
        let how = evidence.signedByCertifier ? "certified by \(certificate.certifierName)" : "declared by the producer"
        return Claim(
            id: evidence.url + "#claim", name: certificate.scheme,
            description: "\(certificate.scheme) — certificate \(certificate.number), \(how)",
            referenceCriteria: [Criterion(type: "Criterion", id: folder + "#scheme", name: certificate.scheme)],
            claimDate: batch.productionDate.description,
            claimedPerformance: [Performance(score: Score(code: evidence.signedByCertifier ? "certified" : "self-declared",
                                                          definition: how))],
            conformityTopic: [ConformityTopic(code: certificate.topic)],
            evidence: [Link(linkURL: evidence.url, linkName: "\(certificate.scheme) certificate \(certificate.number)",
                            digestMultibase: ResourceDigest.multibase(hex: evidence.sha256),
                            mediaType: UNTPVocabulary.credentialMediaType, linkType: UNTPVocabulary.LinkType.dcc.iri)])
    }

    private func material(_ material: Material, language: String) -> UNTPMaterial {
        UNTPMaterial(name: material.name.text(in: language), originCountry: Country(countryCode: material.originCountry),
                     materialType: RecordTerms.classification(material.materialClass, language: language),
                     massFraction: material.sharePercent / 100,
                     recycledMassFraction: material.recycledPercent.map { $0 / 100 }, hazardous: material.hazardous)
    }
}
