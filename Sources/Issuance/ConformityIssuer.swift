public import Credentials
public import PassportModel
internal import DigitalLink

/// Turns a certificate record into a UNTP 0.7.0 Digital Conformity Credential.
///
/// Signed by the certifier (`passport certify`) it is a third-party certification; signed by the
/// producer it says so (`assessorLevel` `self`, `attestationType` `declaration`), so nobody
/// mistakes one for the other.
public struct ConformityIssuer: Sendable {
    public let producer: Producer
    public let producerDID: DIDWeb

    public init(producer: Producer, producerDID: DIDWeb) {
        self.producer = producer
        self.producerDID = producerDID
    }

    public static let context = [UNTPVocabulary.credentialsContext, UNTPVocabulary.untpContext]

    /// The unsigned credential.
    /// - Parameters:
    ///   - certifier: who signs it: the certifier named in the record, or nil for the producer.
    ///   - evidenceDigest: SHA-256 (hex) of the evidence file when it is published with the site.
    ///   - revocation: where the signer publishes the credential's revocation status.
    public func credential(for certificate: Certificate, signedByCertifier: Bool, evidenceURL: String?,
                           evidenceDigest: String?, revocation: BitstringStatusListEntry?) -> ConformityCredential {
        let folder = producerDID.baseURL + "/" + PublishedPaths.certificateURLPath(id: certificate.id)
        let scope = certificate.scope.text(in: producer.defaultLanguage)
        let producerParty = PartyReference(id: producerDID.did, name: producer.name)
        let scheme = Criterion(type: "ConformityScheme", id: folder + "#scheme", name: certificate.scheme)
        let title = "\(certificate.scheme) \(certificate.number)"
        let evidence = evidenceURL.map { url in
            Link(linkURL: url, linkName: "\(certificate.scheme) certificate \(certificate.number)",
                 digestMultibase: evidenceDigest.flatMap { ResourceDigest.multibase(hex: $0) })
        }
        let assessment = ConformityAssessment(
            id: folder + "#assessment", name: certificate.scheme, description: scope,
            assessmentCriteria: [Criterion(type: "Criterion", id: folder + "#criteria", name: certificate.scheme)],
            assessmentDate: certificate.validFrom.description,
            assessedPerformance: [Performance(score: Score(code: "conformant", definition: scope))],
            conformityTopic: [ConformityTopic(code: certificate.topic)], conformance: true,
            assessedOrganisation: producerParty)
        let attestation = ConformityAttestation(
            id: folder + "#attestation", name: title, description: scope,
            assessorLevel: signedByCertifier ? "3rdParty" : "self",
            assessmentLevel: signedByCertifier ? "scheme-cab" : "no-endorsement",
            attestationType: signedByCertifier ? "certification" : "declaration",
            issuedToParty: producerParty, referenceScheme: scheme, conformityCertificate: evidence,
            conformityAssessment: [assessment])
        let issuer = signedByCertifier ? CredentialIssuer(id: certificate.certifierDID, name: certificate.certifierName)
            : CredentialIssuer(id: producerDID.did, name: producer.name)
        return ConformityCredential(
            context: Self.context, type: ["DigitalConformityCredential", "VerifiableCredential"],
            id: folder + PublishedPaths.conformityJSON, issuer: issuer, name: title,
            validFrom: XSDDateTime.startOfDay(certificate.validFrom), validUntil: XSDDateTime.endOfDay(certificate.validUntil),
            credentialStatus: revocation.map { [$0] } ?? [], issuingSoftware: .passport, credentialSubject: attestation)
    }
}
