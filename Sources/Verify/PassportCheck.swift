import Credentials
import Foundation
import DigitalLink

/// A batch passport as found in a bundle, after its signature, its digest in the manifest and
/// its certificates were checked. Independent of the time: dates are compared per scan.
enum PassportCheck: Sendable {
    case verified(CheckedPassport)
    /// A signature or digest failed; the text says which and how.
    case tampered(String)
}

/// What a verified passport tells the shop.
struct CheckedPassport: Sendable {
    var productName: String?
    var unitsProduced: Int?
    var validFrom: Date?
    var validUntil: Date?
    /// `YYYY-MM-DD`
    var bestBefore: String?
    var expiry: String?
    /// The DID URL of the producer key that signed it.
    var keyID: String
    var certificates: [CheckedCertificate]
    /// Inputs and value shares, checked against the bundle's network evidence.
    var network: [Verdict.Check] = []
}

/// One certificate a passport claims, after checking its conformity credential.
struct CheckedCertificate: Sendable {
    enum Status: Sendable, Equatable {
        /// Signed by a certifier trusted for this scheme.
        case verified
        /// Signed by the producer itself, not by a certifier.
        case selfDeclared
        /// The signature does not match: the credential was altered or forged.
        case tampered(String)
        /// Signed by a certifier this shop does not trust.
        case untrustedCertifier
        /// Signed by a trusted certifier, but not one trusted for this scheme.
        case notTrustedForScheme
        /// Could not be checked (unknown key, unreadable credential); the text says why.
        case unverifiable(String)
        /// The passport points at a credential that is not in the bundle.
        case missing
    }

    /// The scheme as the passport names it (`EU organic`).
    var scheme: String
    /// `EU organic IT-BIO-009-2026-1187` once the credential was read, else the scheme.
    var title: String
    var certifierDID: String?
    var certifierName: String?
    var validFrom: Date?
    var validUntil: Date?
    var status: Status
}

/// Checks passports and their conformity credentials against the trusted keys.
struct PassportChecker: Sendable {
    let producer: TrustedProducer
    let producerKeys: PublicKeySet
    let certifiers: [String: TrustedCertifier]
    /// Conformity credentials in the bundle by the SHA-256 (hex) of their signed text.
    let conformityByDigest: [String: String]
    let network: VerificationBundle.NetworkEvidence

    init(producer: TrustedProducer, certifiers: [TrustedCertifier], conformity: [String: String],
         network: VerificationBundle.NetworkEvidence = .init()) {
        self.network = network
        self.producer = producer
        self.producerKeys = PublicKeySet(producer.keys)
        self.certifiers = Dictionary(certifiers.map { ($0.did, $0) }, uniquingKeysWith: { first, _ in first })
        self.conformityByDigest = Dictionary(conformity.values.map { (SHA256Digest.hex(Data($0.utf8)), $0) },
                                             uniquingKeysWith: { first, _ in first })
    }

    /// Checks the passport `jwt` of the manifest entry `entry`.
    func check(_ jwt: String?, entry: VerificationBundle.BatchEntry) -> PassportCheck {
        guard let jwt else {
            return .tampered("the passport of lot \(entry.lot) is missing from the bundle although the producer's signed manifest lists it")
        }
        let verified: JWS.Verified
        do {
            verified = try JWS.verify(jwt, resolver: producerKeys)
        } catch {
            return .tampered("passport signature: " + Self.explain(error, owner: producer.name))
        }
        guard SHA256Digest.hex(Data(jwt.utf8)) == entry.passportSHA256 else {
            return .tampered("passport: it is not the passport the producer's signed manifest lists for lot \(entry.lot)")
        }
        guard let payload = try? JSONValue(parsing: verified.payload), let subject = payload["credentialSubject"] else {
            return .tampered("passport: the signed content is not a readable credential")
        }
        let product = subject["product"]
        guard payload["issuer"]?["id"]?.stringValue == producer.did,
              product?["registeredId"]?.stringValue == entry.gtin, product?["batchNumber"]?.stringValue == entry.lot else {
            return .tampered("passport: it describes another producer, product or batch than lot \(entry.lot) of GTIN \(entry.gtin)")
        }
        let claims = subject["conformityClaim"]?.arrayValue ?? []
        return .verified(CheckedPassport(
            productName: product?["name"]?.stringValue,
            unitsProduced: subject["unitsProduced"]?.intValue,
            validFrom: payload["validFrom"]?.stringValue.flatMap(XSDDateTime.date(from:)),
            validUntil: payload["validUntil"]?.stringValue.flatMap(XSDDateTime.date(from:)),
            bestBefore: subject["bestBeforeDate"]?.stringValue.flatMap(XSDDateTime.day(ofDayOrDateTime:))?.description,
            expiry: subject["expiryDate"]?.stringValue.flatMap(XSDDateTime.day(ofDayOrDateTime:))?.description,
            keyID: verified.key.id,
            certificates: claims.map(certificate),
            network: NetworkChecks.run(passport: payload, evidence: network)))
    }

