public import Credentials
import Foundation
public import Issuance
import PassportNetwork
public import PassportModel
import DigitalLink

/// The value network of a producer project, checked offline: every batch input against the
/// upstream passports in `upstream/` (signature, batch, digest, recall, mass balance), and every
/// attestation in `attestations/` against the value shares the records declare. `check` and
/// `build` both run it; it writes nothing.
public struct ValueNetwork: Sendable {
    /// Per batch id: its verified inputs and confirmed shares, for the issuer.
    public var facts: [String: PassportIssuer.NetworkFacts]
    /// What the bundle carries so a shop can check the chain offline.
    public var evidence: VerificationBundle.NetworkEvidence
    /// Per batch id, the attestations to publish beside its passport: site path → JWS.
    public var attestationFiles: [String: [(path: String, jwt: String)]]

    public var inputCount: Int { facts.values.reduce(0) { $0 + $1.inputs.count } }
    public var confirmedCount: Int { facts.values.reduce(0) { $0 + $1.confirmations.count } }

    /// Checks the project's inputs and attestations (what `passport check` runs).
    public static func check(_ project: Project, displayRoot: String) throws(BuildError) -> ValueNetwork {
        do {
            return try check(project, issuer: try DIDWeb(baseURL: project.producer.baseURL), displayRoot: displayRoot)
        } catch let error as BuildError {
            throw error
        } catch let error as CredentialError {
            throw .credential(error, context: "passport.yaml: base_url")
        } catch {
            throw .invalid("\(error)")
        }
    }

    /// Checks the project's inputs and attestations.
    public static func check(_ project: Project, issuer: DIDWeb, displayRoot: String) throws(BuildError) -> ValueNetwork {
        let root = URL(fileURLWithPath: project.root)
        let prefix = displayRoot.isEmpty ? "" : (displayRoot.hasSuffix("/") ? displayRoot : displayRoot + "/")
        var uses: [(batch: String, use: InputUse)] = []
        for batch in project.batches {
            for input in batch.inputs {
                uses.append((batch.id, InputUse(
                    location: "\(input.location): \(input.field)", name: input.name.text(in: project.producer.defaultLanguage),
                    batchLink: input.batchLink, sha256: input.sha256, quantityValue: input.quantity.value,
                    quantityUnit: input.quantity.unit, yield: input.yield.map { ($0.value, $0.output, $0.per) })))
            }
        }
        var problems: [NetworkError] = []
        var verified: [VerifiedInput] = []
        do { verified = try InputCheck(projectRoot: root).run(uses.map(\.use)) } catch { problems.append(error) }

        var claims: [ShareClaim] = []
        for batch in project.batches {
            guard let product = project.product(batch.product) else { continue }
            for share in batch.valueShares {
                let actor = project.producer.actor(share.actor)
                let value: AttestationRequest.Share
                if let amount = share.amount, let currency = share.currency {
                    value = .amount(amount, currency: currency)
                } else if let percent = share.percent {
                    value = .percent(percent)
                } else { continue }
                claims.append(ShareClaim(location: "\(share.location)", gtin: product.gtin, lot: batch.lot,
                                         actorID: share.actor, actorName: actor?.name ?? share.actor,
                                         actorDID: actor?.did, share: value))
            }
        }
        var confirmations: [ShareConfirmation] = []
        do { confirmations = try AttestationCheck.run(projectRoot: root, claims: claims) } catch {
            problems.append(Self.located(error, prefix: prefix))
        }
        if let error = NetworkError.combined(problems.flatMap(Self.flatten)) { throw .network(error) }

        var network = ValueNetwork(facts: [:], evidence: .init(), attestationFiles: [:])
        for batch in project.batches {
            guard let product = project.product(batch.product) else { continue }
            var facts = PassportIssuer.NetworkFacts()
            for (index, entry) in uses.enumerated() where entry.batch == batch.id { facts.inputs.append(verified[index]) }
            let folder = issuer.baseURL + "/" + IdentifierPath.batch(gtin: product.gtin, lot: batch.lot)
            for confirmation in confirmations where confirmation.gtin == product.gtin && confirmation.lot == batch.lot {
                let path = PublishedPaths.attestation(actorID: confirmation.actorID)
                facts.confirmations[confirmation.actorID] = (confirmation, folder + path)
                network.attestationFiles[batch.id, default: []].append((path, confirmation.jwt))
                network.evidence.attestations.append(confirmation.jwt)
            }
            network.facts[batch.id] = facts
        }
        // The upstream producers' evidence, as stored, for the passports actually used.
        let store = UpstreamStore(projectRoot: root)
        var passports: [String: Set<String>] = [:]
        for input in verified {
            guard let stored = try? store.passport(did: input.producerDID, gtin: input.gtin, lot: input.lot) else { continue }
            let jwt: String = stored
            passports[input.producerDID, default: []].insert(jwt)
        }
        for (did, jwts) in passports {
            guard let party = try? store.party(did: did) else { continue }
            network.evidence.upstream[did] = .init(didDocument: party.didDocumentJSON, manifest: party.manifestJWS,
                                                   passports: jwts.sorted())
        }
        let documents = AttestationCheck.documents(projectRoot: root)
        for confirmation in confirmations where confirmation.did.hasPrefix("did:web:") {
            if let document = documents[confirmation.did] { network.evidence.didDocuments[confirmation.did] = document }
        }
        return network
    }

    private static func flatten(_ error: NetworkError) -> [NetworkError] {
        if case .several(let list) = error { return list.flatMap(flatten) }
        return [error]
    }

    /// Attestation files are named relative to the project; show them as the user typed the project.
    private static func located(_ error: NetworkError, prefix: String) -> NetworkError {
        switch error {
        case .attestation(let file, let problem, let fix): return .attestation(file: prefix + file, problem: problem, fix: fix)
        case .file(let path, let reason): return .file(path: prefix + path, reason: reason)
        case .several(let list): return .several(list.map { located($0, prefix: prefix) })
        default: return error
        }
    }
}
