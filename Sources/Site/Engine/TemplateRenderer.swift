/// Renders a compiled template into UTF-8 bytes, with the Mustache library's semantics: names
/// climb the context stack, lists repeat a section, `false`, absent values and empty lists skip it,
/// any other value enters it, and standalone partials indent the lines they render.
struct TemplateRenderer {
    /// Partials nested deeper than this render as nothing (a template that includes itself forever).
    static let maximumDepth = 64

    private let program: TemplateProgram
    private(set) var output: [UInt8] = []
    private var stack: [TemplateValue] = []
    private var depth = 0

    /// Position in the enclosing list, for `first()`, `last()`, `index()`, `even()` and `odd()`.
    private struct Position {
        let index: Int
        let isLast: Bool
    }

    init(program: TemplateProgram, capacity: Int = 32 * 1024) {
        self.program = program
        output.reserveCapacity(capacity)
    }

    /// Renders template number `template` with `context` at the bottom of the stack.
    mutating func render(_ template: Int, _ context: TemplateValue) {
        stack.append(context)
        renderBlock(program.blocks[template], indentation: nil, position: nil)
        stack.removeLast()
    }

    private mutating func renderBlock(_ block: TemplateBlock, indentation: [UInt8]?, position: Position?) {
        guard let indentation, !indentation.isEmpty else {
            for step in block.steps { renderStep(step, indentation: nil, position: position) }
            return
        }
        // The library indents a step's output when it is not empty and what this block has written
        // so far ends with a line feed (a lone one: "\r\n" is one character, not "\n").
        let start = output.count
        for step in block.steps {
            let before = output.count
            renderStep(step, indentation: indentation, position: position)
            if output.count > before, before > start, output[before - 1] == 0x0A,
               !(before - 1 > start && output[before - 2] == 0x0D) {
                output.insert(contentsOf: indentation, at: before)
            }
        }
    }

    private mutating func renderStep(_ step: TemplateStep, indentation: [UInt8]?, position: Position?) {
        switch step {
        case .text(let bytes):
            output.append(contentsOf: bytes)
        case .value(let lookup, let escaping):
            guard let value = resolve(lookup, position) else { return }
            switch value {
            case .text(let text): write(text, escaping)
            case .flag(let flag): write(flag ? "true" : "false", escaping)
            case .number(let number): write(String(number), escaping)
            case .list, .object: break
            }
        case .section(let lookup, let body):
            switch resolve(lookup, position) {
            case nil, .flag(false)?:
                break
            case .flag(true)?:
                renderBlock(body, indentation: indentation, position: position)
            case .list(let items)?:
                for (index, item) in items.enumerated() {
                    stack.append(item)
                    renderBlock(body, indentation: indentation, position: Position(index: index, isLast: index == items.count - 1))
                    stack.removeLast()
                }
            case let value?:
                stack.append(value)
                renderBlock(body, indentation: indentation, position: nil)
                stack.removeLast()
            }
        case .inverted(let lookup, let body):
            switch resolve(lookup, position) {
            case nil, .flag(false)?:
                renderBlock(body, indentation: indentation, position: position)
            case .list(let items)? where items.isEmpty:
                stack.append(.list([]))
                renderBlock(body, indentation: indentation, position: nil)
                stack.removeLast()
            default:
                break
            }
        case .partial(let template, let own):
            guard let template, depth < Self.maximumDepth else { return }
            var nested = indentation
            if let own { nested = (indentation ?? []) + own }
            depth += 1
            renderBlock(program.blocks[template], indentation: nested, position: nil)
            depth -= 1
        }
    }

    private mutating func write(_ text: String, _ escaping: TemplateEscaping) {
        switch escaping {
        case .none: HTMLEscape.appendRaw(text, to: &output)
        case .htmlBytes: HTMLEscape.appendBytes(text, to: &output)
        case .htmlCharacters: HTMLEscape.appendCharacters(text, to: &output)
        }
    }

    private func resolve(_ lookup: TemplateLookup, _ position: Position?) -> TemplateValue? {
        var value: TemplateValue?
        var transforms = lookup.transforms[...]
        switch lookup.start {
        case .top:
            value = stack.last
        case .topOnly:
            value = stack.last.flatMap { Self.walk($0, lookup.parts[...]) }
        case .stack:
            let first = lookup.parts[0]
            for frame in stack.reversed() {
                if case .object(let fields) = frame, let found = fields[first] {
                    value = lookup.parts.count == 1 ? found : Self.walk(found, lookup.parts.dropFirst())
                    break
                }
            }
        case .position:
            guard let position, let name = transforms.popFirst() else { return nil }
            switch name {
            case "first": value = .flag(position.index == 0)
            case "last": value = .flag(position.isLast)
            case "index": value = .number(position.index)
            case "even": value = .flag(position.index & 1 == 0)
            case "odd": value = .flag(position.index & 1 == 1)
            default: return nil
            }
        }
        for name in transforms {
            guard let current = value else { return nil }
            value = Self.transform(current, name)
        }
        return value
    }

    private static func walk(_ value: TemplateValue, _ parts: ArraySlice<String>) -> TemplateValue? {
        var value = value
        for part in parts {
            guard case .object(let fields) = value, let found = fields[part] else { return nil }
            value = found
        }
        return value
    }

    /// The library's transforms that apply to these values; any other gives nothing, as there.
    private static func transform(_ value: TemplateValue, _ name: String) -> TemplateValue? {
        switch value {
        case .list(let items):
            switch name {
            case "first": return items.first
            case "last": return items.last
            case "reversed": return .list(items.reversed())
            case "count": return .number(items.count)
            case "empty": return .flag(items.isEmpty)
            default: return nil
            }
        case .number(let number):
            switch name {
            case "equalzero": return .flag(number == 0)
            case "plusone": return .number(number + 1)
            case "minusone": return .number(number - 1)
            case "even": return .flag(number & 1 == 0)
            case "odd": return .flag(number & 1 == 1)
            default: return nil
            }
        case .text, .flag, .object:
            return nil
        }
    }
}
