import Credentials
public import Foundation
public import Pictures

/// Turns a scanned text into a `Verdict`, offline: the trust store's producers and certifiers,
/// the imported bundles, and the scan log are all it consults.
///
/// Safe to use from several threads at once. Bundles' manifests are checked when the verifier is
/// made; each batch passport (with its certificates) on the first scan of that batch; so a scan
/// then costs one Ed25519 verification (the unit signature) plus a scan-log write.
public final class Verifier: Sendable {
    /// Settings that change what counts as a warning, and how scans are recorded.
    public struct Options: Sendable {
        /// A bundle older than this (seconds) gives a warning: recalls made since are unknown.
        public var maximumBundleAge: TimeInterval
        /// The shop name written into the scan log.
        public var shop: String
        /// A unit scanned again at this same shop within this many seconds of its first scan is
        /// the same sale (the clerk scanned twice), not a copy.
        public var sameSaleWindow: TimeInterval
        /// Where the shop is, for the times a verdict shows.
        public var timeZone: TimeZone

        public init(maximumBundleAge: TimeInterval = 30 * 86_400, shop: String = "shop",
                    sameSaleWindow: TimeInterval = 600, timeZone: TimeZone = .current) {
            self.maximumBundleAge = maximumBundleAge
            self.shop = shop
            self.sameSaleWindow = sameSaleWindow
            self.timeZone = timeZone
        }
    }

    /// Hosts of GS1 resolvers: codes on them are matched to a producer by GTIN and lot.
    static let resolverStems: Set<String> = ["https://id.gs1.org"]

    let producersByStem: [String: TrustedProducer]
    /// Key fingerprints by key id, worked out once rather than on every scan.
    let fingerprints: [String: String]
    let bundles: [String: LoadedBundle]
    /// The same bundles in DID order, for codes matched by GTIN and lot.
    let bundlesInOrder: [LoadedBundle]
    /// Bundles that could not be opened, by producer DID.
    let bundleProblems: [String: VerifyError]
    let scanLog: ScanLog?
    /// Networks whose member lists are imported, by DID: to say whose member a producer is.
    let networks: [String: TrustedNetwork]
    public let options: Options
    let clock: @Sendable () -> Date

