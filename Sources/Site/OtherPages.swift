import PassportModel
import DigitalLink

/// The product page (its batches), the producer's home page, the 404 page and unit landing pages.
enum OtherPages {
    static func product(_ site: SiteModel, _ product: Product, _ l: Localizer) -> String {
        let urlPath = IdentifierPath.product(gtin: product.gtin)
        let root = SiteLayout.rootPrefix(forURLPath: urlPath)
        let name = l.text(product.name)
        var alternates = PageFrame.languageAlternates(site, except: l.language)
        alternates.append(["rel": "linkset", "type": "application/linkset+json", "href": "linkset.json"])
        var c = PageFrame.context(site, l, root: root, title: name, description: l.text(product.description),
                                  switchable: true, script: true, alternates: alternates)
        c["product"] = BatchPage.productContext(product, l, root: root)
        c["picture"] = PageFrame.picture(site, product, l, root: root)
        c["warn_days"] = String(CertificateStatus.warningDays)
        let certificates = PageFrame.certificates(site, product, l, root: root)
        c["certificates"] = certificates
        c["has_certificates"] = !certificates.isEmpty
        c.merge(PageFrame.badges(certificates)) { _, badge in badge }
        let page = SiteLayout.pageFile(language: l.language, defaultLanguage: site.defaultLanguage)
        let batches = site.project.batches(of: product.id)
            .sorted { ($0.productionDate, $0.lot) > ($1.productionDate, $1.lot) }
            .map { batch -> [String: Any] in
                ["lot": batch.lot, "produced": l.format("produced", ["date": l.date(batch.productionDate)]),
                 "recalled": batch.recall != nil, "href": "10/" + PercentEncoding.encode(batch.lot) + "/" + page]
            }
        c["batches"] = batches
        c["embed_tag"] = "<script src=\"" + site.absolute(urlPath + "card.js") + "\" async></script>"
        c["has_batches"] = !batches.isEmpty
        let materials = PageFrame.materials(product, l)
        c["materials"] = materials
        c["has_materials"] = !materials.isEmpty
        let pageURL = site.absolute(urlPath + page)
        c["jsonld"] = Markup.scriptSafeJSON(StructuredData.product(product, batch: nil, site: site, l: l, pageURL: pageURL))
        return site.templates.render("product", c)
    }

    static func home(_ site: SiteModel, _ l: Localizer) -> String {
        let producer = site.project.producer
        var c = PageFrame.context(site, l, root: "", title: producer.name,
                                  description: producer.description.map(l.text), switchable: true, script: false,
                                  alternates: PageFrame.languageAlternates(site, except: l.language))
        c["producer"] = BatchPage.producerContext(producer, l)
        let page = SiteLayout.pageFile(language: l.language, defaultLanguage: site.defaultLanguage)
        let products = site.project.products.map { product -> [String: Any] in
            let count = site.project.batches(of: product.id).count
            var card: [String: Any] = ["name": l.text(product.name), "quantity": l.quantity(product.netQuantity),
                    "batch_count": count == 1 ? l["batch_count_one"] : l.format("batch_count", ["n": String(count)]),
                    "href": IdentifierPath.product(gtin: product.gtin) + page,
                    "picture": PageFrame.picture(site, product, l, root: "")]
            PageFrame.put(&card, "story", product.story.map(l.text) ?? l.text(product.description))
            return card
        }
        c["products"] = products
        c["has_products"] = !products.isEmpty
        c["issuer_did"] = site.input.issuerDID
        c["did_href"] = SiteLayout.didDocumentPath(baseURL: producer.baseURL)
        return site.templates.render("home", c)
    }

    /// Served by hosts at any missing address, so its links are absolute from the site path. One
    /// file for every language: each says it in its own words, and `unit.js` shows the reader's.
    static func notFound(_ site: SiteModel) -> String {
        let l = site.localizers[0]
        var c = PageFrame.context(site, l, root: site.sitePath, title: l["not_found_title"], description: nil,
                                  switchable: false, script: false)
        c["site_path"] = site.sitePath
        c["messages"] = site.localizers.map { other -> [String: Any] in
            ["lang": other.language, "title": other["not_found_title"], "text": other["not_found_text"],
             "home": other["not_found_home"], "first": other.language == l.language,
             "href": site.sitePath + SiteLayout.pageFile(language: other.language, defaultLanguage: site.defaultLanguage)]
        }
        return site.templates.render("not-found", c)
    }

    /// A tiny page at `…/21/<serial>/` that forwards to the batch page with the serial (and any `s`).
    static func unit(_ site: SiteModel, _ product: Product, _ batch: Batch, serial: String, _ l: Localizer) -> String {
        let urlPath = IdentifierPath.unit(gtin: product.gtin, lot: batch.lot, serial: serial)
        let root = SiteLayout.rootPrefix(forURLPath: urlPath)
        let c: [String: Any] = [
            "lang": l.language, "csp": PageFrame.contentSecurityPolicy,
            "t": site.boxedStrings[l.language] ?? TemplateValue.texts(l.strings),
            "title": l.format("title_batch", ["product": l.text(product.name), "lot": batch.lot]) + " · "
                + l.format("unit_serial", ["serial": serial]),
            "assets": root + SiteLayout.assetsDirectory, "serial": serial,
            "serial_query": PercentEncoding.encode(serial),
            "batch_href": "../../" + SiteLayout.pageFile(language: l.language, defaultLanguage: site.defaultLanguage),
            "batch_dir": "../../", "languages": site.localizers.map(\.language).joined(separator: " "),
        ]
        return site.templates.render("unit", c)
    }
}