    /// Checks the conformity credential one passport claim points at (by digest).
    func certificate(_ claim: JSONValue) -> CheckedCertificate {
        let evidence = claim["conformityEvidence"]
        let scheme = evidence?["linkName"]?.stringValue ?? claim["conformityTopic"]?.stringValue ?? "certificate"
        var result = CheckedCertificate(scheme: scheme, title: scheme, status: .missing)
        guard let digest = evidence?["hashDigest"]?.stringValue, let jwt = conformityByDigest[digest.lowercased()] else {
            return result
        }
        let signerDID = Self.signerDID(of: jwt)
        let resolver: PublicKeySet
        if signerDID == producer.did {
            resolver = producerKeys
        } else if let signerDID, let certifier = certifiers[signerDID] {
            resolver = PublicKeySet(certifier.keys)
        } else {
            result.certifierDID = signerDID
            result.status = .untrustedCertifier
            return result
        }
        let verified: JWS.Verified
        do {
            verified = try JWS.verify(jwt, resolver: resolver)
        } catch {
            result.certifierDID = signerDID
            let account = Self.explain(error, owner: signerDID ?? "the certifier")
            if case .unknownKey = error { result.status = .unverifiable(account) } else { result.status = .tampered(account) }
            return result
        }
        guard let payload = try? JSONValue(parsing: verified.payload),
              let issuer = payload["issuer"]?["id"]?.stringValue, issuer == signerDID else {
            result.status = .tampered("the credential's issuer is not the key's owner \(signerDID ?? "")")
            return result
        }
        result.scheme = Self.scheme(of: payload) ?? scheme
        result.title = payload["credentialSubject"]?["name"]?.stringValue ?? result.scheme
        result.certifierDID = issuer
        result.certifierName = payload["issuer"]?["name"]?.stringValue
        result.validFrom = payload["validFrom"]?.stringValue.flatMap(XSDDateTime.date(from:))
        result.validUntil = payload["validUntil"]?.stringValue.flatMap(XSDDateTime.date(from:))
        if issuer == producer.did {
            result.status = .selfDeclared
        } else if certifiers[issuer]?.certifies(result.scheme) == true {
            result.status = .verified
        } else {
            result.status = .notTrustedForScheme
        }
        return result
    }

    /// The scheme a conformity credential attests: its scope's name (UNTP DCC 0.5) or its first
    /// assessment's reference standard (0.6).
    static func scheme(of credential: JSONValue) -> String? {
        let subject = credential["credentialSubject"]
        return subject?["scope"]?["name"]?.stringValue
            ?? subject?["assessment"]?[0]?["referenceStandard"]?["name"]?.stringValue
            ?? subject?["assessment"]?[0]?["name"]?.stringValue
    }

    /// The DID in the `kid` of a compact JWS header (`did:web:x#key` → `did:web:x`).
    static func signerDID(of jwt: String) -> String? {
        guard let kid = UnverifiedJWS.header(of: jwt)?["kid"]?.stringValue else { return nil }
        return String(kid.prefix { $0 != "#" })
    }

    /// A short account of a signature failure, for the verdict's details.
    static func explain(_ error: CredentialError, owner: String) -> String {
        switch error {
        case .badSignature(let keyID):
            return "the signature does not match for key \(keyID): the content was changed after signing"
        case .unknownKey(let keyID):
            return "signed with \(keyID), which is not a key this shop trusts for \(owner): it was signed by someone else"
        case .algorithmNone:
            return "it carries no signature (alg none)"
        case .unsupportedAlgorithm(let alg):
            return "it is signed with \(alg), not Ed25519"
        case .missingKeyID:
            return "it does not say which key signed it"
        default:
            return "it is not a readable signed credential"
        }
    }
}
