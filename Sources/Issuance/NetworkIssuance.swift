import Credentials
public import PassportNetwork
import PassportModel

/// What the value network adds to a passport, in the typed 0.7.0 model: each input's upstream
/// passport as a UNTP `relatedDocument` (`untp:dpp`, with the digest of its signed bytes) and as
/// an `upstreamInputs` entry naming the batch, its producer and the quantities; each confirmed
/// value share with who signed the confirmation and where it is published.
extension PassportIssuer {
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

    /// The upstream passport as UNTP links a document: the signed file, its digest, `untp:dpp`.
    static func inputLink(_ input: VerifiedInput) -> Link {
        Link(linkURL: input.passportURL, linkName: "Input: \(input.productName), lot \(input.lot) — passport by \(input.producerName)",
             digestMultibase: ResourceDigest.multibase(hex: input.sha256), mediaType: UNTPVocabulary.credentialMediaType,
             linkType: UNTPVocabulary.LinkType.dpp.iri)
    }

    /// The input's batch, producer and quantities, pinned to the upstream passport's id and digest.
    static func upstreamInput(_ input: VerifiedInput, name: String) -> PassportExtension.UpstreamInput {
        PassportExtension.UpstreamInput(
            inputName: name, upstreamPassport: input.passportID, sha256: input.sha256, upstreamBatch: input.batchLink,
            upstreamProducer: input.producerDID, upstreamProducerName: input.producerName,
            quantityUsed: quantity(input.used), upstreamQuantity: quantity(input.drawn))
    }

    /// Adds to a value share who confirmed it and where the signed confirmation is published.
    static func confirm(_ share: inout PassportExtension.ValueShare,
                        by confirmed: (confirmation: ShareConfirmation, url: String)) {
        share.confirmedBy = confirmed.confirmation.did
        share.confirmedByName = confirmed.confirmation.actorName
        share.confirmation = confirmed.url
        share.confirmationSHA256 = confirmed.confirmation.sha256
    }

    /// What the whole batch amounts to: its declared `output`, else its units.
    static func batchOutput(_ batch: Batch) -> Amount {
        batch.output.flatMap { Amount(value: $0.value, unitText: $0.unit) } ?? Amount(value: Double(batch.quantity), unit: .units)
    }

    static func quantity(_ amount: Amount) -> PassportExtension.NetQuantity {
        PassportExtension.NetQuantity(quantityValue: amount.value, quantityUnit: amount.unit.rawValue)
    }
}
