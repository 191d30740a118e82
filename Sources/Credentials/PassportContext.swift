/// Our JSON-LD context: the properties a passport carries beyond UNTP 0.6.1, and the terms of
/// value-share attestations and co-op member lists.
///
/// UNTP's contexts define no `@vocab`, so every extra property must be defined here for JSON-LD
/// expansion (safe mode) to keep working. Term IRIs live in one fixed namespace so passports from
/// different producers mean the same thing by the same word.
public enum PassportContext {
    /// The namespace every term below expands into.
    public static let vocabulary = "urn:passport:vocab:v1#"

    static let terms: [(String, String?)] = [
        ("journey", nil), ("journeyStep", nil), ("actorName", nil), ("actorRole", nil), ("actorId", nil),
        ("place", nil), ("latitude", "xsd:double"), ("longitude", "xsd:double"), ("stepDate", "xsd:date"),
        ("activity", nil), ("valueShares", nil), ("amountPerUnit", "xsd:decimal"), ("currency", nil),
        ("percentOfRetailPrice", "xsd:decimal"), ("retailPrice", "xsd:decimal"), ("bestBeforeDate", "xsd:date"),
        ("expiryDate", "xsd:date"), ("netQuantity", nil), ("quantityValue", "xsd:decimal"), ("quantityUnit", nil),
        ("upstreamInputs", nil), ("upstreamPassport", nil), ("sha256", nil), ("inputName", nil),
        ("upstreamBatch", "@id"), ("upstreamProducer", nil), ("quantityUsed", nil), ("upstreamQuantity", nil),
        ("batchQuantity", nil), ("confirmedBy", nil), ("confirmation", nil),
        ("ValueShareAttestation", nil), ("ValueShareConfirmation", nil), ("attestedProducer", nil),
        ("PassportMemberList", nil), ("MemberList", nil), ("listVersion", "xsd:integer"), ("members", nil),
        ("memberSince", "xsd:date"), ("publicKeys", nil), ("publicKeyMultibase", nil), ("website", "@id"),
        ("recognisedCertifiers", nil), ("schemes", nil),
        // Links to upstream passports and attestations, shaped like UNTP's SecureLink.
        ("linkURL", "@id"), ("linkName", nil), ("linkType", nil), ("hashDigest", nil), ("hashMethod", nil),
        ("unitsProduced", "xsd:integer"), ("serialRange", nil), ("firstSerial", nil), ("lastSerial", nil),
        ("recall", nil), ("recallDate", "xsd:date"), ("recallReason", nil),
    ]

    /// The context document, published at `PublishedPaths.context`.
    public static var document: JSONValue {
        var definitions: [String: JSONValue] = [:]
        for (term, type) in terms {
            var definition: [String: JSONValue] = ["@id": .string(vocabulary + term)]
            if let type {
                let iri = type.hasPrefix("xsd:") ? "http://www.w3.org/2001/XMLSchema#" + type.dropFirst(4) : type
                definition["@type"] = .string(iri)
            }
            definitions[term] = .object(definition)
        }
        return ["@context": .object(definitions)]
    }
}
