import Credentials
import Foundation
import DigitalLink

/// A batch passport as found in a bundle, after its signature, its digest in the manifest, its
/// status and its certificates were checked. Independent of the time: dates are compared per scan.
enum PassportCheck: Sendable {
    case verified(CheckedPassport)
    /// A signature or digest failed; the text says which and how.
    case tampered(String)
}

/// What a verified passport tells the shop. Every fact here is read from the signed passport
/// through the typed UNTP model (`ProductPassport`), never from hand-typed keys.
struct CheckedPassport: Sendable {
    var productName: String?
    var unitsProduced: Int?
    var validFrom: Date?
    var validUntil: Date?
    /// `YYYY-MM-DD`
    var bestBefore: String?
    var expiry: String?
    /// The recall the passport itself states, if any.
    var recall: PassportExtension.RecallNotice?
    /// The DID URL of the producer key that signed it.
    var keyID: String
    /// Revocation and suspension, as the bundle's status lists say.
    var status: [StatusFinding]
    var certificates: [CheckedCertificate]

    /// The finding for `purpose`, if the passport has an entry for it.
    func status(_ purpose: StatusPurpose) -> StatusFinding? { status.first { $0.purpose == purpose } }
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
        /// Its issuer revoked it (its bit is set in the issuer's revocation list).
        case revoked(listDate: String)
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
    let statusLists: StatusListReader

    init(producer: TrustedProducer, certifiers: [TrustedCertifier], conformity: [String: String],
         statusLists: StatusListReader) {
        self.producer = producer
        self.producerKeys = PublicKeySet(producer.keys)
        self.certifiers = Dictionary(certifiers.map { ($0.did, $0) }, uniquingKeysWith: { first, _ in first })
        self.conformityByDigest = Dictionary(conformity.values.map { (SHA256Digest.hex(Data($0.utf8)), $0) },
                                             uniquingKeysWith: { first, _ in first })
        self.statusLists = statusLists
    }

    /// Checks the passport `jwt` of the manifest entry `entry`.
    func check(_ jwt: String?, entry: VerificationBundle.BatchEntry) -> PassportCheck {
        guard let jwt else {
            return .tampered("the passport of lot \(entry.lot) is missing from the bundle although the producer's signed manifest lists it")
        }
        let verified: VerifiedCredential
        do {
            verified = try CredentialVerifier(resolver: producerKeys).verify(jwt, now: nil)
        } catch {
            return .tampered("passport signature: " + Self.explain(error, owner: producer.name))
        }
        guard SHA256Digest.hex(Data(jwt.utf8)) == entry.passportSHA256 else {
            return .tampered("passport: it is not the passport the producer's signed manifest lists for lot \(entry.lot)")
        }
        let passport: ProductPassport
        do { passport = try ProductPassport.read(verified.payload) } catch {
            return .tampered("passport: the signed content is not a readable passport (\(error.description))")
        }
        let product = passport.credentialSubject.product
        let link = try? DigitalLinkURI(parsing: product.id, options: .lenient)
        guard verified.issuer == producer.did, link?.gtin?.digits == entry.gtin,
              (product.batchNumber ?? link?.value(of: "10")) == entry.lot else {
            return .tampered("passport: it describes another producer, product or batch than lot \(entry.lot) of GTIN \(entry.gtin)")
        }
        let extensions = passport.credentialSubject.extensions
        var status: [StatusFinding] = []
        for statusEntry in passport.statusEntries {
            let finding = statusLists.finding(statusEntry, issuer: producer.did, keys: producerKeys)
            if case .tampered(let reason) = finding.state { return .tampered("passport status list: " + reason) }
            status.append(finding)
        }
        return .verified(CheckedPassport(
            productName: product.name.isEmpty ? nil : product.name,
            unitsProduced: extensions.unitsProduced,
            validFrom: passport.validFromDate, validUntil: passport.validUntilDate,
            bestBefore: extensions.bestBeforeDate.flatMap(XSDDateTime.day(ofDayOrDateTime:))?.description,
            expiry: product.expiryDate.flatMap(XSDDateTime.day(ofDayOrDateTime:))?.description,
            recall: extensions.recall, keyID: verified.key.id, status: status,
            certificates: (product.performanceClaim ?? []).map(certificate)))
    }

    /// Checks the conformity credential one passport claim points at (by digest).
    func certificate(_ claim: Claim) -> CheckedCertificate {
        let evidence = claim.evidence?.first { $0.digestMultibase != nil }
        let scheme = claim.name.isEmpty ? (claim.conformityTopic.first?.name ?? "certificate") : claim.name
        var result = CheckedCertificate(scheme: scheme, title: scheme, status: .missing)
        guard let digest = evidence?.digestMultibase.flatMap(ResourceDigest.sha256Hex(multibase:)),
              let jwt = conformityByDigest[digest] else {
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
        let verified: VerifiedCredential
        let credential: ConformityCredential
        do {
            verified = try CredentialVerifier(resolver: resolver).verify(jwt, now: nil)
            credential = try ConformityCredential.read(verified.payload)
        } catch {
            result.certifierDID = signerDID
            let account = Self.explain(error, owner: signerDID ?? "the certifier")
            switch error {
            case .unknownKey, .notACredential: result.status = .unverifiable(account)
            default: result.status = .tampered(account)
            }
            return result
        }
        let issuer = verified.issuer
        result.scheme = credential.credentialSubject.referenceScheme.name.isEmpty ? scheme : credential.credentialSubject.referenceScheme.name
        result.title = credential.credentialSubject.name.isEmpty ? result.scheme : credential.credentialSubject.name
        result.certifierDID = issuer
        result.certifierName = credential.issuer.name.isEmpty ? nil : credential.issuer.name
        result.validFrom = credential.validFromDate
        result.validUntil = credential.validUntilDate
        for entry in credential.statusEntries where entry.statusPurpose == StatusPurpose.revocation.rawValue {
            let finding = statusLists.finding(entry, issuer: issuer, keys: resolver)
            switch finding.state {
            case .set: result.status = .revoked(listDate: finding.listDateText ?? "")
                return result
            case .tampered(let reason): result.status = .tampered("its revocation list: " + reason)
                return result
            default: break
            }
        }
        if issuer == producer.did {
            result.status = .selfDeclared
        } else if certifiers[issuer]?.certifies(result.scheme) == true {
            result.status = .verified
        } else {
            result.status = .notTrustedForScheme
        }
        return result
    }

    /// The scheme a conformity credential attests (0.7.0 `referenceScheme`, or its 0.6 equivalent).
    static func scheme(of credential: JSONValue) -> String? {
        (try? ConformityCredential.read(credential)).map(\.credentialSubject.referenceScheme.name).flatMap { $0.isEmpty ? nil : $0 }
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
        case .unsecured, .wrongMediaType, .forbiddenClaim, .issuerMismatch, .keyIDNotDIDURL, .notACredential:
            return error.description
        default:
            return "it is not a readable signed credential"
        }
    }
}
