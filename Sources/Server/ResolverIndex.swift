internal import Credentials
internal import DigitalLink
internal import Foundation
internal import NIOCore
internal import Verify

/// What the resolver knows about the identifiers of a built site, read from the site itself: the
/// linksets `passport build` writes for every product and batch (`linkset.json`), and the issued
/// serial ranges from the site's signed bundle (`.well-known/passport-bundle.json`).
struct ResolverIndex: Sendable {
    /// One batch: its linkset context and its issued serials (`nil`: the lot has none).
    struct Batch: Sendable {
        let context: JSONValue
        let serials: VerificationBundle.SerialSpan?
    }

    /// Where the site is published, `https://oliveto.example` (no trailing slash).
    let baseURL: String
    /// Linkset context objects of products, by GTIN-14.
    let products: [String: JSONValue]
    /// Batches by `gtin/lot`.
    let batches: [String: Batch]
    /// The site's languages, its default language first.
    let languages: [String]

    static func key(gtin: String, lot: String) -> String { gtin + "/" + lot }

    /// Reads the linksets and bundle of a loaded site.
    /// - Throws: `ServeError.siteBundle` or `.unreadable` when they do not hold together.
    static func load(_ site: SiteFiles) throws(ServeError) -> ResolverIndex {
        let bundlePath = ".well-known/passport-bundle.json"
        guard let bundleFile = site.files[bundlePath] else {
            throw .unreadable(path: site.root.appendingPathComponent(bundlePath).path,
                              reason: "the site has no bundle, so the issued serials are unknown")
        }
        let bundle: LoadedBundle
        do {
            bundle = try LoadedBundle.own(Data(bundleFile.body.readableBytesView), path: bundlePath)
        } catch {
            throw .siteBundle(path: site.root.appendingPathComponent(bundlePath).path, reason: error.description)
        }
        let baseURL: String
        do { baseURL = try DIDWeb(did: bundle.producer.did).baseURL } catch {
            throw .siteBundle(path: bundlePath, reason: error.description)
        }

        var products: [String: JSONValue] = [:]
        var batches: [String: Batch] = [:]
        var languages: [String] = []
        for (path, file) in site.files where path.hasPrefix("01/") && path.hasSuffix("/linkset.json") {
            guard let json = try? JSONValue(parsing: Data(file.body.readableBytesView)),
                  let context = json["linkset"]?.arrayValue?.first, let anchor = context["anchor"]?.stringValue,
                  let link = try? DigitalLinkURI(parsing: anchor), let gtin = link.gtin?.digits else {
                throw .unreadable(path: site.root.appendingPathComponent(path).path,
                                  reason: "it is not a linkset of a product or batch")
            }
            if let lot = link.value(of: "10") {
                batches[key(gtin: gtin, lot: lot)] = Batch(context: context,
                                                           serials: bundle.entry(gtin: gtin, lot: lot)?.serials)
            } else {
                products[gtin] = context
                if languages.isEmpty { languages = Self.languages(of: context) }
            }
        }
        return ResolverIndex(baseURL: baseURL, products: products, batches: batches, languages: languages)
    }

    /// The languages of a context's pages: the page named `index.html` (the default) first.
    private static func languages(of context: JSONValue) -> [String] {
        var result: [String] = []
        for link in context[LinkTypes.pip]?.arrayValue ?? [] {
            guard let language = link["hreflang"]?[0]?.stringValue else { continue }
            if link["href"]?.stringValue?.hasSuffix("/index.html") == true {
                result.insert(language, at: 0)
            } else {
                result.append(language)
            }
        }
        return result
    }
}
