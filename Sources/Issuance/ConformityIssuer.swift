public import Credentials
public import PassportModel
internal import DigitalLink

/// Turns a certificate record into a UNTP Digital Conformity Credential (data model 0.6.1).
///
/// Signed by the certifier (`passport certify`) it is a third-party certification; signed by the
/// producer it is marked as self-declared, so nobody mistakes one for the other.
public struct ConformityIssuer: Sendable {
    public let producer: Producer
    public let producerDID: DIDWeb

    public init(producer: Producer, producerDID: DIDWeb) {
        self.producer = producer
        self.producerDID = producerDID
    }

    public static let context: [JSONValue] = [
        "https://www.w3.org/ns/credentials/v2", "https://test.uncefact.org/vocabulary/untp/dcc/0.6.0/",
    ]

    /// The unsigned credential. `signedByCertifier` decides the assurance levels it claims.
    /// - Parameter evidenceDigest: SHA-256 (hex) of the evidence file when it is published with the site.
    public func credential(for certificate: Certificate, signedByCertifier: Bool,
                           evidenceURL: String?, evidenceDigest: String?) -> JSONValue {
        let base = producerDID.baseURL
        let folder = base + "/" + PublishedPaths.certificateURLPath(id: certificate.id)
        let language = producer.defaultLanguage
        let certifier: JSONValue = ["id": .string(certificate.certifierDID), "name": .string(certificate.certifierName)]
        let producerParty: JSONValue = ["id": .string(producerDID.did), "name": .string(producer.name)]
        var subject: [String: JSONValue] = [
            "type": ["ConformityAttestation", "Attestation"],
            "id": .string(folder + "#attestation"),
            "name": .string("\(certificate.scheme) \(certificate.number)"),
            "assessorLevel": signedByCertifier ? "3rdParty" : "Self",
            "assessmentLevel": signedByCertifier ? "Verified" : "Unspecified",
            "attestationType": signedByCertifier ? "certification" : "declaration",
            "description": .string(certificate.scope.text(in: language)),
            "issuedToParty": producerParty,
            "assessment": [[
                "type": ["ConformityAssessment", "Declaration"],
                "id": .string(folder + "#assessment"),
                "name": .string(certificate.scheme),
                "description": .string(certificate.scope.text(in: language)),
                "conformance": true,
                "conformityTopic": .string(certificate.topic),
                // The scheme as a Standard: UNTP 0.6.1's context does not define ConformityAssessmentScheme.
                "referenceStandard": [
                    "type": ["Standard"],
                    "id": .string(folder + "#scheme"),
                    "name": .string(certificate.scheme),
                    "issuingParty": certifier,
                ],
                "assessedOrganisation": producerParty,
            ]],
        ]
        if let evidenceURL {
            // No `type`: the 0.6.1 context does not define SecureLink or Link.
            var link: [String: JSONValue] = [
                "linkURL": .string(evidenceURL),
                "linkName": .string("\(certificate.scheme) certificate \(certificate.number)"),
                "linkType": "https://test.uncefact.org/vocabulary/linkTypes/certificate",
            ]
            if let evidenceDigest {
                link["hashDigest"] = .string(evidenceDigest)
                link["hashMethod"] = "SHA-256"
            }
            subject["conformityCertificate"] = .object(link)
        }
        let issuer: JSONValue = signedByCertifier
            ? ["type": ["CredentialIssuer"], "id": .string(certificate.certifierDID), "name": .string(certificate.certifierName)]
            : ["type": ["CredentialIssuer"], "id": .string(producerDID.did), "name": .string(producer.name)]
        return [
            "@context": .array(Self.context),
            "type": ["DigitalConformityCredential", "VerifiableCredential"],
            "id": .string(folder + PublishedPaths.conformityJSON),
            "issuer": issuer,
            "validFrom": .string(XSDDateTime.startOfDay(certificate.validFrom)),
            "validUntil": .string(XSDDateTime.endOfDay(certificate.validUntil)),
            "credentialSubject": .object(subject),
        ]
    }
}
