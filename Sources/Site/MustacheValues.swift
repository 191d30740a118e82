import Mustache

/// Context values in the shapes Mustache looks up fastest. Mustache finds a key by casting each
/// object on its stack to a handful of protocols; a plain final class and a plain struct answer
/// those casts far quicker than `[String: Any]` (a conditional conformance) and `String`.
final class ContextNode: MustacheParent, @unchecked Sendable {
    // @unchecked: built once per page on one thread and never changed after.
    let values: [String: Any]

    init(_ values: [String: Any]) { self.values = values }

    func child(named name: String) -> Any? { values[name] }

    /// Converts a context tree built from dictionaries, arrays and strings.
    static func box(_ value: Any) -> Any {
        switch value {
        case let text as String: return ContextText(renderText: text)
        case let flag as Bool: return flag
        case let object as [String: Any]: return ContextNode(object.mapValues(box))
        case let list as [[String: Any]]: return list.map { ContextNode($0.mapValues(box)) }
        case let list as [Any]: return list.map(box)
        default: return value
        }
    }
}

/// Text rendered through the template's escaping, like a `String`. As a parent it has no children,
/// so lookups inside `{{#text}}…{{/text}}` pass on to the enclosing context without reflection.
struct ContextText: MustacheCustomRenderable, MustacheParent {
    let renderText: String
    var isNull: Bool { false }
    func child(named name: String) -> Any? { nil }
}
