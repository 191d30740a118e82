import PassportModel
import DigitalLink

/// The batch page: what the consumer lands on after scanning a label.
enum BatchPage {
    static func render(_ site: SiteModel, _ product: Product, _ batch: Batch, _ l: Localizer) -> String {
        site.templates.render("batch", context(site, product, batch, l))
    }

    static func context(_ site: SiteModel, _ product: Product, _ batch: Batch, _ l: Localizer) -> [String: Any] {
        let producer = site.project.producer
        let urlPath = IdentifierPath.batch(gtin: product.gtin, lot: batch.lot)
        let root = SiteLayout.rootPrefix(forURLPath: urlPath)
        let name = l.text(product.name)
        let title = l.format("title_batch", ["product": name, "lot": batch.lot])
        let proof = site.input.batchProofs[batch.id]
        var alternates = PageFrame.languageAlternates(site, except: l.language)
        if let proof {
            alternates.append(["rel": "alternate", "type": "application/vc+jwt", "href": root + PageFrame.urlPath(proof.jwtPath)])
            alternates.append(["rel": "alternate", "type": "application/json", "href": root + PageFrame.urlPath(proof.jsonPath)])
        }
        alternates.append(["rel": "linkset", "type": "application/linkset+json", "href": "linkset.json"])
        var c = PageFrame.context(site, l, root: root, title: title, description: l.text(product.description),
                                  switchable: true, script: true, alternates: alternates)
        let shared = root == SiteModel.batchRoot ? site.productParts[product.id + "|" + l.language]?.mapValues { $0 as Any } : nil
        c.merge(shared ?? productParts(site, product, l, root: root)) { _, part in part }
        c["batch"] = batchContext(batch, l)
        c["verdict"] = VerdictView.context(site, product, batch, urlPath: urlPath, l)
        let network = site.input.network[batch.id] ?? BatchNetworkView()
        let journey = JourneyView(batch: batch, producer: producer, upstream: network.upstreamSteps,
                                  map: site.maps.svg(batch, upstream: network.upstreamSteps, language: l.language), l: l)
        c["journey"] = journey.context
        PageFrame.put(&c, "origin", journey.origin)
        if let value = ValueShareView.context(batch, producer: producer, confirmedBy: network.confirmedBy, l) { c["value"] = value }
        let inputs = network.inputsContext(l)
        c["inputs"] = inputs
        c["has_inputs"] = !inputs.isEmpty
        let actorIDs = Set(batch.journey.map(\.actor) + batch.valueShares.map(\.actor))
        let actors = producer.actors.filter { actorIDs.contains($0.id) }.map { actorContext($0, l) }
        c["actors"] = actors
        c["has_actors"] = !actors.isEmpty
        var proofPart = proofContext(site, proof, root: root)
        proofPart["signed_by"] = l.format("verdict_signed_title", ["producer": producer.name])
        proofPart["inputs"] = inputs
        c["proof"] = proofPart
        let pageURL = site.absolute(urlPath + SiteLayout.pageFile(language: l.language, defaultLanguage: site.defaultLanguage))
        c["jsonld"] = Markup.scriptSafeJSON(StructuredData.product(product, batch: batch, site: site, l: l, pageURL: pageURL))
        return c
    }

    /// The parts of a batch page that depend only on the product and language.
    static func productParts(_ site: SiteModel, _ product: Product, _ l: Localizer, root: String) -> [String: Any] {
        var c: [String: Any] = ["product": productContext(product, l, root: root),
                                "producer": producerContext(site.project.producer, l),
                                "picture": PageFrame.picture(site, product, l, root: root),
                                "warn_days": String(CertificateStatus.warningDays)]
        let certificates = PageFrame.certificates(site, product, l, root: root)
        c["certificates"] = certificates
        c["has_certificates"] = !certificates.isEmpty
        c.merge(PageFrame.badges(certificates)) { _, badge in badge }
        if !certificates.isEmpty {
            let valid = product.certifications.filter {
                if case .expired? = site.status[$0] { return false }
                if case .notYetValid? = site.status[$0] { return false }
                return true
            }.count
            c["certificates_intro"] = l.format("certificates_intro", ["valid": String(valid),
                                                                      "total": String(certificates.count),
                                                                      "date": l.date(site.input.today)])
        }
        let materials = PageFrame.materials(product, l)
        c["materials"] = materials
        c["has_materials"] = !materials.isEmpty
        return c
    }

