/// One Mustache template rendered by the site's own engine, for pages made outside the site
/// (the shop counter page of `passport serve`), so every page passport makes is rendered and
/// escaped one way.
public struct StandaloneTemplate: Sendable {
    private let program: TemplateProgram

    /// Parses `source`; `file` names it in a syntax error. Partials are not available.
    public init(source: String, file: String) throws(SiteError) {
        do throws(TemplateSyntaxError) {
            program = TemplateProgram(["page": try TemplateParser.parse(TemplateSet.pragma + source)])
        } catch {
            let column = error.line == 1 ? error.column - TemplateSet.pragma.count : error.column
            throw .templateSyntax(file: file, line: error.line, column: max(1, column), problem: error.problem)
        }
        if let missing = program.missingPartials.first {
            throw .missingTemplate(name: missing.partial, neededBy: file, searched: [])
        }
    }

    /// The page for `context` (dictionaries, arrays, strings, numbers and flags).
    public func render(_ context: [String: Any]) -> String {
        guard let page = program.index["page"] else { return "" }
        var renderer = TemplateRenderer(program: program)
        renderer.render(page, TemplateValue(context))
        return String(decoding: renderer.output, as: UTF8.self)
    }
}

/// The site's HTML escaping for text written outside templates.
public enum HTMLText {
    /// `text` with `& < > " '` escaped.
    public static func escape(_ text: String) -> String {
        var bytes: [UInt8] = []
        HTMLEscape.appendBytes(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
