import Foundation
import Credentials
import Output
import PassportModel
import DigitalLink
import JourneyMap

/// What every page of one build shares: the input, one localizer per language, copied images and
/// evidence, and the build-day status of each certificate.
struct SiteModel: Sendable {
    let input: SiteInput
    var templates: TemplateSet
    /// One per page language, the default first.
    let localizers: [Localizer]
    /// Product id → its images, in record order.
    let images: [String: [SiteImage]]
    /// Certificate id → evidence file copied into the site (path, bytes).
    let evidence: [String: (path: String, data: Data)]
    let status: [String: CertificateStatus]
    /// Language code → its own name, for the language switch.
    let languageNames: [String: String]
    /// `assets/brand.css` and the font files it names.
    let brand: BrandStyle
    /// `assets/brand.css`, the chosen font files and their licence: site path → bytes.
    let brandFiles: [(path: String, data: Data)]
    /// The producer's logo, copied into `media/`.
    let logo: SiteImage?
    /// Journey maps, drawn before the pages.
    let maps: SiteMaps
    /// Language code → interface strings, converted once for the template engine.
    private(set) var boxedStrings: [String: TemplateValue] = [:]
    /// Language code → the verdict script's texts, the same on every batch page.
    private(set) var verdictTexts: [String: TemplateValue] = [:]
    /// "product id|language" → the parts of a batch page that only depend on the product, for batch
    /// pages at the usual depth (`01/<gtin>/10/<lot>/`); converted once, shared by every batch page.
    private(set) var productParts: [String: [String: TemplateValue]] = [:]
    /// The relative root of a batch page whose lot has no `/`.
    static let batchRoot = "../../../../"

    var project: Project { input.project }
    var defaultLanguage: String { project.producer.defaultLanguage }

    init(input: SiteInput) throws(SiteError) {
        self.input = input
        templates = try TemplateSet(shipped: input.templatesDirectory, override: input.templatesOverride)
        let project = input.project
        var countries = Set([project.producer.country])
        for product in project.products { countries.formUnion(product.materials.map(\.originCountry)) }
        for actor in project.producer.actors { if let c = actor.country { countries.insert(c) } }
        let languages = project.producer.languages.isEmpty ? ["en"] : project.producer.languages
        let strings = templates.strings
        localizers = languages.map {
            Localizer(language: $0, defaultLanguage: languages[0], strings: strings, countryCodes: countries)
        }
        languageNames = Dictionary(languages.map { ($0, Localizer.languageName($0)) }) { a, _ in a }
        let root = ProjectFolder(root: URL(fileURLWithPath: project.root))
        var images: [String: [SiteImage]] = [:]
        for product in project.products {
            var list: [SiteImage] = []
            for (index, path) in product.images.enumerated() {
                if let image = try SiteImage.load(project: root, relativePath: path, productID: product.id,
                                                  index: index) { list.append(image) }
            }
            images[product.id] = list
        }
        self.images = images
        brand = BrandStyle(brand: project.producer.brand)
        var brandFiles: [(path: String, data: Data)] = [(SiteLayout.assetsDirectory + "brand.css", Data(brand.css.utf8))]
        let fontFolder = input.webFontsDirectory
        for name in brand.fontFiles + (brand.fontFiles.isEmpty ? [] : ["../OFL.txt"]) {
            let url = fontFolder.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else { throw .unreadableFile(path: url.path) }
            brandFiles.append((SiteLayout.assetsDirectory + "fonts/" + url.lastPathComponent, data))
        }
        self.brandFiles = brandFiles
        if let path = project.producer.brand.logo {
            logo = try SiteImage.load(project: root, relativePath: path, name: "logo")
        } else {
            logo = nil
        }
        let base: BaseMap
        do throws(MapDataError) {
            base = try BaseMap(directory: input.mapDirectory)
        } catch {
            throw .baseMap(error.description)
        }
        maps = SiteMaps(project: project, localizers: localizers, base: base, network: input.network)
        var evidence: [String: (path: String, data: Data)] = [:]
        var status: [String: CertificateStatus] = [:]
        for certificate in project.certificates {
            status[certificate.id] = CertificateStatus(validFrom: certificate.validFrom,
                                                       validUntil: certificate.validUntil, on: input.today)
            if case .file(let path)? = certificate.evidence {
                let data: Data
                do { data = try root.read(path, limit: ProjectFolder.publishedLimit) } catch { throw .projectFile(error) }
                // The same name the conformity credential's evidence link uses.
                evidence[certificate.id] = (SiteLayout.certificateFolder(id: certificate.id)
                                            + PublishedPaths.evidenceFileName(path), data)
            }
        }
        self.evidence = evidence
        self.status = status
        for l in localizers {
            boxedStrings[l.language] = TemplateValue.texts(l.strings)
            verdictTexts[l.language] = TemplateValue(VerdictView.texts(self, l))
            for product in project.products {
                productParts[product.id + "|" + l.language] =
                    BatchPage.productParts(self, product, l, root: Self.batchRoot).mapValues { TemplateValue($0) }
            }
        }
        for batch in project.batches {
            for text in [batch.lot] + (batch.serials.map { [$0.serial($0.first), $0.serial($0.last)] } ?? [])
            where !SiteLayout.isSafePathText(text) {
                throw .unservablePath(batch: batch.id, text: text)
            }
        }
    }

    /// Absolute URL of a site-relative path.
    func absolute(_ path: String) -> String { project.producer.baseURL + "/" + path }

    /// The path part of the base URL, always ending in `/` (`/` or `/shop/`): for the 404 page,
    /// which hosts serve at any address and so cannot use relative links.
    var sitePath: String {
        let rest = project.producer.baseURL.drop { $0 != "/" }.dropFirst(2)
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...]) + "/"
    }
}