    static func productContext(_ product: Product, _ l: Localizer, root: String) -> [String: Any] {
        var c: [String: Any] = ["name": l.text(product.name), "gtin": product.gtin, "quantity": l.quantity(product.netQuantity),
                                "href": root + IdentifierPath.product(gtin: product.gtin)
                                    + SiteLayout.pageFile(language: l.language, defaultLanguage: l.fallbacks[0])]
        PageFrame.put(&c, "description", l.text(product.description))
        // The hero's one line: the story, else the description; the description then shows in full
        // under "Product details" only when it is not already the hero's line.
        let story = product.story.map(l.text)
        PageFrame.put(&c, "story", story ?? l.text(product.description))
        PageFrame.put(&c, "about", story == nil ? nil : l.text(product.description))
        PageFrame.put(&c, "category", l.text(product.category.name))
        return c
    }

    private static func batchContext(_ batch: Batch, _ l: Localizer) -> [String: Any] {
        var c: [String: Any] = ["lot": batch.lot, "production_date": l.date(batch.productionDate),
                                "produced": l.format("produced", ["date": l.date(batch.productionDate)]),
                                "quantity": l.format("units", ["n": String(batch.quantity)])]
        PageFrame.put(&c, "best_before", batch.bestBefore.map(l.date))
        PageFrame.put(&c, "expiry", batch.expiry.map(l.date))
        return c
    }

    static func producerContext(_ producer: Producer, _ l: Localizer) -> [String: Any] {
        var c: [String: Any] = ["name": producer.name, "address": producer.address, "country": l.country(producer.country)]
        PageFrame.put(&c, "description", producer.description.map(l.text))
        PageFrame.put(&c, "email", producer.email)
        PageFrame.put(&c, "email_href", producer.email.flatMap(Markup.mailHref))
        PageFrame.put(&c, "phone", producer.phone)
        PageFrame.put(&c, "phone_href", producer.phone.flatMap(Markup.phoneHref))
        return c
    }

    private static func actorContext(_ actor: Actor, _ l: Localizer) -> [String: Any] {
        var c: [String: Any] = ["name": actor.name]
        PageFrame.put(&c, "role", actor.role)
        let place = [actor.place, actor.country.map(l.country)].compactMap { $0 }.joined(separator: ", ")
        PageFrame.put(&c, "place", place)
        if let website = actor.website {
            var link: [String: Any] = ["text": website]
            PageFrame.put(&link, "href", Markup.externalHref(website))
            c["website"] = link
        }
        return c
    }

    private static func proofContext(_ site: SiteModel, _ proof: BatchProof?, root: String) -> [String: Any] {
        var c: [String: Any] = [
            "issuer_did": site.input.issuerDID,
            "keys": site.input.keys.map { key -> [String: Any] in
                ["did_url": key.didURL, "raw": key.rawBase64URL, "fingerprint": key.fingerprint, "multibase": key.multibase]
            },
            "did_href": root + SiteLayout.didDocumentPath(baseURL: site.project.producer.baseURL),
            "linkset_href": "linkset.json",
            "jwt_href": "dpp.jwt", "json_href": "dpp.json",
        ]
        if let proof {
            c["jwt_href"] = root + PageFrame.urlPath(proof.jwtPath)
            c["json_href"] = root + PageFrame.urlPath(proof.jsonPath)
            PageFrame.put(&c, "jwt_sha256", proof.jwtSHA256)
            if let passport = proof.passport { c.merge(CredentialFacts.context(passport, site: site, root: root)) { _, fact in fact } }
        }
        return c
    }
}
