import PassportModel
import Credentials

/// What the page shows of a batch's signed passport, read through the typed model (never from
/// the records): the link to its traceability events and where its status is published, for the
/// in-page check of the status lists.
enum CredentialFacts {
    static func context(_ passport: ProductPassport, site: SiteModel, root: String) -> [String: Any] {
        var c: [String: Any] = [:]
        let documents = passport.credentialSubject.product.relatedDocument ?? []
        if let events = documents.first(where: { $0.linkType == UNTPVocabulary.LinkType.dte.iri }),
           let path = sitePath(events.linkURL, site: site) {
            c["events_href"] = root + PageFrame.urlPath(path)
        }
        var status: [String: Any] = [:]
        for entry in passport.statusEntries {
            // Only lists on this site: the page fetches from its own origin, nowhere else.
            guard let purpose = StatusPurpose(rawValue: entry.statusPurpose),
                  let path = sitePath(entry.statusListCredential, site: site) else { continue }
            status[purpose.rawValue + "_href"] = root + PageFrame.urlPath(path)
            status[purpose.rawValue + "_index"] = String(entry.statusListIndex)
        }
        if !status.isEmpty { c["status"] = status }
        return c
    }

    /// The site-relative path of an absolute URL on this site, or nil for another site.
    static func sitePath(_ url: String, site: SiteModel) -> String? {
        let base = site.project.producer.baseURL + "/"
        return url.hasPrefix(base) ? String(url.dropFirst(base.count)) : nil
    }
}
