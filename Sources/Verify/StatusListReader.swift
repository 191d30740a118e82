import Credentials
import Foundation

/// What a status list says about one credential's entry.
struct StatusFinding: Sendable, Equatable {
    enum State: Sendable, Equatable {
        /// The bit is clear: not revoked (or not suspended).
        case clear
        /// The bit is set: revoked (or suspended).
        case set
        /// The list cannot be consulted (not in the bundle, another purpose); the text says why.
        case unavailable(String)
        /// The list in the bundle is not the one the producer's manifest lists, or not signed by
        /// the credential's issuer.
        case tampered(String)
    }

    var purpose: StatusPurpose?
    var state: State
    /// When the list was made (`validFrom`): how fresh the status is.
    var listDate: Date?
    var listDateText: String? { listDate.map(XSDDateTime.string(from:)) }
}

/// Reads the W3C Bitstring Status Lists a bundle carries (the producer's and its certifiers'),
/// each checked against the producer's signed manifest and its issuer's keys before a bit is read.
struct StatusListReader: Sendable {
    /// Signed lists by URL.
    let lists: [String: String]
    /// SHA-256 of each list, from the producer-signed manifest, by URL.
    let manifestDigests: [String: String]

    func finding(_ entry: BitstringStatusListEntry, issuer: String, keys: any PublicKeyResolver) -> StatusFinding {
        let url = entry.statusListCredential
        guard let purpose = StatusPurpose(rawValue: entry.statusPurpose) else {
            return StatusFinding(state: .unavailable("status purpose \(entry.statusPurpose) is not checked here"))
        }
        guard let jwt = lists[url] else {
            return StatusFinding(purpose: purpose, state: .unavailable("the bundle carries no status list \(url); ask for a bundle made by passport \(PassportSoftware.version) or later"))
        }
        guard manifestDigests[url] == SHA256Digest.hex(Data(jwt.utf8)) else {
            return StatusFinding(purpose: purpose, state: .tampered("\(url) is not the status list the producer's signed manifest lists"))
        }
        let list: StatusListCredential
        let bits: StatusBitstring
        do {
            let verified = try CredentialVerifier(resolver: keys).verify(jwt, now: nil)
            guard verified.issuer == issuer else {
                return StatusFinding(purpose: purpose, state: .tampered("\(url) is signed by \(verified.issuer), not by \(issuer)"))
            }
            list = try StatusListCredential(json: verified.payload)
            bits = try list.credentialSubject.bits()
        } catch {
            return StatusFinding(purpose: purpose, state: .tampered("\(url): \(PassportChecker.explain(error, owner: issuer))"))
        }
        guard list.id == url, list.credentialSubject.statusPurpose == entry.statusPurpose,
              entry.statusListIndex < bits.count else {
            return StatusFinding(purpose: purpose, state: .tampered("\(url) is not the \(purpose.rawValue) list the credential names, or too short for its position"),
                                 listDate: list.validFromDate)
        }
        return StatusFinding(purpose: purpose, state: bits.isSet(entry.statusListIndex) ? .set : .clear, listDate: list.validFromDate)
    }
}
