public import Credentials
public import Foundation

/// Makes the W3C Bitstring Status List credentials a signer publishes: one per purpose, at
/// `status/<purpose>.jwt` under its site, holding the positions given to its credentials.
public struct StatusListIssuer: Sendable {
    public let issuer: CredentialIssuer
    public let baseURL: String

    public init(issuer: CredentialIssuer, baseURL: String) {
        self.issuer = issuer
        self.baseURL = baseURL
    }

    /// Where the list of `purpose` is published: what entries name as `statusListCredential`.
    public func url(_ purpose: StatusPurpose) -> String { baseURL + "/" + PublishedPaths.statusListJWT(purpose) }

    /// The entry of the credential at `position` in the list of `purpose`.
    public func entry(_ purpose: StatusPurpose, position: Int) -> BitstringStatusListEntry {
        BitstringStatusListEntry(purpose: purpose, index: position, list: url(purpose))
    }

    /// The unsigned list of `purpose` with the bits of `set` on, as of `validFrom` (the build).
    public func credential(_ purpose: StatusPurpose, set: [Int], validFrom: Date) throws(CredentialError) -> StatusListCredential {
        var bits = StatusBitstring()
        for index in set { bits.set(index) }
        let what = purpose == .revocation ? "Revoked credentials" : "Suspended credentials (recalled batches)"
        return StatusListCredential(
            context: [UNTPVocabulary.credentialsContext, UNTPVocabulary.untpContext],
            type: ["VerifiableCredential", "BitstringStatusListCredential"], id: url(purpose),
            issuer: issuer, name: "\(what) of \(issuer.name)", validFrom: XSDDateTime.string(from: validFrom),
            issuingSoftware: .passport,
            credentialSubject: try BitstringStatusList(id: url(purpose) + "#list", purpose: purpose, bits: bits))
    }
}
