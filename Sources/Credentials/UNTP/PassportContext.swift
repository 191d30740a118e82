/// Our JSON-LD context: the properties a passport carries beyond UNTP 0.7.0.
///
/// UNTP 0.7.0 gives each type its own `@vocab`, so an undefined property would still expand —
/// into UNTP's namespace, claiming a meaning UNTP never gave it. Every extension term is defined
/// here instead, in one fixed namespace, so passports from different producers mean the same
/// thing by the same word. The terms are read from the extension types' `CodingKeys`: a field
/// added there is defined here without another edit.
public enum PassportContext {
    /// The namespace every term below expands into.
    public static let vocabulary = "urn:passport:vocab:v1#"

    /// Terms that only passports of earlier versions used; kept so those still expand.
    static let earlierTerms: [(String, String?)] = [("journeyStep", nil), ("expiryDate", "xsd:date")]

    /// Every term, with its datatype (`xsd:…` or `@id`).
    static var terms: [(String, String?)] {
        PassportExtension.terms + [(UNTPCredential<UNTPProduct>.CodingKeys.suspensionStatus.rawValue, nil)] + earlierTerms
    }

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
