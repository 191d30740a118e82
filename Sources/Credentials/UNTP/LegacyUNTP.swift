/// Reading passports and conformity credentials of UNTP 0.6.x (and passports made by earlier
/// versions of passport) into the 0.7.0 model, so upstream inputs and older bundles keep working.
///
/// Everything is optional here: the older releases required little, and a verifier should read
/// what is there. Only the 0.6 key names live in this file.
public enum LegacyUNTP {
    struct Passport: Decodable {
        var context: OneOrMany<String>?
        var id: String?
        var issuer: CredentialIssuer?
        var validFrom: String?
        var validUntil: String?
        var credentialSubject: Subject

        enum CodingKeys: String, CodingKey {
            case context = "@context", id, issuer, validFrom, validUntil, credentialSubject
        }
    }

    struct Subject: Decodable {
        var id: String?
        var product: LegacyProduct?
        var granularityLevel: String?
        var conformityClaim: [LegacyClaim]?
        var expiryDate: String?
        var extensions: PassportExtension

        enum CodingKeys: String, CodingKey { case id, product, granularityLevel, conformityClaim, expiryDate }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decodeIfPresent(String.self, forKey: .id)
            product = try c.decodeIfPresent(LegacyProduct.self, forKey: .product)
            granularityLevel = try c.decodeIfPresent(String.self, forKey: .granularityLevel)
            conformityClaim = try c.decodeIfPresent([LegacyClaim].self, forKey: .conformityClaim)
            expiryDate = try c.decodeIfPresent(String.self, forKey: .expiryDate)
            extensions = try PassportExtension(from: decoder)
        }
    }

    struct LegacyProduct: Decodable {
        var id: String?
        var name: String?
        var description: String?
        var registeredId: String?
        var batchNumber: String?
        var idScheme: IdentifierScheme?
    }

    struct LegacyClaim: Decodable {
        var id: String?
        var description: String?
        var conformityTopic: String?
        var conformityEvidence: Evidence?

        struct Evidence: Decodable {
            var linkURL: String?
            var linkName: String?
            var hashDigest: String?
        }
    }

    struct Conformity: Decodable {
        var id: String?
        var issuer: CredentialIssuer?
        var validFrom: String?
        var validUntil: String?
        var credentialSubject: Attestation

        struct Attestation: Decodable {
            var id: String?
            var name: String?
            var assessorLevel: String?
            var assessmentLevel: String?
            var attestationType: String?
            var issuedToParty: Party?
            var scope: Named?
            var assessment: [Assessment]?
        }

        struct Assessment: Decodable {
            var name: String?
            var referenceStandard: Named?
        }

        struct Named: Decodable { var name: String? }

        struct Party: Decodable {
            var id: String?
            var name: String?
        }
    }

    /// A 0.6.x passport in the 0.7.0 model. The GTIN, when the old passport gave it only as
    /// `registeredId`, is kept as the scheme's identifier in `Product.id` if that is not already a link.
    static func passport(_ json: JSONValue) throws(CredentialError) -> ProductPassport {
        let old = try CredentialCoding.decode(Passport.self, from: json)
        let subject = old.credentialSubject
        let product = subject.product
        let claims = (subject.conformityClaim ?? []).map { claim in
            let evidence = claim.conformityEvidence
            return Claim(id: claim.id ?? "", name: evidence?.linkName ?? claim.conformityTopic ?? "certificate",
                         description: claim.description, referenceCriteria: [], claimDate: "", claimedPerformance: [],
                         conformityTopic: claim.conformityTopic.map { [ConformityTopic(code: $0)] } ?? [],
                         evidence: [Link(linkURL: evidence?.linkURL ?? "", linkName: evidence?.linkName ?? "",
                                         digestMultibase: evidence?.hashDigest.flatMap { ResourceDigest.multibase(hex: $0.lowercased()) })])
        }
        var productID = product?.id ?? subject.id ?? ""
        if let gtin = product?.registeredId, !productID.contains("/01/"), gtin.count == 14, gtin.allSatisfy(\.isNumber) {
            productID = UNTPVocabulary.gtinScheme.id + gtin
        }
        let model = UNTPProduct(id: productID, name: product?.name ?? "", description: product?.description,
                            idScheme: product?.idScheme, batchNumber: product?.batchNumber,
                            idGranularity: subject.granularityLevel ?? "", productCategory: [],
                            producedAtFacility: nil, expiryDate: subject.expiryDate, countryOfProduction: nil,
                            performanceClaim: claims)
        return ProductPassport(context: old.context?.values ?? [], type: ["DigitalProductPassport", "VerifiableCredential"],
                               id: old.id ?? "", issuer: old.issuer ?? CredentialIssuer(id: "", name: ""),
                               name: product?.name ?? "", validFrom: old.validFrom ?? "", validUntil: old.validUntil,
                               credentialSubject: PassportSubject(product: model, extensions: subject.extensions))
    }

    /// A 0.6.x (or 0.5) conformity credential in the 0.7.0 model.
    static func conformity(_ json: JSONValue) throws(CredentialError) -> ConformityCredential {
        let old = try CredentialCoding.decode(Conformity.self, from: json)
        let subject = old.credentialSubject
        let first = subject.assessment?.first
        let scheme = subject.scope?.name ?? first?.referenceStandard?.name ?? first?.name ?? ""
        let attestation = ConformityAttestation(
            id: subject.id ?? "", name: subject.name ?? scheme, assessorLevel: subject.assessorLevel ?? "",
            assessmentLevel: subject.assessmentLevel ?? "", attestationType: subject.attestationType ?? "",
            issuedToParty: PartyReference(id: subject.issuedToParty?.id ?? "", name: subject.issuedToParty?.name ?? ""),
            referenceScheme: Criterion(type: "ConformityScheme", id: "", name: scheme))
        return ConformityCredential(context: [], type: ["DigitalConformityCredential", "VerifiableCredential"],
                                    id: old.id ?? "", issuer: old.issuer ?? CredentialIssuer(id: "", name: ""),
                                    name: subject.name ?? scheme, validFrom: old.validFrom ?? "",
                                    validUntil: old.validUntil, credentialSubject: attestation)
    }
}

extension UNTPCredential where Subject == PassportSubject {
    /// Reads a passport of UNTP 0.7.0, or of 0.6.x through `LegacyUNTP`.
    /// - Throws: `CredentialError.notACredential`, naming the field that does not fit.
    public static func read(_ json: JSONValue) throws(CredentialError) -> ProductPassport {
        isUNTP070(json) ? try ProductPassport(json: json) : try LegacyUNTP.passport(json)
    }
}

extension UNTPCredential where Subject == ConformityAttestation {
    /// Reads a conformity credential of UNTP 0.7.0, or of 0.6.x through `LegacyUNTP`.
    public static func read(_ json: JSONValue) throws(CredentialError) -> ConformityCredential {
        isUNTP070(json) ? try ConformityCredential(json: json) : try LegacyUNTP.conformity(json)
    }
}
