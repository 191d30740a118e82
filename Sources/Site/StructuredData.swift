import Credentials
import Foundation
import PassportModel
import DigitalLink

/// schema.org JSON-LD for pages and RFC 9264 linksets for identifiers.
///
/// Linksets name UNTP credentials as UNTP 0.7.0's identity resolver does: each link carries its
/// UNTP link type in `rel` (`untp:dpp`, `untp:dcc`, `untp:dte`, namespace
/// `https://vocabulary.uncefact.org/untp/linkType#`). They sit under the IANA relation
/// `describedby`, because the 0.7.0 linkset schema allows only lower-case IANA names or URLs
/// without `#` as relation keys, so neither `untp:dpp` nor the full link type IRI can be a key.
/// GS1 link types stay beside them for GS1 resolvers (`gs1:pip`, `gs1:defaultLink`, `gs1:certificationInfo`).
enum StructuredData {
    static let linkTypeUNTP = "describedby"
    static let linkTypePIP = "https://gs1.org/voc/pip"
    static let linkTypeDefault = "https://gs1.org/voc/defaultLink"
    static let linkTypeCertification = "https://gs1.org/voc/certificationInfo"

    /// A schema.org `Product` describing one batch (or the product when `batch` is nil).
    static func product(_ product: Product, batch: Batch?, site: SiteModel, l: Localizer,
                        pageURL: String) -> [String: Any] {
        let producer = site.project.producer
        var object: [String: Any] = [
            "@context": "https://schema.org", "@type": "Product", "@id": pageURL, "url": pageURL,
            "name": l.text(product.name), "gtin14": product.gtin, "inLanguage": l.language,
            "manufacturer": ["@type": "Organization", "name": producer.name, "url": producer.baseURL + "/",
                             "address": producer.address + ", " + producer.country],
        ]
        let description = l.text(product.description)
        if !description.isEmpty { object["description"] = description }
        object["category"] = l.text(product.category.name)
        let images = site.images[product.id] ?? []
        if !images.isEmpty { object["image"] = images.map { site.absolute($0.path) } }
        if let origin = product.materials.first?.originCountry {
            object["countryOfOrigin"] = ["@type": "Country", "name": origin]
        }
        if !product.materials.isEmpty { object["material"] = product.materials.map { l.text($0.name) } }
        // Only certifications a certifier signed: a self-declared claim is not a Certification.
        let certificates = product.certifications.compactMap { site.project.certificate($0) }
            .filter { site.input.certificateProofs[$0.id]?.signedByCertifier == true }
        if !certificates.isEmpty {
            object["hasCertification"] = certificates.map { certificate -> [String: Any] in
                ["@type": "Certification", "name": certificate.scheme,
                 "certificationIdentification": certificate.number,
                 "issuedBy": ["@type": "Organization", "name": certificate.certifierName],
                 "validFrom": certificate.validFrom.description, "expires": certificate.validUntil.description]
            }
        }
        if let batch {
            var properties: [[String: Any]] = [["@type": "PropertyValue", "propertyID": "lot", "value": batch.lot]]
            properties.append(["@type": "PropertyValue", "propertyID": "productionDate",
                               "value": batch.productionDate.description])
            object["additionalProperty"] = properties
            object["productionDate"] = batch.productionDate.description
            if let proof = site.input.batchProofs[batch.id] {
                object["subjectOf"] = ["@type": "DigitalDocument", "encodingFormat": "application/vc+jwt",
                                       "url": site.absolute(proof.jwtPath)]
            }
        }
        return object
    }

    /// The linkset of a batch identifier: pages per language, the passport, certificates.
    static func batchLinkset(_ product: Product, _ batch: Batch, site: SiteModel) -> [String: Any] {
        let urlPath = IdentifierPath.batch(gtin: product.gtin, lot: batch.lot)
        var entry = pageLinks(urlPath: urlPath, title: site.localizers[0].text(product.name) + " · " + batch.lot, site: site)
        var untp: [[String: Any]] = []
        if let proof = site.input.batchProofs[batch.id] {
            untp.append(credentialLink(.dpp, href: site.absolute(proof.jwtPath), title: "Digital Product Passport"))
            untp.append(["href": site.absolute(proof.jsonPath), "type": "application/json", "rel": [UNTPVocabulary.LinkType.dpp.curie],
                         "title": "Digital Product Passport (decoded)"])
            if let events = proof.passport?.credentialSubject.product.relatedDocument?
                .first(where: { $0.linkType == UNTPVocabulary.LinkType.dte.iri }) {
                untp.append(credentialLink(.dte, href: events.linkURL, title: "Digital Traceability Events"))
            }
        }
        if !untp.isEmpty { entry[linkTypeUNTP] = untp }
        addCertificates(product, to: &entry, site: site)
        entry["anchor"] = site.absolute(String(urlPath.dropLast()))
        return ["linkset": [entry]]
    }

    /// The linkset of a product identifier: its pages and certificates.
    static func productLinkset(_ product: Product, site: SiteModel) -> [String: Any] {
        let urlPath = IdentifierPath.product(gtin: product.gtin)
        var entry = pageLinks(urlPath: urlPath, title: site.localizers[0].text(product.name), site: site)
        addCertificates(product, to: &entry, site: site)
        entry["anchor"] = site.absolute(String(urlPath.dropLast()))
        return ["linkset": [entry]]
    }

    private static func pageLinks(urlPath: String, title: String, site: SiteModel) -> [String: Any] {
        let pages: [[String: Any]] = site.localizers.map { l in
            ["href": site.absolute(urlPath + SiteLayout.pageFile(language: l.language,
                                                                   defaultLanguage: site.defaultLanguage)),
             "type": "text/html", "hreflang": [l.language], "title": title]
        }
        return [linkTypePIP: pages, linkTypeDefault: [["href": site.absolute(urlPath), "type": "text/html", "title": title]]]
    }

    /// A link to a signed UNTP credential.
    private static func credentialLink(_ type: UNTPVocabulary.LinkType, href: String, title: String) -> [String: Any] {
        ["href": href, "type": UNTPVocabulary.credentialMediaType, "rel": [type.curie], "title": title]
    }

    private static func addCertificates(_ product: Product, to entry: inout [String: Any], site: SiteModel) {
        var dcc: [[String: Any]] = []
        var info: [[String: Any]] = []
        for certificate in product.certifications.compactMap({ site.project.certificate($0) }) {
            if let proof = site.input.certificateProofs[certificate.id] {
                dcc.append(credentialLink(.dcc, href: site.absolute(proof.jwtPath), title: certificate.scheme))
            }
            if case .url(let url)? = certificate.evidence, let href = Markup.externalHref(url) {
                info.append(["href": href, "title": certificate.scheme])
            } else if let copy = site.evidence[certificate.id] {
                // The evidence file published with the site is the certificate's information too.
                info.append(["href": site.absolute(SiteLayout.urlSafePath(copy.path)), "title": certificate.scheme])
            }
        }
        if !dcc.isEmpty { entry[linkTypeUNTP] = (entry[linkTypeUNTP] as? [[String: Any]] ?? []) + dcc }
        if !info.isEmpty { entry[linkTypeCertification] = info }
    }
}
