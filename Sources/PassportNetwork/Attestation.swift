public import Credentials
public import Foundation
import DigitalLink

/// What a producer asks an actor to confirm: "for each unit of this batch, you received this".
/// Written by `passport attest request` as a small JSON file the actor can read before signing.
public struct AttestationRequest: Sendable, Equatable {
    public var producerDID: String
    public var producerName: String
    /// Our JSON-LD context, as the producer publishes it (the attestation names it).
    public var context: String
    /// The batch's Digital Link.
    public var batchLink: String
    public var gtin: String
    public var lot: String
    public var productName: String
    public var units: Int
    public var actorID: String
    public var actorName: String
    /// The actor's DID as the producer knows it, if the producer's records give one.
    public var actorDID: String?
    public var share: Share

    /// A value share: an amount per unit in a currency, or a percentage of the retail price.
    public enum Share: Sendable, Equatable, CustomStringConvertible {
        case amount(Double, currency: String)
        case percent(Double)

        public var description: String {
            switch self {
            case .amount(let amount, let currency): return String(format: "%.2f", amount) + " \(currency) per unit"
            case .percent(let percent): return Amount.format(percent) + "% of the retail price"
            }
        }

        /// Equal to the cent (or the hundredth of a percent).
        func matches(_ other: Share) -> Bool {
            switch (self, other) {
            case (.amount(let a, let c), .amount(let b, let d)): return c == d && abs(a - b) < 0.005
            case (.percent(let a), .percent(let b)): return abs(a - b) < 0.005
            default: return false
            }
        }

        var json: [String: JSONValue] {
            switch self {
            case .amount(let amount, let currency): return ["amountPerUnit": .double(amount), "currency": .string(currency)]
            case .percent(let percent): return ["percentOfRetailPrice": .double(percent)]
            }
        }

        init?(json: JSONValue?) {
            if let amount = json?["amountPerUnit"]?.doubleValue, let currency = json?["currency"]?.stringValue {
                self = .amount(amount, currency: currency)
            } else if let percent = json?["percentOfRetailPrice"]?.doubleValue {
                self = .percent(percent)
            } else {
                return nil
            }
        }
    }

    public init(producerDID: String, producerName: String, context: String, batchLink: String, gtin: String, lot: String,
                productName: String, units: Int, actorID: String, actorName: String, actorDID: String?, share: Share) {
        self.producerDID = producerDID
        self.producerName = producerName
        self.context = context
        self.batchLink = batchLink
        self.gtin = gtin
        self.lot = lot
        self.productName = productName
        self.units = units
        self.actorID = actorID
        self.actorName = actorName
        self.actorDID = actorDID
        self.share = share
    }

    public static let type = "ValueShareAttestationRequest"

    /// The request file's JSON.
    public var json: JSONValue {
        var actor: [String: JSONValue] = ["id": .string(actorID), "name": .string(actorName)]
        if let actorDID { actor["did"] = .string(actorDID) }
        return ["type": .string(Self.type), "version": 1, "context": .string(context),
                "producer": ["id": .string(producerDID), "name": .string(producerName)],
                "batch": ["id": .string(batchLink), "gtin": .string(gtin), "lot": .string(lot),
                          "product": .string(productName), "units": .int(units)],
                "actor": .object(actor), "share": .object(share.json)]
    }

    /// Reads a request file.
    public init(parsing data: Data, file: String) throws(NetworkError) {
        func fail(_ problem: String) -> NetworkError {
            .attestation(file: file, problem: problem, fix: "use the request file `passport attest request` wrote, unchanged")
        }
        guard let json = try? JSONValue(parsing: data) else { throw fail("it is not JSON") }
        guard json["type"]?.stringValue == Self.type, json["version"]?.intValue == 1 else {
            throw fail("it is not a value-share attestation request")
        }
        guard let producer = json["producer"]?["id"]?.stringValue, let producerName = json["producer"]?["name"]?.stringValue,
              let context = json["context"]?.stringValue,
              let batch = json["batch"], let link = batch["id"]?.stringValue, let gtin = batch["gtin"]?.stringValue,
              let lot = batch["lot"]?.stringValue, let product = batch["product"]?.stringValue, let units = batch["units"]?.intValue,
              let actorID = json["actor"]?["id"]?.stringValue, let actorName = json["actor"]?["name"]?.stringValue,
              let share = Share(json: json["share"]) else {
            throw fail("a field is missing (producer, context, batch, actor or share)")
        }
        self.init(producerDID: producer, producerName: producerName, context: context, batchLink: link, gtin: gtin,
                  lot: lot, productName: product, units: units, actorID: actorID, actorName: actorName,
                  actorDID: json["actor"]?["did"]?.stringValue, share: share)
    }

    /// The file name of this request, `<lot>-<actor>.request.json`.
    public var fileName: String { "\(Self.safe(lot))-\(actorID).request.json" }

    /// The file name of the signed attestation, `<lot>-<actor>.attestation.jwt`.
    public var attestationFileName: String { "\(Self.safe(lot))-\(actorID).attestation.jwt" }

    static func safe(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "_" })
    }

    /// The attestation credential the actor signs (vc+jwt payload).
    public func credential(issuer: String, issuerName: String, now: Date) -> JSONValue {
        var subject: [String: JSONValue] = [
            "type": ["ValueShareConfirmation"], "id": .string(batchLink),
            "attestedProducer": ["id": .string(producerDID), "name": .string(producerName)],
            "actorId": .string(actorID), "unitsProduced": .int(units),
        ]
        subject.merge(share.json) { _, new in new }
        return [
            "@context": ["https://www.w3.org/ns/credentials/v2", .string(context)],
            "type": ["VerifiableCredential", "ValueShareAttestation"],
            "issuer": ["id": .string(issuer), "name": .string(issuerName)],
            "validFrom": .string(XSDDateTime.string(from: now)),
            "credentialSubject": .object(subject),
        ]
    }

    /// Signs the attestation as `signer`, refusing a request meant for someone else.
    public func sign(as signer: Signer, name: String, key: SigningKey, now: Date, file: String) throws(NetworkError) -> String {
        if let actorDID, actorDID != signer.did {
            throw .attestation(file: file, problem: "this request is for \(actorName) (\(actorDID)), but you are \(signer.did)",
                               fix: "only the actor named in the request may confirm it; if this is you, ask \(producerName) to write your DID in passport.yaml")
        }
        do {
            return try JWS.signCredential(credential(issuer: signer.did, issuerName: name, now: now), key: key, signer: signer)
        } catch {
            throw .attestation(file: file, problem: "signing failed: \(error.description)", fix: "check the key in keys/")
        }
    }
}
