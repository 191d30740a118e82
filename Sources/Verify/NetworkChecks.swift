import Credentials
import Foundation
import PassportNetwork
import DigitalLink

/// The value-network checks of one passport, from the bundle alone: each input's upstream
/// passport (found by the digest the passport pins it with) signed by its producer for that
/// batch, and each value share's confirmation signed by the actor. This file is where the shop
/// reads the passport's network terms (through `NetworkTerms`).
enum NetworkChecks {
    static func run(passport: ProductPassport, evidence: VerificationBundle.NetworkEvidence) -> [Verdict.Check] {
        let claims = NetworkTerms.Claims(passport: passport)
        return [inputs(claims, evidence: evidence), shares(claims, evidence: evidence)].compactMap { $0 }
    }

    /// "inputs: 3 of 3 verified" — a failure means the bundle's evidence was altered.
    static func inputs(_ claims: NetworkTerms.Claims, evidence: VerificationBundle.NetworkEvidence) -> Verdict.Check? {
        guard !claims.inputs.isEmpty else { return nil }
        var names: [String] = []
        var missing: [String] = []
        for input in claims.inputs {
            let label = "\(input.name) (\(input.producerName ?? input.producerDID ?? "?"))"
            guard let did = input.producerDID, let digest = input.passportSHA256, let link = input.batchLink,
                  let uri = try? DigitalLinkURI(parsing: link), let gtin = uri.gtin?.digits, let lot = uri.value(of: "10") else {
                missing.append(label)
                continue
            }
            guard let party = evidence.upstream[did],
                  let jwt = party.passports.first(where: { SHA256Digest.hex(Data($0.utf8)) == digest }) else {
                missing.append(label)
                continue
            }
            do {
                let checked = try UpstreamParty(did: did, didDocument: party.didDocument, manifest: party.manifest, source: "bundle")
                _ = try checked.check(passport: jwt, gtin: gtin, lot: lot, source: "bundle")
                if let recall = checked.manifest.entry(gtin: gtin, lot: lot)?.recalled {
                    return .init("inputs", .warning, "\(label): lot \(lot) was recalled by its producer on \(recall.date): \(recall.reason)")
                }
            } catch {
                var reason = error.description
                if case .untrustworthyUpstream(_, let why) = error { reason = why }
                return .init("inputs", .failed, "\(label): \(reason)")
            }
            names.append("\(input.producerName ?? did) lot \(lot)")
        }
        if !missing.isEmpty {
            return .init("inputs", .warning, "\(names.count) of \(claims.inputs.count) verified; not in the bundle: \(missing.joined(separator: ", "))")
        }
        return .init("inputs", .passed, "\(names.count) of \(claims.inputs.count) verified, each signed by its producer (\(names.joined(separator: "; ")))")
    }

    /// "value shares: 2 of 2 confirmed" — shares without a confirmation are declared by the producer.
    static func shares(_ claims: NetworkTerms.Claims, evidence: VerificationBundle.NetworkEvidence) -> Verdict.Check? {
        guard !claims.shares.isEmpty else { return nil }
        let byDigest = Dictionary(evidence.attestations.map { (SHA256Digest.hex(Data($0.utf8)), $0) }, uniquingKeysWith: { a, _ in a })
        var confirmed: [String] = []
        var problems: [String] = []
        for share in claims.shares {
            guard let digest = share.confirmationSHA256, let did = share.confirmedBy else { continue }
            guard let jwt = byDigest[digest] else {
                problems.append("the confirmation by \(share.confirmedByName ?? did) is not in the bundle")
                continue
            }
            do {
                let verified = try AttestationCheck.verify(jwt, documents: evidence.didDocuments) { problem, _ in
                    .attestation(file: "bundle", problem: problem, fix: "")
                }
                let subject = verified.payload["credentialSubject"]
                let figure = subject?["amountPerUnit"]?.doubleValue ?? subject?["percentOfRetailPrice"]?.doubleValue
                guard verified.signer == did, subject?["actorId"]?.stringValue == share.actorID,
                      let figure, abs(figure - (share.amountPerUnit ?? share.percent ?? .nan)) < 0.005 else {
                    problems.append("the confirmation by \(share.confirmedByName ?? did) does not match the share of \(share.actorName)")
                    continue
                }
                confirmed.append(share.confirmedByName ?? share.actorName)
            } catch {
                var reason = error.description
                if case .attestation(_, let problem, _) = error { reason = problem }
                problems.append("the confirmation by \(share.confirmedByName ?? did): \(reason)")
            }
        }
        let count = "\(confirmed.count) of \(claims.shares.count) confirmed"
        if !problems.isEmpty { return .init("value shares", .warning, count + "; " + problems.joined(separator: "; ")) }
        let by = confirmed.isEmpty ? "" : " by " + confirmed.joined(separator: ", ")
        let rest = claims.shares.count - confirmed.count
        return .init("value shares", .passed, count + by + (rest > 0 ? "; \(rest) declared by the producer" : ""))
    }
}
