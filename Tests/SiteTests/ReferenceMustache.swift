import Foundation
import Mustache
@testable import Site

/// The swift-mustache rendering the site used before its own engine, kept as the reference the
/// engine must match byte for byte: the same pragma, the same escaping, the same context shapes
/// (texts as a custom renderable, objects as a `MustacheParent` class).
enum ReferenceMustache {
    /// Renders template `name` from `sources` (name → text) the way `TemplateSet` used to; nil
    /// when swift-mustache cannot parse one of the templates.
    static func render(_ name: String, sources: [String: String], context: TemplateValue) -> String? {
        _ = registered
        var library = MustacheLibrary()
        for (partial, text) in sources {
            guard let template = try? MustacheTemplate(string: TemplateSet.pragma + text) else { return nil }
            library.register(template, named: partial)
        }
        return library.render(box(context), withTemplate: name)
    }

    /// Whether swift-mustache parses `text` (with the site's pragma in front).
    static func parses(_ text: String) -> Bool {
        _ = registered
        return (try? MustacheTemplate(string: TemplateSet.pragma + text)) != nil
    }

    /// The shapes the old `ContextNode.box` produced.
    static func box(_ value: TemplateValue) -> Any {
        switch value {
        case .text(let text): return ReferenceText(renderText: text)
        case .flag(let flag): return flag
        case .number(let number): return number
        case .list(let items): return items.map(box)
        case .object(let fields): return ReferenceNode(fields.mapValues(box))
        }
    }

    private static let registered: Bool = {
        MustacheContentTypes.register(ReferenceHTMLContentType(), named: "PASSPORT_HTML")
        return true
    }()
}

private final class ReferenceNode: MustacheParent, @unchecked Sendable {
    // @unchecked: built once per render and never changed.
    let values: [String: Any]
    init(_ values: [String: Any]) { self.values = values }
    func child(named name: String) -> Any? { values[name] }
}

private struct ReferenceText: MustacheCustomRenderable, MustacheParent {
    let renderText: String
    var isNull: Bool { false }
    func child(named name: String) -> Any? { nil }
}

/// The byte-wise escaper the site registered as `PASSPORT_HTML`.
private struct ReferenceHTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var out = [UInt8]()
        for byte in text.utf8 {
            switch byte {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
