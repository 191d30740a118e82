public import Credentials

/// What a passport says about the value network — its inputs and who confirmed its value shares —
/// read from the typed UNTP 0.7.0 model (`ProductPassport`) that the issuer wrote it with, for the
/// build's upstream check, the catalogue and the shop's verifier. The issuer's side is
/// `PassportIssuer`'s network extension; the JSON keys are spelled once, in `PassportExtension`.
public enum NetworkTerms {
    /// What a passport says about its inputs and value shares.
    public struct Claims: Sendable {
        public struct Input: Sendable {
            public var name: String
            public var producerDID: String?
            public var producerName: String?
            public var batchLink: String?
            /// SHA-256 (hex) of the upstream passport's signed bytes.
            public var passportSHA256: String?
        }

        public struct Share: Sendable {
            public var actorID: String
            public var actorName: String
            public var confirmedBy: String?
            public var confirmedByName: String?
            public var confirmationSHA256: String?
            public var amountPerUnit: Double?
            public var currency: String?
            public var percent: Double?
        }

        public var inputs: [Input]
        public var shares: [Share]

        /// The inputs of `upstreamInputs`, then any other upstream passport the product links as a
        /// `untp:dpp` related document (a passport from another UNTP tool names its inputs only so).
        public init(passport: ProductPassport) {
            let extensions = passport.credentialSubject.extensions
            inputs = (extensions.upstreamInputs ?? []).map { entry in
                Input(name: entry.inputName, producerDID: entry.upstreamProducer, producerName: entry.upstreamProducerName,
                      batchLink: entry.upstreamBatch, passportSHA256: entry.sha256)
            }
            let named = Set(inputs.compactMap(\.passportSHA256))
            for link in passport.credentialSubject.product.relatedDocument ?? []
            where link.linkType == UNTPVocabulary.LinkType.dpp.iri {
                let digest = link.digestMultibase.flatMap { ResourceDigest.sha256Hex(multibase: $0) }
                if let digest, named.contains(digest) { continue }
                inputs.append(Input(name: link.linkName, producerDID: nil, producerName: nil, batchLink: nil,
                                    passportSHA256: digest))
            }
            shares = (extensions.valueShares ?? []).map { entry in
                Share(actorID: entry.actorId, actorName: entry.actorName.isEmpty ? entry.actorId : entry.actorName,
                      confirmedBy: entry.confirmedBy, confirmedByName: entry.confirmedByName,
                      confirmationSHA256: entry.confirmationSHA256, amountPerUnit: entry.amountPerUnit,
                      currency: entry.currency, percent: entry.percentOfRetailPrice)
            }
        }
    }
}

/// What an upstream passport tells the producer who uses it: which batch, what it is, how much the
/// batch amounts to, who made it where, and its journey (for the joined map). Read from the typed
/// model, so a UNTP 0.6.x passport (through `LegacyUNTP`) gives what it has.
public struct UpstreamPassportFacts: Sendable {
    /// One step of the upstream journey.
    public struct Step: Sendable, Hashable {
        public var place: String
        public var latitude: Double
        public var longitude: Double
        public var date: String
        public var actorName: String?
        public var activity: String?
    }

    /// The passport's credential id.
    public var passportID: String?
    public var batchLink: String?
    public var productName: String?
    public var producerName: String?
    public var country: String?
    /// `batchQuantity` when declared, else the units produced.
    public var output: Amount?
    public var journey: [Step]

    public init(passport: ProductPassport) {
        let product = passport.credentialSubject.product
        let extensions = passport.credentialSubject.extensions
        passportID = passport.id.isEmpty ? nil : passport.id
        batchLink = product.id.isEmpty ? nil : product.id
        productName = product.name.isEmpty ? nil : product.name
        producerName = passport.issuer.name.isEmpty ? nil : passport.issuer.name
        country = product.countryOfProduction?.countryCode
        if let declared = extensions.batchQuantity {
            output = Amount(value: declared.quantityValue, unitText: declared.quantityUnit)
        } else if let units = extensions.unitsProduced {
            output = Amount(value: Double(units), unit: .units)
        }
        journey = (extensions.journey ?? []).map { step in
            Step(place: step.place, latitude: step.latitude, longitude: step.longitude, date: step.stepDate,
                 actorName: step.actorName, activity: step.activity)
        }
    }
}