    /// A verifier over the given trust and bundles.
    /// - Parameters:
    ///   - producers: the trusted producers.
    ///   - bundles: their opened bundles (see `TrustStore.loadBundles()`).
    ///   - bundleProblems: bundles that could not be opened, by producer DID, to explain verdicts.
    ///   - scanLog: where scans are recorded and earlier scans looked up; `nil` to record nothing.
    ///   - clock: "now" for every check (inject a fixed date in tests).
    public init(producers: [TrustedProducer], bundles: [LoadedBundle], bundleProblems: [String: VerifyError] = [:],
                networks: [TrustedNetwork] = [],
                scanLog: ScanLog?, options: Options = Options(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.networks = Dictionary(networks.map { ($0.did, $0) }, uniquingKeysWith: { first, _ in first })
        var byStem: [String: TrustedProducer] = [:]
        for producer in producers {
            guard let did = try? DIDWeb(did: producer.did) else { continue }
            byStem[did.baseURL.lowercased()] = producer
        }
        self.producersByStem = byStem
        self.fingerprints = Dictionary(producers.flatMap(\.keys).map { ($0.id, $0.fingerprint) },
                                       uniquingKeysWith: { first, _ in first })
        self.bundles = Dictionary(bundles.map { ($0.producer.did, $0) }, uniquingKeysWith: { first, _ in first })
        self.bundlesInOrder = bundles.sorted { $0.producer.did < $1.producer.did }
        self.bundleProblems = bundleProblems
        self.scanLog = scanLog
        self.options = options
        self.clock = clock
    }

    /// A verifier over everything in a trust store.
    public convenience init(store: TrustStore, scanLog: ScanLog?, options: Options = Options(),
                            clock: @escaping @Sendable () -> Date = { Date() }) {
        let loaded = store.loadBundles()
        self.init(producers: store.producers, bundles: loaded.bundles, bundleProblems: loaded.problems,
                  networks: store.networks, scanLog: scanLog, options: options, clock: clock)
    }

    /// Checks one scanned or typed code and records the scan.
    public func verify(_ text: String) -> Verdict {
        let now = clock()
        var verdict = evaluate(text, now: now)
        record(&verdict)
        return verdict
    }

    /// Checks one code without recording it: for callers that record the scan themselves
    /// (`passport serve` through its asynchronous stores; see `PendingScan`).
    public func evaluate(_ text: String) -> Verdict {
        evaluate(text, now: clock())
    }

    // MARK: Reading and finding the issuer

    func evaluate(_ text: String, now: Date) -> Verdict {
        // Documentation and chat messages shorten codes with "…"; a scanner never produces one.
        if text.unicodeScalars.contains("\u{2026}") {
            let why = "this looks like a placeholder (it contains “…”), not a whole code: paste or scan the whole code"
            return Verdict(kind: .notAPassportCode, reason: why, code: text, scannedAt: now,
                           checks: [.init("code", .failed, "the text contains “…”, which no printed code has")])
        }
        switch ScannedCode.read(text, now: now) {
        case .notAPassport(let reason):
            return Verdict(kind: .notAPassportCode, reason: reason, code: text, scannedAt: now,
                           checks: [.init("code", .failed, reason)])
        case .damaged(let stem, let reason):
            if let producer = producer(forStem: stem) {
                let why = "the code names a product of \(producer.name) but is not a valid GS1 Digital Link (\(reason)): it was altered or misprinted"
                return Verdict(kind: .tampered, reason: why, code: text, scannedAt: now,
                               checks: [.init("code", .failed, reason)])
            }
            let why = "this looks like a product link but is not a valid GS1 Digital Link (\(reason))"
            return Verdict(kind: .notAPassportCode, reason: why, code: text, scannedAt: now,
                           checks: [.init("code", .failed, reason)])
        case .code(let code):
            return evaluate(code, text: text, now: now)
        }
    }

    func evaluate(_ code: ScannedCode, text: String, now: Date) -> Verdict {
        var verdict = Verdict(kind: .genuine, reason: "", code: text, scannedAt: now,
                              item: .init(gtin: code.gtin, lot: code.lot, serial: code.serial))
        let found: (producer: TrustedProducer, bundle: LoadedBundle?)
        if let stem = code.stem, !Self.resolverStems.contains(Self.normalised(stem)) {
            guard let producer = producer(forStem: stem) else {
                let did = (try? DIDWeb(baseURL: Self.normalised(stem)))?.did ?? stem
                let host = URL(string: Self.normalised(stem))?.host ?? stem
                return verdict.concluding(.unknownIssuer, "\(host) (\(did)) is not a producer this shop trusts",
                                          check: .init("issuer", .failed, "\(did) is not in the trust store; if you know this producer, add it with `passport trust import` or `passport trust add producer`"))
            }
            found = (producer, bundles[producer.did])
        } else {
            guard let match = bundlesInOrder.first(where: { $0.entry(gtin: code.gtin, lot: code.lot) != nil }) else {
                let why = "no trusted producer's bundle lists lot \(code.lot) of GTIN \(code.gtin)"
                return verdict.concluding(.unknownProduct, why, check: .init("batch", .failed, why))
            }
            found = (match.producer, match)
        }
        verdict.item?.producerDID = found.producer.did
        verdict.item?.producerName = found.producer.name
        if let did = found.producer.network, let network = networks[did] {
            verdict.item?.networkName = network.name
            verdict.checks.append(.init("issuer", .passed, "\(found.producer.name) (\(found.producer.did)) is trusted: member of \(network.name) (member list version \(network.version))"))
        } else {
            verdict.checks.append(.init("issuer", .passed, "\(found.producer.name) (\(found.producer.did)) is trusted"))
        }
        return BatchEvaluation(verifier: self, code: code, producer: found.producer, bundle: found.bundle, now: now)
            .conclude(verdict)
    }

    /// The trusted producer whose base address is `stem` (compared case-insensitively; `http`
    /// is read as `https`).
    func producer(forStem stem: String) -> TrustedProducer? {
        producersByStem[Self.normalised(stem)]
    }

    static func normalised(_ stem: String) -> String {
        var lower = stem.lowercased()
        while lower.hasSuffix("/") { lower.removeLast() }
        return lower.hasPrefix("http://") ? "https://" + lower.dropFirst("http://".count) : lower
    }

    // MARK: Scan log

    /// Records the scan; a genuine serialized unit seen before becomes SEEN BEFORE — unless every
    /// earlier scan was at this shop within the same-sale window, which is the same sale again.
    func record(_ verdict: inout Verdict) {
        guard let scanLog, let pending = verdict.pendingScan(shop: options.shop, sameSaleWindow: options.sameSaleWindow)
        else { return }
        do {
            verdict.recorded(earlier: try scanLog.record(pending), of: pending, timeZone: options.timeZone)
        } catch {
            verdict.notRecorded(error.description)
        }
    }
}

extension Verifier {
    /// Verifies every code found in a picture, one verdict each; a picture without any readable
    /// code gives one NOT A PASSPORT CODE verdict saying so.
    public func verify(image: GrayImage, name: String, scanner: CodeScanner) -> [Verdict] {
        let symbols = scanner.scan(image)
        guard !symbols.isEmpty else {
            let reason = "no QR code or barcode could be read in \(name): take the photo again, closer, straight on and in focus"
            return [Verdict(kind: .notAPassportCode, reason: reason, code: "", scannedAt: clock(),
                            checks: [.init("picture", .failed, "\(image.width) × \(image.height) pixels, no code found")])]
        }
        return symbols.map { verify($0.text) }
    }
}
