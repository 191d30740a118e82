import Credentials
import PassportModel
import DigitalLink

/// The parts every page shares: `<head>`, header with the language switch, footer.
enum PageFrame {
    /// Nothing from other hosts, no inline script or style; JSON-LD data blocks are not executed.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        + "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'"

    /// - Parameters:
    ///   - root: relative path from the page to the site root (`../../`), or the absolute site path for 404.
    ///   - switchable: whether the page exists in every language next to itself (`index.<lang>.html`).
    static func context(_ site: SiteModel, _ l: Localizer, root: String, title: String, description: String?,
                        switchable: Bool, script: Bool, alternates: [[String: Any]] = []) -> [String: Any] {
        var context: [String: Any] = [
            "lang": l.language, "csp": contentSecurityPolicy, "title": title,
            "t": site.boxedStrings[l.language] ?? TemplateValue.texts(l.strings),
            "assets": root + SiteLayout.assetsDirectory, "script": script, "alternates": alternates,
            "home_href": root + SiteLayout.pageFile(language: l.language, defaultLanguage: site.defaultLanguage),
            "producer_name": site.project.producer.name,
        ]
        if let logo = site.logo {
            var image: [String: Any] = ["src": root + logo.path]
            put(&image, "width", logo.width.map(String.init))
            put(&image, "height", logo.height.map(String.init))
            context["logo"] = image
        }
        if let description, !description.isEmpty { context["description"] = description }
        if switchable && site.localizers.count > 1 {
            context["has_languages"] = true
            context["languages"] = site.localizers.map { other -> [String: Any] in
                ["code": other.language, "name": site.languageNames[other.language] ?? other.language,
                 "href": SiteLayout.pageFile(language: other.language, defaultLanguage: site.defaultLanguage),
                 "current": other.language == l.language]
            }
        }
        return context
    }

    /// Alternate links to the same page in the other languages.
    static func languageAlternates(_ site: SiteModel, except language: String) -> [[String: Any]] {
        site.localizers.filter { $0.language != language }.map {
            ["rel": "alternate", "type": "text/html", "hreflang": $0.language,
             "href": SiteLayout.pageFile(language: $0.language, defaultLanguage: site.defaultLanguage)]
        }
    }

    /// A dictionary entry only when the text is not empty (Mustache renders sections for "").
    static func put(_ dictionary: inout [String: Any], _ key: String, _ value: String?) {
        if let value, !value.isEmpty { dictionary[key] = value }
    }

    /// Image context for the hero picture, or the designed stand-in (`art`) when the product has none.
    static func picture(_ site: SiteModel, _ product: Product, _ l: Localizer, root: String) -> [String: Any] {
        let name = l.text(product.name)
        if let image = image(site, product, root: root, alt: name) { return ["image": image] }
        let initial = name.first.map { String($0).uppercased() } ?? "·"
        var art: [String: Any] = ["initial": initial]
        put(&art, "label", l.text(product.category.name))
        return ["art": art]
    }

    /// Image context for the hero picture.
    static func image(_ site: SiteModel, _ product: Product, root: String, alt: String) -> [String: Any]? {
        guard let image = site.images[product.id]?.first else { return nil }
        var context: [String: Any] = ["src": root + image.path, "alt": alt]
        if let width = image.width, let height = image.height {
            context["width"] = String(width)
            context["height"] = String(height)
        }
        return context
    }

    /// Material rows shared by the batch and product pages.
    static func materials(_ product: Product, _ l: Localizer) -> [[String: Any]] {
        product.materials.map { material in
            var row: [String: Any] = ["name": l.text(material.name), "country": l.country(material.originCountry),
                                      "share": l.percent(material.sharePercent), "hazardous": material.hazardous]
            put(&row, "place", material.originPlace)
            if let recycled = material.recycledPercent, recycled > 0 {
                row["recycled"] = l.format("recycled", ["n": l.percent(recycled)])
            }
            return row
        }
    }

    /// Certificate rows (status at build time, ISO dates for the view-time check).
    static func certificates(_ site: SiteModel, _ product: Product, _ l: Localizer, root: String) -> [[String: Any]] {
        product.certifications.compactMap { site.project.certificate($0) }.map { certificate in
            let status = site.status[certificate.id] ?? .valid
            var row: [String: Any] = [
                "anchor": certificate.id, "scheme": certificate.scheme, "badge": certificate.badge,
                "certifier": certificate.certifierName, "number": certificate.number,
                "scope": l.text(certificate.scope), "valid_from": l.date(certificate.validFrom),
                "valid_until": l.date(certificate.validUntil), "from_iso": certificate.validFrom.description,
                "until_iso": certificate.validUntil.description, "status_class": status.cssClass,
                "status_text": status.text(l), "not_yet": { if case .notYetValid = status { return true }; return false }(),
            ]
            let proof = site.input.certificateProofs[certificate.id]
            row["signed"] = (proof?.signedByCertifier ?? false) && proof?.credential?.credentialSubject.isThirdParty != false
            var hasLinks = false
            if let proof {
                row["dcc_jwt"] = root + urlPath(proof.jwtPath)
                row["dcc_json"] = root + urlPath(proof.jsonPath)
                hasLinks = true
            }
            switch certificate.evidence {
            case .url(let url)?:
                if let href = Markup.externalHref(url) { row["evidence_href"] = href } else { row["evidence_text"] = url }
                hasLinks = true
            case .file?:
                if let copy = site.evidence[certificate.id] { row["evidence_href"] = root + copy.path; hasLinks = true }
            case nil:
                break
            }
            row["has_links"] = hasLinks
            return row
        }
    }

    /// The hero's certification badges: the certificate rows that hold on the build day (expired
    /// and not-yet-valid ones are listed only under "What is certified"). Since 27 September 2026
    /// the EU allows sustainability labels only when based on a certification scheme: a
    /// certificate is a badge only when a certifier signed its conformity credential; one the
    /// producer declares itself is named in words as self-declared (`self_declared_claims`), never
    /// drawn as a badge.
    static func badges(_ certificates: [[String: Any]]) -> [String: Any] {
        var badges: [[String: Any]] = [], declared: [String] = []
        for row in certificates where (row["status_class"] as? String) != "bad" && (row["not_yet"] as? Bool) != true {
            if row["signed"] as? Bool == true {
                badges.append(row)
            } else if let scheme = row["scheme"] as? String {
                declared.append(scheme)
            }
        }
        return ["badges": badges, "has_badges": !badges.isEmpty, "self_declared_claims": declared]
    }

    /// A site-relative path given by the caller, made safe as a URL path (see `SiteLayout.urlSafePath`).
    static func urlPath(_ path: String) -> String { SiteLayout.urlSafePath(path) }
}
