public import Foundation
internal import DigitalLink
internal import PassportModel
public import Site

/// Rendering speed for `passport bench site --batches N`: the caller times the call.
public enum SiteBenchmark {
    /// Renders `batches` batch pages of a synthetic project (one product, four journey steps, two
    /// certificates, value shares) on all cores, and returns how many pages were rendered.
    ///
    /// - Parameter output: when given (an empty folder), the whole site is written there, so the
    ///   time includes every language, the linksets and the disk; otherwise pages are rendered in
    ///   memory in the default language only.
    public static func renderSyntheticBatchPages(_ batches: Int, templatesDirectory: URL,
                                                 output: URL? = nil) throws(SiteError) -> Int {
        let input = try syntheticInput(batches: batches, templatesDirectory: templatesDirectory)
        let builder = try SiteBuilder(input: input)
        if let output {
            return try builder.write(to: output).pageCount
        }
        let all = input.project.batches
        let bytes = ByteCounter()
        let chunk = 64
        DispatchQueue.concurrentPerform(iterations: (all.count + chunk - 1) / chunk) { index in
            var total = 0
            for batch in all[(index * chunk)..<min(all.count, index * chunk + chunk)] {
                total += builder.batchPage(for: batch)?.utf8.count ?? 0
            }
            bytes.add(total)
        }
        return bytes.total > 0 ? all.count : 0
    }

    /// A project of one product and `batches` batches, loaded from YAML in a temporary folder.
    static func syntheticInput(batches: Int, templatesDirectory: URL) throws(SiteError) -> SiteInput {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("passport-bench-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files: [String: String] = [
            "passport.yaml": """
                name: Bench Cooperative
                address: Via Roma 1, Siena
                country: IT
                base_url: https://bench.example
                languages: [en, it]
                signing_key: main
                actors:
                  - {id: grower, name: Podere Uno, role: grower, country: IT}
                  - {id: mill, name: Mulino Due, role: mill, country: IT}
                  - {id: bottler, name: Vetreria Tre, role: bottler, country: IT}
                  - {id: carrier, name: Trasporti Quattro, role: carrier, country: IT}
                """,
            "keys/main.jwk": "",
            "products/oil.yaml": """
                gtin: "08012345000012"
                name: {en: Extra virgin olive oil, it: Olio extravergine di oliva}
                description: Cold-pressed within six hours of picking.
                category: {name: Olive oil, cpc: "21673"}
                net_quantity: 500 ml
                materials: [{name: Olives, origin: IT, place: Montalcino, share: 100, cpc: "01450"}]
                certifications: [organic, roc]
                """,
            "certificates/organic.yaml": """
                scheme: EU organic
                certifier: {name: Terra Certifications, did: "did:web:terra.example"}
                number: IT-BIO-1
                scope: Olive growing
                valid_from: 2026-01-01
                valid_until: 2027-06-30
                topic: environment.biodiversity
                """,
            "certificates/roc.yaml": """
                scheme: Regenerative Organic Certified
                certifier: {name: Regenerative Organic Alliance, did: "did:web:roa.example"}
                number: ROC-1
                scope: Olive growing
                valid_from: 2025-12-01
                valid_until: 2027-01-10
                topic: environment.biodiversity
                """,
            "batches/b.yaml": """
                product: oil
                lot: B0
                production_date: 2026-10-14
                quantity: 1200
                retail_price: {amount: 18.50, currency: EUR}
                journey:
                  - {actor: grower, place: Montalcino, lat: 43.0563, lon: 11.4890, date: 2026-10-12, what: Hand-picked}
                  - {actor: mill, place: Sant'Angelo in Colle, lat: 42.9922, lon: 11.4375, date: 2026-10-12, what: Cold-pressed}
                  - {actor: bottler, place: Siena, lat: 43.3188, lon: 11.3308, date: 2026-10-14, what: Bottled}
                  - {actor: carrier, place: Firenze, lat: 43.7696, lon: 11.2558, date: 2026-10-16, what: Delivered}
                value_shares:
                  - {actor: grower, amount: 6.20, currency: EUR}
                  - {actor: mill, amount: 2.10, currency: EUR}
                  - {actor: bottler, amount: 1.40, currency: EUR}
                  - {actor: carrier, amount: 0.90, currency: EUR}
                """,
        ]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            } catch {
                throw .writeFailed(path: url.path, reason: error.localizedDescription)
            }
        }
        var project: Project
        do {
            project = try ProjectLoader.load(root: folder)
        } catch {
            throw .unreadableFile(path: "\(folder.path) (synthetic project: \(error))")
        }
        guard let template = project.batches.first else {
            throw .unreadableFile(path: "\(folder.path)/batches/b.yaml (synthetic project)")
        }
        var proofs: [String: BatchProof] = [:]
        project.batches = (0..<max(0, batches)).map { index in
            var batch = template
            batch.id = "b\(index)"
            batch.lot = "B\(index)"
            let folder = SiteLayout.batchFolder(gtin: "08012345000012", lot: batch.lot)
            proofs[batch.id] = BatchProof(jwtPath: folder + "dpp.jwt", jsonPath: folder + "dpp.json",
                                          jwtSHA256: String(repeating: "ab", count: 32))
            return batch
        }
        project.root = folder.path
        let key = SiteKey(id: "main", didURL: "did:web:bench.example#main", multibase: "z6MkBench",
                          fingerprint: "0000 0000 0000 0000", rawBase64URL: String(repeating: "A", count: 43))
        return SiteInput(project: project, today: CalendarDate(daysSince1970: 20_777), issuerDID: "did:web:bench.example",
                         keys: [key], batchProofs: proofs, certificateProofs: [:], templatesOverride: nil,
                         templatesDirectory: templatesDirectory)
    }
}

/// Sums byte counts from concurrent renders (so the work cannot be optimised away).
final class ByteCounter: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private let lock = NSLock()
    private var sum = 0
    func add(_ value: Int) { lock.withLock { sum += value } }
    var total: Int { lock.withLock { sum } }
}
