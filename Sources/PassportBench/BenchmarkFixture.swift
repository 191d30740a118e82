public import Credentials
internal import DigitalLink
internal import Foundation

/// A synthetic producer bundle — one serialized batch, signed with a given key — for the
/// benchmark and the fuzz harness, which must run without a project on disk.
public enum BenchmarkFixture {
    /// The batch's GTIN and lot.
    public static let gtin = "08012345000029"
    public static let lot = "B2026"

    /// Serial `number` as printed: six digits.
    public static func serial(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The signed unit code of serial `number`.
    public static func code(serial number: Int, key: SigningKey, issuer: DIDWeb) throws(CredentialError) -> String {
        try UnitCode.text(baseURL: issuer.baseURL, gtin: gtin, lot: lot, serial: serial(number), key: key)
    }

    /// A bundle holding one batch of `serials` units (serials 000001…), its passport, and a
    /// manifest signed by `key`, made at `createdAt`.
    public static func bundle(key: SigningKey, issuer: DIDWeb, serials: Int,
                              createdAt: String = "2026-11-01T00:00:00Z") throws(CredentialError) -> VerificationBundle {
        let batchURL = issuer.baseURL + "/01/\(gtin)/10/\(lot)"
        let product = UNTPProduct(
            id: batchURL, name: "Benchmark oil", idScheme: UNTPVocabulary.gtinScheme, batchNumber: lot, idGranularity: "batch",
            productCategory: [], producedAtFacility: FacilityReference(id: issuer.baseURL + "/#facility", name: "Benchmark Farm"),
            countryOfProduction: Country(countryCode: "IT"))
        let passport = try ProductPassport(
            context: [UNTPVocabulary.credentialsContext, UNTPVocabulary.untpContext],
            type: ["DigitalProductPassport", "VerifiableCredential"], id: batchURL + "/dpp.json",
            issuer: CredentialIssuer(id: issuer.did, name: "Benchmark Farm"), name: "Benchmark oil, lot \(lot)",
            validFrom: "2026-10-01T00:00:00Z",
            credentialSubject: PassportSubject(product: product, extensions: PassportExtension(
                unitsProduced: serials, serialRange: .init(firstSerial: serial(1), lastSerial: serial(serials))))).json()
        let jwt = try JWS.signCredential(passport, key: key, issuer: issuer)
        let entry = VerificationBundle.BatchEntry(
            gtin: gtin, lot: lot, passportSHA256: SHA256Digest.hex(Data(jwt.utf8)),
            serials: .init(prefix: "", first: 1, count: serials, digits: 6), recalled: nil)
        var bundle = VerificationBundle(
            producerDID: issuer.did, producerName: "Benchmark Farm",
            didDocument: issuer.didDocument(for: [key.publicKey.withID(issuer.keyID(for: key.id))]),
            certifierDocuments: [:], passports: ["\(gtin)/\(lot)": jwt], conformity: [:], manifest: "")
        bundle.manifest = try JWS.sign(
            header: ["alg": "Ed25519", "typ": "JWT", "kid": .string(issuer.keyID(for: key.id))],
            payload: bundle.manifestPayload(createdAt: createdAt, batches: [entry], conformitySHA256: [:]),
            key: key)
        return bundle
    }
}
