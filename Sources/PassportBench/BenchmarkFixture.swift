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
        let passport: JSONValue = [
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://test.uncefact.org/vocabulary/untp/dpp/0.6.0/"],
            "type": ["DigitalProductPassport", "VerifiableCredential"],
            "id": .string(batchURL + "/dpp.json"),
            "issuer": ["type": ["CredentialIssuer"], "id": .string(issuer.did), "name": "Benchmark Farm"],
            "validFrom": "2026-10-01T00:00:00Z",
            "credentialSubject": [
                "type": ["ProductPassport"], "id": .string(batchURL), "granularityLevel": "batch",
                "product": ["type": ["Product"], "id": .string(batchURL), "name": "Benchmark oil",
                            "registeredId": .string(gtin), "batchNumber": .string(lot)],
                "unitsProduced": .int(serials),
                "serialRange": ["firstSerial": .string(serial(1)), "lastSerial": .string(serial(serials))],
            ],
        ]
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
