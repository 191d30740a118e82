public import Credentials

/// The passport's network terms — upstream inputs, the batch's declared quantity, and who confirmed
/// each value share — written and read in this one place, so the issuer, the build's upstream
/// check and the shop's verifier spell every JSON key the same way. (Our context defines the
/// terms UNTP lacks; see `PassportContext`.)
public enum NetworkTerms {
    // MARK: Writing (the issuer)

    /// The batch's total quantity, for the producers downstream to balance against.
    public static func batchQuantity(_ amount: Amount) -> (key: String, value: JSONValue) {
        ("batchQuantity", ["quantityValue": .double(amount.value), "quantityUnit": .string(amount.unit.rawValue)])
    }

    /// One verified upstream input, pinned by its passport's digest.
    public static func input(_ input: VerifiedInput, name: String) -> JSONValue {
        [
            "inputName": .string(name),
            "upstreamBatch": .string(input.batchLink),
            "upstreamProducer": ["id": .string(input.producerDID), "name": .string(input.producerName)],
            "upstreamPassport": [
                "linkURL": .string(input.passportURL),
                "linkName": .string(input.productName),
                "linkType": "https://test.uncefact.org/vocabulary/linkTypes/dpp",
                "hashDigest": .string(input.sha256),
                "hashMethod": "SHA-256",
            ],
            "quantityUsed": quantity(input.used),
            "upstreamQuantity": quantity(input.drawn),
        ]
    }

    /// The key under which the inputs list sits in `credentialSubject`.
    public static let inputsKey = "upstreamInputs"

    /// Adds to a value share who confirmed it and where the signed confirmation is published.
    public static func confirm(_ share: inout JSONValue, by confirmation: ShareConfirmation, publishedAt url: String) {
        share["confirmedBy"] = ["id": .string(confirmation.did), "name": .string(confirmation.actorName)]
        share["confirmation"] = [
            "linkURL": .string(url),
            "linkName": .string("Value share confirmed by \(confirmation.actorName)"),
            "linkType": "https://test.uncefact.org/vocabulary/linkTypes/attestation",
            "hashDigest": .string(confirmation.sha256),
            "hashMethod": "SHA-256",
        ]
    }

    private static func quantity(_ amount: Amount) -> JSONValue {
        ["quantityValue": .double(amount.value), "quantityUnit": .string(amount.unit.rawValue)]
    }

    // MARK: Reading (upstream check, shop verifier)

    /// What a passport says about its inputs and value shares.
    public struct Claims: Sendable {
        public struct Input: Sendable {
            public var name: String
            public var producerDID: String?
            public var producerName: String?
            public var batchLink: String?
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

        public init(passport payload: JSONValue) {
            let subject = payload["credentialSubject"]
            inputs = (subject?[NetworkTerms.inputsKey]?.arrayValue ?? []).map { entry in
                Input(name: entry["inputName"]?.stringValue ?? "input",
                      producerDID: entry["upstreamProducer"]?["id"]?.stringValue,
                      producerName: entry["upstreamProducer"]?["name"]?.stringValue,
                      batchLink: entry["upstreamBatch"]?.stringValue,
                      passportSHA256: entry["upstreamPassport"]?["hashDigest"]?.stringValue
                        ?? entry["sha256"]?.stringValue)
            }
            shares = (subject?["valueShares"]?.arrayValue ?? []).map { entry in
                Share(actorID: entry["actorId"]?.stringValue ?? "",
                      actorName: entry["actorName"]?.stringValue ?? entry["actorId"]?.stringValue ?? "",
                      confirmedBy: entry["confirmedBy"]?["id"]?.stringValue,
                      confirmedByName: entry["confirmedBy"]?["name"]?.stringValue,
                      confirmationSHA256: entry["confirmation"]?["hashDigest"]?.stringValue,
                      amountPerUnit: entry["amountPerUnit"]?.doubleValue, currency: entry["currency"]?.stringValue,
                      percent: entry["percentOfRetailPrice"]?.doubleValue)
            }
        }
    }
}

/// What an upstream passport tells the producer who uses it: which batch, what it is, how much the
/// batch amounts to, who made it where, and its journey (for the joined map).
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

    public var batchLink: String?
    public var productName: String?
    public var producerName: String?
    public var country: String?
    /// `batchQuantity` when declared, else the units produced.
    public var output: Amount?
    public var journey: [Step]

    public init(payload: JSONValue) {
        let subject = payload["credentialSubject"]
        let product = subject?["product"]
        batchLink = subject?["id"]?.stringValue ?? product?["id"]?.stringValue
        productName = product?["name"]?.stringValue
        producerName = payload["issuer"]?["name"]?.stringValue
        country = product?["countryOfProduction"]?.stringValue
        if let declared = subject?["batchQuantity"], let value = declared["quantityValue"]?.doubleValue,
           let unit = declared["quantityUnit"]?.stringValue {
            output = Amount(value: value, unitText: unit)
        } else if let units = subject?["unitsProduced"]?.intValue {
            output = Amount(value: Double(units), unit: .units)
        }
        journey = (subject?["journey"]?.arrayValue ?? []).compactMap { step in
            guard let place = step["place"]?.stringValue, let latitude = step["latitude"]?.doubleValue,
                  let longitude = step["longitude"]?.doubleValue, let date = step["stepDate"]?.stringValue else { return nil }
            return Step(place: place, latitude: latitude, longitude: longitude, date: date,
                        actorName: step["actorName"]?.stringValue, activity: step["activity"]?.stringValue)
        }
    }
}
