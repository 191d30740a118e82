public import Credentials
internal import Output
public import Foundation
import DigitalLink

/// A value share as the producer's records declare it, for matching with attestations.
public struct ShareClaim: Sendable {
    public var location: String
    public var gtin: String
    public var lot: String
    public var actorID: String
    public var actorName: String
    /// The actor's DID from the producer's records; without one, no attestation can confirm the share.
    public var actorDID: String?
    public var share: AttestationRequest.Share

    public init(location: String, gtin: String, lot: String, actorID: String, actorName: String, actorDID: String?,
                share: AttestationRequest.Share) {
        self.location = location
        self.gtin = gtin
        self.lot = lot
        self.actorID = actorID
        self.actorName = actorName
        self.actorDID = actorDID
        self.share = share
    }
}

/// A value share confirmed by its actor's signed attestation.
public struct ShareConfirmation: Sendable {
    public var gtin: String
    public var lot: String
    public var actorID: String
    public var actorName: String
    public var did: String
    /// The signed attestation and its SHA-256.
    public var jwt: String
    public var sha256: String
    /// The file it came from, relative to the project.
    public var file: String
}

/// Checks the attestations in a project's `attestations/` folder against the value shares the
/// records declare: each must be signed by the actor's DID, name a batch of this project and an
/// actor with a share in it, and confirm exactly the declared share.
public enum AttestationCheck {
    /// The folder attestations are dropped into.
    public static func folder(projectRoot: URL) -> URL { projectRoot.appendingPathComponent("attestations", isDirectory: true) }

    /// The folder's name inside the project.
    static let folderName = "attestations"

    /// DID documents for did:web actors: `attestations/*.did.json` and the upstream producers',
    /// read through the confined project folder (a file that cannot be read is left out; the
    /// attestation it would check is then refused, naming the signer).
    public static func documents(projectRoot: URL) -> [String: JSONValue] {
        let project = ProjectFolder(root: projectRoot)
        var result: [String: JSONValue] = [:]
        func add(_ relative: String) {
            if let data = try? project.read(relative, limit: ProjectFolder.documentLimit),
               let json = try? JSONValue(parsing: data), let id = json["id"]?.stringValue { result[id] = json }
        }
        for name in (try? project.names(in: UpstreamStore.storeFolder)) ?? [] {
            add(UpstreamStore.storeFolder + "/" + name + "/" + UpstreamStore.didDocumentFile)
        }
        for name in (try? project.names(in: folderName)) ?? [] where name.hasSuffix(".did.json") {
            add(folderName + "/" + name)
        }
        return result
    }

    /// The confirmed shares, or every problem found.
    public static func run(projectRoot: URL, claims: [ShareClaim]) throws(NetworkError) -> [ShareConfirmation] {
        let project = ProjectFolder(root: projectRoot)
        let documents = documents(projectRoot: projectRoot)
        var confirmations: [ShareConfirmation] = []
        var problems: [NetworkError] = []
        let names: [String]
        do { names = try project.names(in: folderName) } catch {
            throw .file(path: error.path, reason: "\(error.problem) — \(error.fix)")
        }
        for name in names where name.hasSuffix(".jwt") {
            let file = folderName + "/" + name
            let data: Data
            do { data = try project.read(file, limit: ProjectFolder.documentLimit) } catch {
                problems.append(.file(path: file, reason: "\(error.problem) — \(error.fix)"))
                continue
            }
            let jwt = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            do {
                let confirmation = try check(jwt, file: file, claims: claims, documents: documents)
                if let other = confirmations.first(where: { $0.lot == confirmation.lot && $0.gtin == confirmation.gtin && $0.actorID == confirmation.actorID }) {
                    throw NetworkError.attestation(file: file, problem: "\(other.file) already confirms the share of \(confirmation.actorName) in lot \(confirmation.lot)",
                                                   fix: "keep one of the two files")
                }
                confirmations.append(confirmation)
            } catch let error as NetworkError {
                problems.append(error)
            } catch {
                problems.append(.attestation(file: file, problem: "\(error)", fix: "remove the file"))
            }
        }
        if let error = NetworkError.combined(problems) { throw error }
        return confirmations
    }

