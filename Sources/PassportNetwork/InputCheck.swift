import Credentials
public import Foundation
import DigitalLink

/// One batch input as the records declare it, with where it was written.
public struct InputUse: Sendable {
    /// `batches/evo-2026-a.yaml:57:5: inputs[0]`, for messages.
    public var location: String
    /// The name of the input, as the batch names it.
    public var name: String
    /// The Digital Link of the upstream batch.
    public var batchLink: String
    /// SHA-256 of the upstream passport, as recorded.
    public var sha256: String
    /// The quantity this batch uses, as written.
    public var quantityValue: Double
    public var quantityUnit: String
    /// The yield that converts the upstream unit into the input's unit, if declared.
    public var yield: (value: Double, output: String, per: String)?

    public init(location: String, name: String, batchLink: String, sha256: String, quantityValue: Double,
                quantityUnit: String, yield: (value: Double, output: String, per: String)?) {
        self.location = location
        self.name = name
        self.batchLink = batchLink
        self.sha256 = sha256
        self.quantityValue = quantityValue
        self.quantityUnit = quantityUnit
        self.yield = yield
    }
}

/// An input whose upstream passport was checked, offline, from `upstream/`.
public struct VerifiedInput: Sendable {
    public var use: InputUse
    public var producerDID: String
    public var producerName: String
    /// The canonical Digital Link of the upstream batch (its page), and its GTIN and lot.
    public var batchLink: String
    public var gtin: String
    public var lot: String
    /// Where the upstream passport is published (its signed `dpp.jwt`), and its credential id.
    public var passportURL: String
    public var passportID: String
    public var sha256: String
    public var productName: String
    /// The quantity this batch uses, in its own unit.
    public var used: Amount
    /// What that draws from the upstream batch, in the upstream's unit.
    public var drawn: Amount
    /// What the upstream batch amounts to.
    public var upstreamOutput: Amount
    /// The upstream passport's facts (journey, country) for the page.
    public var facts: UpstreamPassportFacts
}

/// Checks every input of a project against `upstream/`: the upstream passport's signature
/// against its producer's DID document, that it is the batch named and the digest recorded, that
/// the batch is not recalled, and that all this project's batches together draw no more from one
/// upstream batch than it produced. Reads files only; writes nothing.
public struct InputCheck: Sendable {
    public let store: UpstreamStore

    public init(projectRoot: URL) {
        store = UpstreamStore(projectRoot: projectRoot)
    }

    /// The verified inputs, in the order given, or every problem found.
    public func run(_ uses: [InputUse]) throws(NetworkError) -> [VerifiedInput] {
        var verified: [VerifiedInput] = []
        var problems: [NetworkError] = []
        var parties: [String: UpstreamParty] = [:]
        for use in uses {
            do {
                verified.append(try check(use, parties: &parties))
            } catch {
                problems.append(error)
            }
        }
        problems += MassBalance.check(verified)
        if let error = NetworkError.combined(problems) { throw error }
        return verified
    }

    private func check(_ use: InputUse, parties: inout [String: UpstreamParty]) throws(NetworkError) -> VerifiedInput {
        func fail(_ problem: String, _ fix: String) -> NetworkError { .input(location: use.location, problem: problem, fix: fix) }
        let add = "run `passport inputs add \(use.batchLink)` (or the upstream's output folder) and check the files it writes under upstream/"
        let link: DigitalLinkURI
        do { link = try DigitalLinkURI(parsing: use.batchLink) } catch {
            throw fail("`\(use.batchLink.prefix(120))` is not a GS1 Digital Link (\(error.description))",
                       "write the upstream batch's address, https://<its site>/01/<gtin>/10/<lot>")
        }
        guard let gtin = link.gtin?.digits, let lot = link.value(of: "10"),
              let host = URL(string: link.stem)?.host, let did = try? DIDWeb(baseURL: link.stem) else {
            throw fail("`\(use.batchLink)` names no GTIN and lot on an https site", "write https://<its site>/01/<gtin>/10/<lot>")
        }
        let party: UpstreamParty
        if let known = parties[did.did] {
            party = known
        } else {
            let loaded: UpstreamParty?
            do { loaded = try store.party(did: did.did) } catch {
                throw fail(error.description, add)
            }
            guard let loaded else {
                throw fail("nothing from \(host) is in upstream/", add)
            }
            parties[did.did] = loaded
            party = loaded
        }
        let passportFile = store.display(store.passportURL(did: did.did, gtin: gtin, lot: lot))
        guard let entry = party.manifest.entry(gtin: gtin, lot: lot) else {
            throw fail("lot \(lot) of GTIN \(gtin) is not in \(host)'s signed manifest (upstream/\(UpstreamStore.folderName(for: did.did))/manifest.jwt)",
                       "check the lot in the link, or import the upstream's current files: " + add)
        }
        if let recall = entry.recalled {
            throw fail("the upstream batch \(lot) was recalled by \(host) on \(recall.date): \(recall.reason)",
                       "do not use it: remove this input and the batch that used it, or ask \(host) what to do")
        }
        let stored: String?
        do { stored = try store.passport(did: did.did, gtin: gtin, lot: lot) } catch { throw fail(error.description, add) }
        guard let jwt = stored else {
            throw fail("no passport of lot \(lot) in upstream/ (\(passportFile) is missing)", add)
        }
        let passport: ProductPassport
        do { passport = try party.check(passport: jwt, gtin: gtin, lot: lot, source: passportFile) } catch {
            let reason: String
            if case .untrustworthyUpstream(let source, let why) = error { reason = "\(source): \(why)" } else { reason = error.description }
            throw fail(reason, "do not use this file; import the upstream's published passport again: " + add)
        }
        let digest = SHA256Digest.hex(Data(jwt.utf8))
        guard digest == use.sha256 else {
            throw fail("the recorded sha256 \(use.sha256) is not the digest of the upstream passport in upstream/ (\(digest))",
                       "if \(host) re-issued this passport, review the change and write `sha256: \(digest)`; otherwise re-import it")
        }
        let facts = UpstreamPassportFacts(passport: passport)
        guard let output = facts.output else {
            throw fail("the upstream passport does not say how much the batch amounts to", "ask \(host) to declare the batch quantity")
        }
        let drawn = try Self.drawn(use, upstream: output.unit, fail: fail)
        let canonical = did.baseURL + "/" + String(IdentifierPath.batch(gtin: gtin, lot: lot).dropLast())
        let passportURL = canonical + "/" + PublishedPaths.passportJWT
        return VerifiedInput(use: use, producerDID: did.did, producerName: facts.producerName ?? host,
                             batchLink: canonical, gtin: gtin, lot: lot, passportURL: passportURL,
                             passportID: facts.passportID ?? passportURL, sha256: digest, productName: facts.productName ?? "GTIN \(gtin)",
                             used: drawn.used, drawn: drawn.drawn, upstreamOutput: output, facts: facts)
    }

