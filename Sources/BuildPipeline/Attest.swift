import Credentials
public import Foundation
public import PassportNetwork
import Output
import PassportModel
import DigitalLink

/// `passport attest request` (the producer's side) and `passport attest sign` (the actor's side).
public enum Attest {
    /// Writes the request for `actorID`'s share in the batch with lot `lot` into `outputFolder`.
    /// - Returns: the file written.
    public static func request(projectRoot: URL, displayRoot: String, lot: String, actorID: String,
                               outputFolder: URL) throws(BuildError) -> URL {
        let project: Project
        do { project = try ProjectLoader.load(root: projectRoot, displayRoot: displayRoot) } catch { throw .project(error) }
        let lots = project.batches.map(\.lot)
        guard let batch = project.batches.first(where: { $0.lot == lot }), let product = project.product(batch.product) else {
            throw .invalid("no batch has lot \(lot) — the lots of this project are \(lots.joined(separator: ", "))")
        }
        guard let share = batch.valueShares.first(where: { $0.actor == actorID }) else {
            let actors = batch.valueShares.map(\.actor).joined(separator: ", ")
            throw .invalid("batches/\(batch.id).yaml gives no value share to `\(actorID)` — the shares of lot \(lot) are for \(actors.isEmpty ? "nobody" : actors)")
        }
        let issuer: DIDWeb
        do { issuer = try DIDWeb(baseURL: project.producer.baseURL) } catch {
            throw .credential(error, context: "passport.yaml: base_url")
        }
        let value: AttestationRequest.Share
        if let amount = share.amount, let currency = share.currency {
            value = .amount(amount, currency: currency)
        } else {
            value = .percent(share.percent ?? 0)
        }
        let actor = project.producer.actor(actorID)
        let language = project.producer.defaultLanguage
        let request = AttestationRequest(
            producerDID: issuer.did, producerName: project.producer.name,
            context: issuer.baseURL + "/" + PublishedPaths.context,
            batchLink: issuer.baseURL + "/" + String(IdentifierPath.batch(gtin: product.gtin, lot: batch.lot).dropLast()),
            gtin: product.gtin, lot: batch.lot, productName: product.name.text(in: language), units: batch.quantity,
            actorID: actorID, actorName: actor?.name ?? actorID, actorDID: actor?.did, share: value)
        let file = outputFolder.appendingPathComponent(request.fileName)
        try BuildError.output(try FileWriter.writeAtomically(request.json.serialized(pretty: true) + Data("\n".utf8), to: file))
        return file
    }

    /// What `sign` wrote.
    public struct Signed: Sendable {
        public var attestation: URL
        /// The signer's DID document, for a did:web signer (the producer needs it to check the signature).
        public var didDocument: URL?
        public var did: String
        public var request: AttestationRequest
    }

    /// Signs the request file as the actor whose folder is `actorRoot` (holding `actor.yaml`, or
    /// `passport.yaml` for an actor that is itself a producer, and `keys/`).
    public static func sign(requestFile: URL, requestDisplay: String, actorRoot: URL, actorDisplay: String,
                            outputFolder: URL, now: Date) throws(BuildError) -> Signed {
        guard let data = FileManager.default.contents(atPath: requestFile.path) else {
            throw .file(path: requestDisplay, reason: "cannot read this file")
        }
        let request: AttestationRequest
        do { request = try AttestationRequest(parsing: data, file: requestDisplay) } catch { throw .network(error) }
        let identity = try Identity.load(root: actorRoot, display: actorDisplay)
        let jwt: String
        do {
            jwt = try request.sign(as: identity.signer, name: identity.name, key: identity.key, now: now, file: requestDisplay)
        } catch { throw .network(error) }
        let file = outputFolder.appendingPathComponent(request.attestationFileName)
        try BuildError.output(try FileWriter.writeAtomically(Data((jwt + "\n").utf8), to: file))
        var document: URL?
        if case .web(let web) = identity.signer {
            let url = outputFolder.appendingPathComponent(UpstreamStore.folderName(for: web.did) + ".did.json")
            try BuildError.output(try FileWriter.writeAtomically(identity.didDocument.serialized(pretty: true) + Data("\n".utf8), to: url))
            document = url
        }
        return Signed(attestation: file, didDocument: document, did: identity.signer.did, request: request)
    }
}

/// Who signs from a folder: an actor (`actor.yaml`), a co-op (`network.yaml`) or a producer
/// (`passport.yaml`), with its key and DID.
struct Identity {
    var name: String
    var signer: Signer
    var key: SigningKey
    var didDocument: JSONValue

    static func load(root: URL, display: String) throws(BuildError) -> Identity {
        let name: String, base: String?, keyID: String
        do {
            if PartyProfile.exists(.actor, in: root) {
                let profile = try PartyProfile.load(.actor, root: root, displayRoot: display)
                (name, base, keyID) = (profile.name, profile.baseURL, profile.signingKey)
            } else if PartyProfile.exists(.network, in: root) {
                let profile = try PartyProfile.load(.network, root: root, displayRoot: display)
                (name, base, keyID) = (profile.name, profile.baseURL, profile.signingKey)
            } else {
                let producer = try ProjectLoader.load(root: root, displayRoot: display).producer
                (name, base, keyID) = (producer.name, producer.baseURL, producer.signingKey)
            }
        } catch { throw .project(error) }
        let store = KeyStore(projectDirectory: root)
        do {
            let key = try store.load(id: keyID)
            if let base {
                let web = try DIDWeb(baseURL: base)
                let keys = try store.publicKeys().map { $0.withID(web.keyID(for: $0.id)) }
                return Identity(name: name, signer: .web(web), key: key, didDocument: web.didDocument(for: keys))
            }
            let didKey = DIDKey(publicKey: key.publicKey)
            return Identity(name: name, signer: .key(didKey), key: key, didDocument: didKey.didDocument)
        } catch { throw .credential(error, context: display.isEmpty ? "keys/" : "\(display)/keys/") }
    }
}
