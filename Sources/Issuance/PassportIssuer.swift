public import Credentials
public import PassportModel
public import Network
internal import DigitalLink

/// Turns a batch record into a UNTP Digital Product Passport (data model 0.6.1, VCDM 2.0).
///
/// Everything UNTP has a place for goes there (product, batch, materials, conformity claims);
/// journey, value shares, upstream inputs and recall use the terms of `PassportContext`.
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

        public init(certificate: Certificate, url: String, sha256: String) {
            self.certificate = certificate
            self.url = url
            self.sha256 = sha256
        }
    }

    public var contexts: [JSONValue] {
        ["https://www.w3.org/ns/credentials/v2", "https://test.uncefact.org/vocabulary/untp/dpp/0.6.0/",
         .string(issuer.baseURL + "/" + PublishedPaths.context)]
    }

    /// What the value network adds to one batch's passport: its inputs, checked against their
    /// upstream passports (in the order of `batch.inputs`), and the value shares their actors
    /// confirmed, with where each signed confirmation is published.
    public struct NetworkFacts: Sendable {
        public var inputs: [VerifiedInput]
        public var confirmations: [String: (confirmation: ShareConfirmation, url: String)]

        public init(inputs: [VerifiedInput] = [], confirmations: [String: (confirmation: ShareConfirmation, url: String)] = [:]) {
            self.inputs = inputs
            self.confirmations = confirmations
        }
    }

    /// The unsigned passport of `batch` (whose product must exist in the project).
    public func credential(for batch: Batch, product: Product, claims: [ClaimEvidence],
                           network: NetworkFacts = NetworkFacts()) -> JSONValue {
        let base = issuer.baseURL
        let batchURL = base + "/" + IdentifierPath.batch(gtin: product.gtin, lot: batch.lot)
        let language = project.producer.defaultLanguage
        var productObject: [String: JSONValue] = [
            "type": ["Product"],
            "id": .string(String(batchURL.dropLast())),
            "name": .string(product.name.text(in: language)),
            "registeredId": .string(product.gtin),
            "idScheme": ["type": ["IdentifierScheme"], "id": "https://id.gs1.org/01/",
                         "name": "Global Trade Item Number (GTIN)"],
            "batchNumber": .string(batch.lot),
            "producedByParty": ["id": .string(issuer.did), "name": .string(project.producer.name)],
            "productionDate": .string(batch.productionDate.description),
            "countryOfProduction": .string(project.producer.country),
        ]
        if !product.description.isEmpty {
            productObject["description"] = .string(product.description.text(in: language))
        }
        if let image = product.images.first {
            productObject["productImage"] = ["linkURL": .string(base + "/" + image),
                                             "linkName": .string(product.name.text(in: language)),
                                             "linkType": "https://schema.org/image"]
        }
        if let dimensions = dimensions(of: product.netQuantity) { productObject["dimensions"] = dimensions }
        var subject: [String: JSONValue] = [
            "type": ["ProductPassport"],
            "id": .string(String(batchURL.dropLast())),
            "product": .object(productObject),
            "granularityLevel": "batch",
            "netQuantity": ["quantityValue": .double(product.netQuantity.value),
                            "quantityUnit": .string(product.netQuantity.unit)],
            "unitsProduced": .int(batch.quantity),
            "journey": .array(batch.journey.map { journeyStep($0, language: language) }),
        ]
        if !claims.isEmpty { subject["conformityClaim"] = .array(claims.map(claim)) }
        if !product.materials.isEmpty {
            subject["materialsProvenance"] = .array(product.materials.map { material($0, language: language) })
        }
        if let bestBefore = batch.bestBefore { subject["bestBeforeDate"] = .string(bestBefore.description) }
        if let expiry = batch.expiry { subject["expiryDate"] = .string(expiry.description) }
        let declared = batch.output.flatMap { Amount(value: $0.value, unitText: $0.unit) }
            ?? Amount(value: Double(batch.quantity), unit: .units)
        let quantity = NetworkTerms.batchQuantity(declared)
        subject[quantity.key] = quantity.value
        if !batch.valueShares.isEmpty {
            subject["valueShares"] = .array(batch.valueShares.map { share in
                var object = valueShare(share)
                if let confirmed = network.confirmations[share.actor] {
                    NetworkTerms.confirm(&object, by: confirmed.confirmation, publishedAt: confirmed.url)
                }
                return object
            })
        }
        if let price = batch.retailPrice, let currency = batch.retailCurrency {
            subject["retailPrice"] = .double(price)
            subject["currency"] = .string(currency)
        }
        if !batch.inputs.isEmpty {
            subject[NetworkTerms.inputsKey] = .array(zip(batch.inputs, network.inputs).map { record, verified in
                NetworkTerms.input(verified, name: record.name.text(in: language))
            })
        }
        if let serials = batch.serials {
            subject["serialRange"] = ["firstSerial": .string(serials.serial(serials.first)),
                                      "lastSerial": .string(serials.serial(serials.last))]
        }
        if let recall = batch.recall {
            subject["recall"] = ["recallDate": .string(recall.date.description),
                                 "recallReason": .string(recall.reason.text(in: language))]
        }
        return [
            "@context": .array(contexts),
            "type": ["DigitalProductPassport", "VerifiableCredential"],
            "id": .string(batchURL + PublishedPaths.passportJSON),
            "issuer": ["type": ["CredentialIssuer"], "id": .string(issuer.did), "name": .string(project.producer.name)],
            "validFrom": .string(XSDDateTime.startOfDay(batch.productionDate)),
            "credentialSubject": .object(subject),
        ]
    }

    private func journeyStep(_ step: JourneyStep, language: String) -> JSONValue {
        let actor = project.producer.actor(step.actor)
        var object: [String: JSONValue] = [
            "actorId": .string(step.actor),
            "actorName": .string(actor?.name ?? step.actor),
            "actorRole": .string(step.role.isEmpty ? (actor?.role ?? "") : step.role),
            "place": .string(step.place),
            "latitude": .double(step.latitude),
            "longitude": .double(step.longitude),
            "stepDate": .string(step.date.description),
        ]
        if !step.description.isEmpty { object["activity"] = .string(step.description.text(in: language)) }
        return .object(object)
    }

    private func valueShare(_ share: ValueShare) -> JSONValue {
        let actor = project.producer.actor(share.actor)
        var object: [String: JSONValue] = [
            "actorId": .string(share.actor), "actorName": .string(actor?.name ?? share.actor),
            "actorRole": .string(actor?.role ?? ""),
        ]
        if let amount = share.amount, let currency = share.currency {
            object["amountPerUnit"] = .double(amount)
            object["currency"] = .string(currency)
        }
        if let percent = share.percent { object["percentOfRetailPrice"] = .double(percent) }
        return .object(object)
    }

    private func claim(_ evidence: ClaimEvidence) -> JSONValue {
        let certificate = evidence.certificate
        return [
            "type": ["Claim", "Declaration"],
            "id": .string(evidence.url + "#claim"),
            "description": .string("\(certificate.scheme) — certificate \(certificate.number), \(certificate.certifierName)"),
            "conformance": true,
            "conformityTopic": .string(certificate.topic),
            "conformityEvidence": [
                "linkURL": .string(evidence.url),
                "linkName": .string(certificate.scheme),
                "linkType": "https://test.uncefact.org/vocabulary/linkTypes/dcc",
                "hashDigest": .string(evidence.sha256),
                "hashMethod": "SHA-256",
            ],
        ]
    }

    /// Materials carry no `type`: the 0.6.1 context does not define `Material`.
    private func material(_ material: Material, language: String) -> JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(material.name.text(in: language)),
            "originCountry": .string(material.originCountry),
            "massFraction": .double(material.sharePercent / 100),
            "hazardous": .bool(material.hazardous),
        ]
        if let recycled = material.recycledPercent { object["recycledMassFraction"] = .double(recycled / 100) }
        return .object(object)
    }

    /// UNECE Recommendation 20 codes for the units records use. Dimension, Measure, Link and
    /// SecureLink objects carry no `type`: the 0.6.1 contexts do not define those types.
    private func dimensions(of quantity: Quantity) -> JSONValue? {
        let table: [String: (String, String)] = [
            "ml": ("volume", "MLT"), "cl": ("volume", "CLT"), "l": ("volume", "LTR"),
            "mg": ("weight", "MGM"), "g": ("weight", "GRM"), "kg": ("weight", "KGM"),
            "mm": ("length", "MMT"), "cm": ("length", "CMT"), "m": ("length", "MTR"),
        ]
        guard let (dimension, code) = table[quantity.unit] else { return nil }
        return [dimension: ["value": .double(quantity.value), "unit": .string(code)]]
    }
}
