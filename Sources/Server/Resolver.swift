internal import Credentials
internal import DigitalLink

/// GS1 Digital Link resolution over a built site (GS1-Conformant Resolver 1.2 behaviour): a
/// request URI is read with the strict parser; the answer is a redirect to one link, the linkset,
/// or an error. HTTP details (headers, bodies) are `SiteResponder`'s.
struct Resolver: Sendable {
    let index: ResolverIndex

    /// What a Digital Link request gets.
    enum Answer: Equatable {
        /// `307` to this address (a path on this server for the site's own links).
        case redirect(String)
        /// `200` with this linkset.
        case linkset(JSONValue)
        /// `404` with a message, and the page of the level above when there is one.
        case notFound(String, up: String?)
        /// `400`: the URI is not a valid Digital Link.
        case invalid(String)
    }

    /// The request, as far as resolution cares.
    struct Request {
        /// The raw path, e.g. `/01/08012345000029/10/N2026S/21/000042/`.
        var path: Substring
        /// The raw query without `?`, if any.
        var query: Substring?
        var accept: String?
        var acceptLanguage: String?
    }

    /// The answer, and the path of the item's linkset for the `Link` header (when the item is known).
    func resolve(_ request: Request) -> (answer: Answer, linksetPath: String?) {
        var path = request.path
        if path.count > 1, path.hasSuffix("/") { path.removeLast() }
        // The host is irrelevant to resolution; a one-letter one keeps the parser's host check short.
        let uri = "http://h" + path + (request.query.map { "?" + $0 } ?? "")
        let link: DigitalLinkURI
        do { link = try DigitalLinkURI(parsing: uri, options: .strict) } catch {
            return (.invalid("This is not a valid GS1 Digital Link: \(error.description)"), nil)
        }
        guard link.primaryKey.ai == "01", let gtin = link.gtin?.digits else {
            let what = link.primaryKey.definition?.title ?? "AI (\(link.primaryKey.ai))"
            return (.notFound("This resolver has no links for \(what) \(link.primaryKey.value).", up: nil), nil)
        }
        let linksetPath = String(path) + "?linkType=linkset"
        guard let product = index.products[gtin] else {
            return (.notFound("No product with GTIN \(gtin) is published here.", up: nil), nil)
        }
        var contexts = [product]
        let lot = link.value(of: "10"), serial = link.value(of: "21")
        if let lot {
            guard let batch = index.batches[ResolverIndex.key(gtin: gtin, lot: lot)] else {
                return (.notFound("Lot \(lot) of GTIN \(gtin) is not published here.", up: page(in: product, request)),
                        nil)
            }
            contexts.insert(batch.context, at: 0)
            if let serial {
                guard let span = batch.serials, span.contains(serial) else {
                    let issued = batch.serials.map { "\($0.serial($0.first))–\($0.serial($0.last))" } ?? "none"
                    return (.notFound("Serial \(serial) was never issued in lot \(lot) of GTIN \(gtin) (issued: \(issued)). The label may be a copy or misprinted.",
                                      up: page(in: batch.context, request)), nil)
                }
                contexts.insert(unitContext(gtin: gtin, lot: lot, serial: serial, batch: batch.context), at: 0)
            }
        } else if let serial {
            return (.notFound("Serial \(serial) names no unit without its lot (10).", up: page(in: product, request)), nil)
        }

        let linkType = link.otherParameter(named: "linkType")?.value
        let wantsLinkset = request.accept?.contains("application/linkset+json") == true
        switch linkType.map(LinkTypes.request) {
        case nil where wantsLinkset, .linkset?:
            return (.linkset(["linkset": .array(contexts)]), linksetPath)
        case nil:
            guard let target = pick(LinkTypes.pip, in: contexts, request) ?? pick(LinkTypes.defaultLink, in: contexts, request) else {
                return (.notFound("No default link is published for this item.", up: nil), linksetPath)
            }
            return (.redirect(location(of: target, query: request.query)), linksetPath)
        case .type(let key)?:
            guard let target = pick(key, in: contexts, request) else {
                let available = Set(contexts.flatMap(LinkTypes.available)).sorted().joined(separator: ", ")
                return (.notFound("No \(LinkTypes.curie(key)) link is published for this item. Available: \(available).",
                                  up: nil), linksetPath)
            }
            return (.redirect(location(of: target, query: request.query)), linksetPath)
        case .unknown(let value)?:
            return (.notFound("The link type \(value) is not one this resolver knows; use gs1: or untp: link types, or linkType=linkset.",
                              up: nil), linksetPath)
        }
    }

    /// The unit level: the batch's pages and default link, opened on this serial (the page checks
    /// the unit's signature from `s=`, which passes through).
    func unitContext(gtin: String, lot: String, serial: String, batch: JSONValue) -> JSONValue {
        let path = IdentifierPath.canonicalUnit(gtin: gtin, lot: lot, serial: serial)
        let query = "?serial=" + PercentEncoding.encode(serial)
        var context: [String: JSONValue] = ["anchor": .string(index.baseURL + path)]
        for key in [LinkTypes.pip, LinkTypes.defaultLink] {
            guard let links = batch[key]?.arrayValue else { continue }
            context[key] = .array(links.map { link in
                guard var object = link.objectValue, let href = object["href"]?.stringValue else { return link }
                object["href"] = .string(href + query)
                if let title = object["title"]?.stringValue { object["title"] = .string(title + " · " + serial) }
                return .object(object)
            })
        }
        return .object(context)
    }

    /// The link of type `key` nearest the item (unit, then batch, then product), in the reader's
    /// language when links differ by language.
    func pick(_ key: String, in contexts: [JSONValue], _ request: Request) -> String? {
        for context in contexts {
            let links = LinkTypes.links(key, in: context)
            guard !links.isEmpty else { continue }
            let languages = links.compactMap { $0["hreflang"]?[0]?.stringValue }
            let wanted = AcceptLanguage.best(request.acceptLanguage, offered: languages)
                ?? index.languages.first { languages.contains($0) }
            let chosen = links.first { $0["hreflang"]?[0]?.stringValue == wanted } ?? links[0]
            if let href = chosen["href"]?.stringValue { return href }
        }
        return nil
    }

    /// The page (in the reader's language) of a level, as a path on this server: for 404 answers.
    func page(in context: JSONValue, _ request: Request) -> String? {
        pick(LinkTypes.pip, in: [context], request).map { local($0) }
    }

    /// Where a redirect to `href` goes, with the request's query passed on (all but `linkType`).
    func location(of href: String, query: Substring?) -> String {
        var target = local(href)
        let passed = (query ?? "").split(separator: "&").filter { item in
            let name = item.prefix { $0 != "=" }
            return !name.isEmpty && name != "linkType"
        }
        if !passed.isEmpty { target += (target.contains("?") ? "&" : "?") + passed.joined(separator: "&") }
        return target
    }

    /// The site's own addresses as paths on this server (so a preview on localhost stays local and
    /// a server behind a proxy keeps its host); other addresses as they are.
    func local(_ href: String) -> String {
        href.hasPrefix(index.baseURL + "/") ? String(href.dropFirst(index.baseURL.count)) : href
    }
}