    /// Checks one attestation.
    public static func check(_ jwt: String, file: String, claims: [ShareClaim],
                             documents: [String: JSONValue]) throws(NetworkError) -> ShareConfirmation {
        func fail(_ problem: String, _ fix: String) -> NetworkError { .attestation(file: file, problem: problem, fix: fix) }
        let verified = try verify(jwt, documents: documents, fail: fail)
        let payload = verified.payload, signer = verified.signer
        let subject = payload["credentialSubject"]
        guard payload["type"]?.arrayValue?.contains("ValueShareAttestation") == true,
              let batchLink = subject?["id"]?.stringValue, let actorID = subject?["actorId"]?.stringValue,
              let share = AttestationRequest.Share(json: subject) else {
            throw fail("it is not a value-share attestation", "remove it from attestations/")
        }
        guard let link = try? DigitalLinkURI(parsing: batchLink), let gtin = link.gtin?.digits, let lot = link.value(of: "10") else {
            throw fail("it names \(batchLink), which is not the Digital Link of a batch", "remove it from attestations/")
        }
        let batchClaims = claims.filter { $0.gtin == gtin && $0.lot == lot }
        guard !batchClaims.isEmpty else {
            throw fail("it confirms a share of lot \(lot) (GTIN \(gtin)), which is not a batch of this project with value shares",
                       "remove it, or ask the actor to sign the request for the right batch")
        }
        guard let claim = batchClaims.first(where: { $0.actorID == actorID }) else {
            throw fail("it confirms a share of `\(actorID)` in lot \(lot), but that batch has no share for `\(actorID)`",
                       "ask the actor to sign the request for the right batch")
        }
        guard let expected = claim.actorDID else {
            throw fail("\(claim.actorName) has no `did` in passport.yaml, so their signature cannot be checked",
                       "add `did: \(signer)` to the actor `\(claim.actorID)` in passport.yaml after confirming it with them")
        }
        guard expected == signer else {
            throw fail("it is signed by \(signer), but \(claim.actorName)'s DID in passport.yaml is \(expected): it was signed by someone else",
                       "remove it; only \(claim.actorName) can confirm their share")
        }
        guard share.matches(claim.share) else {
            throw fail("\(claim.actorName) confirms \(share) for lot \(claim.lot), but \(claim.location) declares \(claim.share)",
                       "correct the share in the batch record, or ask \(claim.actorName) to confirm the figure you declare")
        }
        return ShareConfirmation(gtin: claim.gtin, lot: claim.lot, actorID: claim.actorID,
                                 actorName: payload["issuer"]?["name"]?.stringValue ?? claim.actorName, did: signer,
                                 jwt: jwt, sha256: SHA256Digest.hex(Data(jwt.utf8)), file: file)
    }

    /// Checks an attestation's signature against its signer's DID (did:key derived, did:web from
    /// `documents`) and that the credential's issuer is that DID.
    public static func verify(_ jwt: String, documents: [String: JSONValue],
                              fail: (String, String) -> NetworkError) throws(NetworkError) -> (payload: JSONValue, signer: String) {
        guard let kid = Self.header(of: jwt)?["kid"]?.stringValue else {
            throw fail("it is not a signed credential naming its key", "remove it from attestations/")
        }
        let signer = Signer.did(ofKeyID: kid)
        let resolver: any PublicKeyResolver
        if signer.hasPrefix("did:key:") {
            guard let didKey = try? DIDKey(did: signer) else { throw fail("\(signer) is not a usable did:key", "remove it") }
            resolver = PublicKeySet([didKey.publicKey])
        } else if let document = documents[signer], let parsed = try? DIDDocument(parsing: document, expectedID: signer) {
            resolver = parsed
        } else {
            throw fail("no DID document for \(signer) (looked in attestations/*.did.json and upstream/)",
                       "put the signer's did.json beside the attestation")
        }
        let verified: JWS.Verified
        do { verified = try JWS.verify(jwt, resolver: resolver) } catch {
            throw fail("its signature does not hold: \(UpstreamParty.explain(error, owner: signer))", "remove it; ask the actor to sign again")
        }
        guard let payload = try? JSONValue(parsing: verified.payload), payload["issuer"]?["id"]?.stringValue == signer else {
            throw fail("its issuer is not the key's owner \(signer)", "remove it")
        }
        return (payload, signer)
    }

    static func header(of jwt: String) -> JSONValue? {
        guard let first = jwt.split(separator: ".").first, let bytes = Base64URL.decode(first) else { return nil }
        return try? JSONValue(parsing: bytes)
    }
}
