/// Parsed templates compiled once into steps: names split into parts, partials resolved to an index,
/// escaping fixed per tag, text stored as UTF-8 bytes. Rendering walks the steps over a
/// `TemplateValue` tree with a stack of its own — no reflection, no dynamic casts.
struct TemplateProgram: Sendable {
    /// Template name → index into `blocks`.
    let index: [String: Int]
    /// Each template's top-level steps.
    let blocks: [TemplateBlock]
    /// Names of partials that no template of the set defines (they render as nothing).
    let missingPartials: [(template: String, partial: String)]

    /// Compiles parsed templates; partials are looked up among the same templates.
    init(_ templates: [String: [TemplateNode]]) {
        let names = templates.keys.sorted()
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var missing: [(String, String)] = []
        blocks = names.map { name in
            var compiler = TemplateCompiler(index: index)
            let block = compiler.block(templates[name] ?? [], escaping: .htmlCharacters)
            missing += compiler.missing.map { (name, $0) }
            return block
        }
        self.index = index
        missingPartials = missing
    }
}

/// A list of steps: a template, a section body or an inverted section body.
final class TemplateBlock: Sendable {
    let steps: [TemplateStep]
    init(_ steps: [TemplateStep]) { self.steps = steps }
}

/// One compiled instruction.
enum TemplateStep: Sendable {
    case text([UInt8])
    case value(TemplateLookup, TemplateEscaping)
    case section(TemplateLookup, TemplateBlock)
    case inverted(TemplateLookup, TemplateBlock)
    /// Template index (nil: no such template, renders nothing) and the indentation of a standalone tag.
    case partial(Int?, indentation: [UInt8]?)
}

/// Where a name's value comes from, as the Mustache library resolves it.
struct TemplateLookup: Sendable {
    enum Start: Sendable {
        /// `.`, or a name with no parts: the top of the stack.
        case top
        /// `index()`, `first()`…: the position in the enclosing list.
        case position
        /// `.a.b`: parts looked up in the top of the stack only.
        case topOnly
        /// `a.b`: the first part in the nearest stack entry that has it, the rest inside that.
        case stack
    }
    let start: Start
    let parts: [String]
    /// Applied in order (innermost first).
    let transforms: [String]
}

private struct TemplateCompiler {
    let index: [String: Int]
    var missing: [String] = []

    mutating func block(_ nodes: [TemplateNode], escaping initial: TemplateEscaping) -> TemplateBlock {
        var steps: [TemplateStep] = []
        var escaping = initial
        var pendingText: [UInt8] = []
        func flush() {
            if !pendingText.isEmpty { steps.append(.text(pendingText)); pendingText = [] }
        }
        for node in nodes {
            switch node {
            case .text(let text):
                // Joining neighbours cannot change output: only non-empty steps matter for indentation,
                // and text never ends a line anywhere but its end.
                pendingText.append(contentsOf: text.utf8)
                if text.hasSuffix("\n") { flush() }
            case .variable(let name, let escaped):
                flush()
                steps.append(.value(lookup(name), escaped ? escaping : .none))
            case .section(let name, let inverted, let body):
                flush()
                let compiled = block(body, escaping: escaping)
                steps.append(inverted ? .inverted(lookup(name), compiled) : .section(lookup(name), compiled))
            case .partial(let name, let indentation):
                flush()
                if index[name] == nil { missing.append(name) }
                steps.append(.partial(index[name], indentation: indentation.map { Array($0.utf8) }))
            case .contentType(let type):
                escaping = type
            }
        }
        flush()
        return TemplateBlock(steps)
    }

    func lookup(_ name: TemplateName) -> TemplateLookup {
        let parts = name.path.split(separator: ".").map(String.init)
        let start: TemplateLookup.Start
        if name.path == "." {
            start = .top
        } else if name.path.isEmpty, !name.transforms.isEmpty {
            start = .position
        } else if name.path.first == "." {
            start = .topOnly
        } else {
            start = parts.isEmpty ? .top : .stack
        }
        return TemplateLookup(start: start, parts: parts, transforms: name.transforms.reversed())
    }
}
