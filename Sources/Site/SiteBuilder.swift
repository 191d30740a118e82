public import Foundation
import PassportModel
public import Output
import DigitalLink

/// Renders the static site: batch, product, home and 404 pages in every language, per-unit landing
/// pages, linksets, images and assets. Same input, same bytes.
public struct SiteBuilder: Sendable {
    let site: SiteModel

    /// Loads and checks the templates (shipped, then the project's overrides) and the project's files.
    /// - Throws: `SiteError` naming a missing or broken template, strings file or project file.
    public init(input: SiteInput) throws(SiteError) {
        site = try SiteModel(input: input)
    }

    /// A builder over an already loaded site (tests observe its templates).
    init(site: SiteModel) {
        self.site = site
    }

    /// Writes every page and asset into `directory`, which the caller created and which is empty.
    public func write(to directory: URL) throws(SiteError) -> SiteReport {
        try write(into: StagedPart(url: directory, previous: nil))
    }

    /// Writes every page and asset into `part` (the staged `site` folder of a build), which links
    /// the files that equal the previous build's instead of writing them. Rendering runs on all
    /// cores; the files do not depend on the order.
    public func write(into part: StagedPart) throws(SiteError) -> SiteReport {
        let jobs = plan()
        let results = ResultBox()
        let site = self.site
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let job = jobs[index]
            for (path, data) in job.render(site) {
                do throws(OutputError) {
                    try part.write(data, to: path)
                    results.add(path: path, size: data.count, isPage: job.isPage && path.hasSuffix(".html"))
                } catch {
                    results.fail(.writeFailed(path: path, reason: error.description))
                }
            }
        }
        if let error = results.firstError { throw error }
        let css = (site.templates.assets["site.css"]?.count ?? 0) + site.brand.css.utf8.count
        let limit = site.input.unitPageLimit
        return SiteReport(files: results.paths.sorted(), pageCount: results.pageCount,
                          unitPageCount: results.paths.count { $0.contains("/21/") && $0.hasSuffix(".html") },
                          cappedBatches: site.project.batches.filter { ($0.serials?.count ?? 0) > limit }.map(\.id),
                          largestPageBytes: results.largest.size + css, largestPage: results.largest.path)
    }

    /// Every file of the site, as independent jobs. A batch's or product's pages in every language
    /// and its linkset are one job: they share a folder, made once by the thread that writes them.
    func plan() -> [SiteJob] {
        var jobs: [SiteJob] = [.assets, .notFound]
        for l in site.localizers.indices { jobs.append(.home(l)) }
        for p in site.project.products.indices {
            jobs.append(.product(p))
            jobs.append(.card(p))
        }
        let products = Dictionary(site.project.products.enumerated().map { ($1.id, $0) }) { a, _ in a }
        for (b, batch) in site.project.batches.enumerated() {
            guard let p = products[batch.product] else { continue }
            jobs.append(.batch(p, b))
            if let serials = batch.serials {
                let count = min(serials.count, site.input.unitPageLimit)
                var start = 0
                while start < count {
                    let end = min(count, start + 500)
                    jobs.append(.units(p, b, serials.first + start ..< serials.first + end))
                    start = end
                }
            }
        }
        return jobs
    }
}

/// One unit of rendering work and the files it writes.
enum SiteJob: Sendable {
    case assets, notFound, home(Int)
    /// A product's page in every language and its linkset.
    case product(Int)
    /// A batch's page in every language and its linkset.
    case batch(Int, Int)
    /// A product's embeddable card (script and JSON).
    case card(Int)
    case units(Int, Int, Range<Int>)

    /// Whether its `.html` files count as pages (unit landing pages do not).
    var isPage: Bool {
        switch self {
        case .notFound, .home, .product, .batch: return true
        default: return false
        }
    }

    func render(_ site: SiteModel) -> [(String, Data)] {
        let project = site.project
        func page(_ l: Int) -> String {
            SiteLayout.pageFile(language: site.localizers[l].language, defaultLanguage: site.defaultLanguage)
        }
        switch self {
        case .assets:
            var files = site.templates.assets.filter { $0.key != CardView.rendererFile }
                .map { (SiteLayout.assetsDirectory + $0.key, $0.value) }
            files += site.brandFiles.map { ($0.path, $0.data) }
            if let logo = site.logo { files.append((logo.path, logo.data)) }
            for images in site.images.values { files += images.map { ($0.path, $0.data) } }
            files += site.evidence.values.map { ($0.path, $0.data) }
            return files
        case .notFound:
            return [("404.html", Data(OtherPages.notFound(site).utf8))]
        case .home(let l):
            return [(page(l), Data(OtherPages.home(site, site.localizers[l]).utf8))]
        case .product(let p):
            let product = project.products[p]
            let folder = IdentifierPath.product(gtin: product.gtin)
            return [(folder + "linkset.json", Markup.jsonFile(StructuredData.productLinkset(product, site: site)))]
                + site.localizers.indices.map { l in
                    (folder + page(l), Data(OtherPages.product(site, product, site.localizers[l]).utf8))
                }
        case .card(let p):
            let product = project.products[p], folder = IdentifierPath.product(gtin: product.gtin)
            let data = CardView.data(site, product)
            return [(folder + "card.js", Data(CardView.script(site, data: data).utf8)),
                    (folder + "card.json", Markup.jsonFile(data))]
        case .batch(let p, let b):
            let product = project.products[p], batch = project.batches[b]
            let folder = SiteLayout.batchFolder(gtin: product.gtin, lot: batch.lot)
            return [(folder + "linkset.json", Markup.jsonFile(StructuredData.batchLinkset(product, batch, site: site)))]
                + site.localizers.indices.map { l in
                    (folder + page(l), Data(BatchPage.render(site, product, batch, site.localizers[l]).utf8))
                }
        case .units(let p, let b, let numbers):
            let product = project.products[p], batch = project.batches[b]
            guard let serials = batch.serials else { return [] }
            return numbers.map { number in
                let serial = serials.serial(number)
                return (SiteLayout.unitFolder(gtin: product.gtin, lot: batch.lot, serial: serial) + "index.html",
                        Data(OtherPages.unit(site, product, batch, serial: serial, site.localizers[0]).utf8))
            }
        }
    }
}

/// Collects results from concurrent jobs.
final class ResultBox: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private let lock = NSLock()
    private(set) var paths: [String] = []
    private(set) var pageCount = 0
    private(set) var largest: (path: String, size: Int) = ("", 0)
    private(set) var firstError: SiteError?

    func add(path: String, size: Int, isPage: Bool) {
        lock.withLock {
            paths.append(path)
            if isPage {
                pageCount += 1
                if size > largest.size || (size == largest.size && path < largest.path) { largest = (path, size) }
            }
        }
    }

    func fail(_ error: SiteError) {
        lock.withLock { if firstError == nil { firstError = error } }
    }
}