    /// The input's quantity in its own unit, and what it draws in the upstream's unit.
    static func drawn(_ use: InputUse, upstream: Amount.Unit,
                      fail: (String, String) -> NetworkError) throws(NetworkError) -> (used: Amount, drawn: Amount) {
        guard let used = Amount(value: use.quantityValue, unitText: use.quantityUnit) else {
            throw fail("the quantity's unit `\(use.quantityUnit)` cannot be balanced", "write it in units, kg or l (g, ml and cl are converted)")
        }
        guard used.unit != upstream else {
            if use.yield != nil {
                throw fail("a yield is given, but the input and the upstream batch are both in \(used.unit.rawValue)", "remove `yield`")
            }
            return (used, used)
        }
        guard let declared = use.yield else {
            throw fail("the quantity is in \(used.unit.rawValue) but the upstream batch is counted in \(upstream.rawValue), and no yield converts them",
                       "add `yield: <\(used.unit.rawValue) per \(upstream.rawValue)>`, e.g. `yield: 0.16 \(used.unit.rawValue)/\(upstream.rawValue)`, or write the quantity in \(upstream.rawValue)")
        }
        guard let output = Amount(value: 1, unitText: declared.output), let per = Amount(value: 1, unitText: declared.per),
              output.unit == used.unit, per.unit == upstream, declared.value > 0 else {
            throw fail("the yield `\(Amount.format(declared.value)) \(declared.output)/\(declared.per)` does not convert \(upstream.rawValue) of the upstream batch into \(used.unit.rawValue)",
                       "write it as `yield: <number> \(used.unit.rawValue)/\(upstream.rawValue)`, more than 0")
        }
        let ratio = declared.value * output.value / per.value
        return (used, Amount(value: used.value / ratio, unit: upstream))
    }
}

/// The quantities all of a project's batches draw from one upstream batch may not exceed what
/// that batch produced.
enum MassBalance {
    static func check(_ inputs: [VerifiedInput]) -> [NetworkError] {
        var byBatch: [String: [VerifiedInput]] = [:]
        for input in inputs { byBatch[input.batchLink, default: []].append(input) }
        var problems: [NetworkError] = []
        for link in byBatch.keys.sorted() {
            guard let uses = byBatch[link], let first = uses.first else { continue }
            let total = uses.reduce(0) { $0 + $1.drawn.value }
            let available = first.upstreamOutput
            guard total > available.value * (1 + 1e-9) + 1e-9 else { continue }
            let drawn = Amount(value: total, unit: available.unit)
            let parts = uses.map { "\($0.use.location.split(separator: ":").first ?? "") \($0.drawn)" }.joined(separator: ", ")
            problems.append(.input(location: uses.last?.use.location ?? link,
                                   problem: "mass balance exceeded: this project's batches draw \(drawn) from \(link), which produced only \(available) (\(parts))",
                                   fix: "check the quantities and yields of these inputs; together they cannot use more than the upstream batch made"))
        }
        return problems
    }
}
