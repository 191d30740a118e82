import Foundation
import PassportModel
import DigitalLink

/// The one verdict of a batch page: recalled, or signed and (once the page's script has checked
/// the passport and any unit code) genuine, changed, or a copy. The page is written with what the
/// build knows; `passport.js` picks the words from `texts` for what it finds, and the stylesheet
/// colours the whole page by `data-verdict` so no check below can contradict the verdict.
enum VerdictView {
    /// Texts the script chooses from, by state; `{serial}` is filled in by the script.
    static let scriptTexts = [
        "checking", "ok_title", "ok_detail", "unit_ok_title", "unit_ok_detail", "unit_bad_title", "unit_bad_detail",
        "unit_outside_title", "unit_outside_detail", "unit_unsigned_title", "unit_unsigned_detail",
        "sig_bad_title", "sig_bad_detail", "unsupported_detail", "unavailable_detail", "unit_label",
        "proof_checked", "proof_bad", "proof_unsupported", "proof_unavailable",
        "revoked_title", "revoked_detail", "suspended_title", "suspended_detail",
    ]

    /// The script's texts in one language (the same on every page: `SiteModel` keeps them).
    static func texts(_ site: SiteModel, _ l: Localizer) -> [[String: Any]] {
        let producer = ["producer": site.project.producer.name]
        return scriptTexts.map { key -> [String: Any] in
            ["key": String(key.map { $0 == "_" ? "-" : $0 }), "text": l.format("verdict_" + key, producer)]
        }
    }

    static func context(_ site: SiteModel, _ product: Product, _ batch: Batch, urlPath: String,
                        _ l: Localizer) -> [String: Any] {
        let producer = ["producer": site.project.producer.name]
        var c: [String: Any] = ["texts": site.verdictTexts[l.language] ?? TemplateValue(texts(site, l))]
        if let recall = batch.recall {
            c["state"] = "bad"
            c["recalled"] = true
            c["title"] = l["recall_title"]
            c["recall"] = ["date_text": l.date(recall.date), "reason": l.text(recall.reason)]
        } else {
            c["state"] = "pending"
            c["title"] = l.format("verdict_signed_title", producer)
            c["detail"] = l["verdict_no_script"]
        }
        if let serials = batch.serials {
            c["unit"] = ["base": "/" + urlPath + "21/", "prefix": serials.prefix, "first": String(serials.first),
                         "count": String(serials.count), "digits": String(serials.digits)]
        }
        return c
    }
}
