import Foundation
import PassportModel
import DigitalLink

/// The passport card a web shop embeds on its product page with one tag:
/// `<script src="https://<site>/01/<gtin>/card.js" async></script>`.
///
/// `card.js` is the shipped `card-embed.js` wrapped around the product's data, so it works from any
/// static host with no CORS header and under a strict Content-Security-Policy (no fetch, no inline
/// style). `card.json` holds the same data for shops that render their own card; it needs
/// `Access-Control-Allow-Origin` to be read from another site's page (docs/site.md).
enum CardView {
    /// The renderer's file in the site templates; not copied to `assets/`.
    static let rendererFile = "card-embed.js"

    /// The product's card data: texts per language, its latest batch's passport and the keys to check it.
    /// Paths are relative to the card's folder (`01/<gtin>/`); `*_url` fields are absolute.
    static func data(_ site: SiteModel, _ product: Product) -> [String: Any] {
        let folder = IdentifierPath.product(gtin: product.gtin)
        let root = SiteLayout.rootPrefix(forURLPath: folder)
        let batch = latestBatch(site, product)
        var data: [String: Any] = [
            "version": 1, "gtin": product.gtin, "producer": site.project.producer.name,
            "colour": site.brand.fillColour, "languages": site.localizers.map(\.language),
        ]
        if let image = site.images[product.id]?.first {
            data["image"] = root + image.path
            data["image_url"] = site.absolute(image.path)
        }
        var passport: [String: Any] = [:], passportURL: [String: Any] = [:], text: [String: Any] = [:]
        for l in site.localizers {
            let page = SiteLayout.pageFile(language: l.language, defaultLanguage: site.defaultLanguage)
            let target = batch.map { IdentifierPath.batch(gtin: product.gtin, lot: $0.lot) } ?? folder
            passport[l.language] = root + target + page
            passportURL[l.language] = site.absolute(target + page)
            let producer = ["producer": site.project.producer.name]
            var words: [String: Any] = [
                "name": l.text(product.name), "label": l["footer_passport"], "open": l["card_open"],
                "signed": l.format("verdict_signed_title", producer), "checked": l.format("verdict_ok_detail", producer),
                "bad": l["card_bad"],
                "certifications": product.certifications.compactMap { id -> String? in
                    guard let certificate = site.project.certificate(id) else { return nil }
                    switch site.status[id] {
                    case .expired?, .notYetValid?: return nil
                    default: return certificate.badge
                    }
                },
            ]
            if let batch, let origin = JourneyView.origin(batch.journey, producer: site.project.producer, l: l) {
                words["origin"] = origin
                words["lot"] = l.format("title_batch", ["product": l.text(product.name), "lot": batch.lot])
            }
            text[l.language] = words
        }
        data["passport"] = passport
        data["passport_url"] = passportURL
        data["text"] = text
        if let batch, let proof = site.input.batchProofs[batch.id], !proof.jws.isEmpty {
            data["proof"] = ["jws": proof.jws, "keys": site.input.keys.map(\.rawBase64URL)]
        }
        return data
    }

    /// The newest batch that is not recalled, if any.
    static func latestBatch(_ site: SiteModel, _ product: Product) -> Batch? {
        site.project.batches(of: product.id).filter { $0.recall == nil }
            .max { ($0.productionDate, $0.lot) < ($1.productionDate, $1.lot) }
    }

    /// `card.js`: the renderer around the data, in one script that defines no global.
    static func script(_ site: SiteModel, data: [String: Any]) -> String {
        let renderer = String(decoding: site.templates.assets[rendererFile] ?? Data(), as: UTF8.self)
        return "(function (card) {\n" + renderer + "})(" + Markup.scriptSafeJSON(data) + ");\n"
    }
}
