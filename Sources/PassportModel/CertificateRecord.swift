import Yams
/// Reads `certificates/<id>.yaml`.
enum CertificateRecord {
    static let fields = ["scheme", "badge", "certifier", "number", "scope", "valid_from", "valid_until",
                         "evidence", "topic"]
    static let certifierFields = ["name", "did"]
    static let evidenceFields = ["url", "file"]

    static func read(_ map: MapReader, id: String) -> Certificate? {
        let scheme = map.string("scheme", example: "Regenerative Organic Certified")
        let badge = map.string("badge", required: false, example: "ROC")
        var certifierName: String?, certifierDID: String?
        if let certifier = map.nested("certifier", required: true, allowed: certifierFields,
                                      example: "{name: Terra Certifications, did: did:web:terracert.example}") {
            certifierName = certifier.string("name", example: "Terra Certifications")
            certifierDID = certifier.string("did", example: "did:web:terracert.example")
            if let did = certifierDID, !(did.hasPrefix("did:") && did.split(separator: ":").count >= 3) {
                certifier.reader.report(certifier.value("did"), certifier.field("did"), "\(quoted(did)) is not a DID",
                                        fix: "write the certifier's decentralised identifier, e.g. `did:web:terracert.example`")
                certifierDID = nil
            }
        }
        let number = map.string("number", example: "ROC-2026-0042")
        let scope = map.localized("scope", example: "Olive growing and milling")
        let from = map.date("valid_from")
        let until = map.date("valid_until")
        if let from, let until, until <= from {
            map.reader.report(map.value("valid_until"), map.field("valid_until"),
                              "\(until) is not after valid_from \(from)",
                              fix: "the validity is inverted; swap the dates or correct them")
        }
        let evidence = readEvidence(map)
        let topic = map.string("topic", example: "environment.biodiversity")
        if let topic, !FieldRules.conformityTopics.contains(topic) {
            let hint = closestMatch(to: topic, in: FieldRules.conformityTopics).map { "did you mean `\($0)`?" }
                ?? "use one of: \(FieldRules.conformityTopics.joined(separator: ", "))"
            map.reader.report(map.value("topic"), map.field("topic"), "\(quoted(topic)) is not a UNTP conformity topic",
                              fix: hint)
        }
        guard let scheme, let certifierName, let certifierDID, let number, let scope, let from, let until,
              until > from, let topic, FieldRules.conformityTopics.contains(topic) else { return nil }
        return Certificate(id: id, scheme: scheme, badge: badge ?? scheme, certifierName: certifierName,
                           certifierDID: certifierDID, number: number, scope: scope, validFrom: from,
                           validUntil: until, evidence: evidence, topic: topic,
                           location: map.reader.location(map.node), fieldLocations: map.fieldLocations)
    }

    private static func readEvidence(_ map: MapReader) -> Evidence? {
        guard let node = map.value("evidence") else { return nil }
        if node.scalar != nil {
            guard let url = map.string("evidence", required: false, example: "https://…") else { return nil }
            guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
                map.reader.report(node, map.field("evidence"), "\(quoted(url)) is not a web address",
                                  fix: "write a URL, or `evidence: {file: evidence/certificate.pdf}` for a file in the project")
                return nil
            }
            return .url(url)
        }
        guard let entry = map.nested("evidence", required: false, allowed: evidenceFields,
                                     example: "{file: evidence/certificate.pdf}") else { return nil }
        if let file = entry.string("file", required: false, example: "evidence/certificate.pdf") { return .file(file) }
        if let url = entry.string("url", required: false, example: "https://…") { return .url(url) }
        entry.reader.report(entry.node, entry.path, "evidence needs a `url` or a `file`",
                            fix: "e.g. `evidence: {file: evidence/certificate.pdf}`")
        return nil
    }
}
