@testable import Site

/// Templates that exercise the corners of Mustache as swift-mustache implements them.
enum EngineCorpus {
    static let context = TemplateValue([
        "text": "Tom & Jerry <b>\"hi\"</b> 'x'",
        "empty": "",
        "yes": true, "no": false, "n": 3, "zero": 0,
        "multi": "line one\nline two\n",
        "crlf": "a\r\nb\r\n",
        "accented": "e\u{301} \"\u{301} <\u{338} &\u{20DD} ok",
        "items": [["name": "one", "flag": true], ["name": "two & <2>", "flag": false], ["name": "three"]] as [[String: Any]],
        "words": ["alpha", "beta"],
        "none": [[String: Any]](),
        "person": ["name": "Ann", "address": ["city": "Siena", "zip": "53100"] as [String: Any], "tags": ["a", "b"]] as [String: Any],
        "name": "outer name",
        "nested": ["rows": [["cells": [["v": "x"], ["v": "y"]]], ["cells": [[String: Any]]()]]] as [String: Any],
    ] as [String: Any])

    static let partials: [String: String] = [
        "p": "line {{text}}\n{{#items}}\n- {{name}}\n{{/items}}\nend\n",
        "q": "  {{>p}}\n",
        "r": "x{{name}}y",
        "m": "{{multi}}after\n{{{multi}}}",
        "c": "{{crlf}}\r\n  c\r\n",
        "t": "{{% CONTENT_TYPE: TEXT}}{{text}}\n",
        "blank": "",
    ]

    static let cases: [String] = [
        // Interpolation and escaping.
        "{{text}}|{{{text}}}|{{&text}}|{{ text }}|{{{ text }}}|{{& text }}",
        "{{yes}} {{no}} {{n}} {{zero}} {{missing}}|{{{yes}}}{{{n}}}",
        "{{accented}}|{{{accented}}}",
        "{{% CONTENT_TYPE: HTML}}{{accented}}{{text}}",
        "{{% CONTENT_TYPE: TEXT}}{{text}}{{#yes}}{{text}}{{/yes}}{{>t}}{{text}}",
        "{{#yes}}{{% CONTENT_TYPE: TEXT}}{{text}}{{/yes}}{{text}}",
        // Truthiness.
        "{{#yes}}Y{{/yes}}{{^yes}}N{{/yes}}{{#no}}Y{{/no}}{{^no}}N{{/no}}{{#missing}}M{{/missing}}{{^missing}}!M{{/missing}}",
        "{{#empty}}[{{.}}]{{/empty}}{{^empty}}no{{/empty}}",
        "{{#n}}<{{.}}>{{/n}}{{#zero}}<{{.}}>{{/zero}}{{^zero}}z{{/zero}}",
        "{{#none}}x{{/none}}{{^none}}none{{/none}}{{^items}}x{{/items}}",
        // Lists and the context stack.
        "{{#items}}{{name}}:{{#flag}}on{{/flag}}{{^flag}}off{{/flag}};{{/items}}",
        "{{#items}}{{text}}/{{yes}}{{/items}}",
        "{{#words}}<{{.}}>{{/words}}{{#person.tags}}[{{.}}]{{/person.tags}}",
        "{{#nested.rows}}({{#cells}}{{v}}{{/cells}}{{^cells}}empty{{/cells}}){{/nested.rows}}",
        "{{#person}}{{name}} {{address.city}} {{#address}}{{city}} {{name}} {{zip}}{{/address}}{{/person}}",
        "{{person.address.city}}|{{person.address.missing}}|{{person.missing.city}}|{{#person}}{{address.name}}{{/person}}",
        "{{.name}}|{{#person}}{{.name}}{{#address}}[{{.name}}]{{/address}}{{/person}}",
        "{{#text}}{{name}}{{.}}{{/text}}|{{#person.name}}{{.}}{{zip}}{{/person.name}}",
        // Standalone lines and whitespace.
        "{{#yes}}\nfirst line\n{{/yes}}\n",
        "begin\n{{#yes}}\n  inside\n{{/yes}}\nend\n",
        "begin\n  {{#items}}\n  - {{name}}\n  {{/items}}\nend",
        "{{! comment }}\nline\n  {{! indented comment }}  \nx\n",
        "a {{#yes}}\n b\n{{/yes}} c\n",
        "x\r\n{{#yes}}\r\nwin\r\n{{/yes}}\r\ny",
        "x\n{{#yes}}\n{{/yes}}",
        "x\n{{^no}}\n  x\n  {{/no}}  \nafter",
        "x\n  {{#yes}}  {{/yes}}  \n",
        "x\n{{#yes}}\nA{{/yes}} {{#yes}}\nB\n{{/yes}}\n",
        "a\n  ",
        "a\n  {{text}}  \n  ",
        "\t{{#items}}\t\n{{name}}\n\t{{/items}}\t\n",
        "x\n  {{!a}}{{#yes}}\nb\n{{/yes}}\n",
        // Partials and indentation.
        "begin\n  {{>p}}\nafter\n",
        "x\n  {{>q}}\n",
        "x\n{{#items}}\n  {{>r}}\n{{/items}}\n",
        "inline {{>p}} tail\n",
        "{{>r}}{{>blank}}{{>nothing}}|",
        "x\n    {{>p}}",
        "x\n  {{>m}}\nz",
        "x\n  {{>c}}\n",
        "x\n\t{{> p }}\n",
        "x\n  {{#items}}\n  {{>r}}\n  {{/items}}\n",
        // Delimiters and comments.
        "{{=<% %>=}}\n<% text %> {{text}}\n<%={{ }}=%>\n{{text}}",
        "{{#yes}}{{=| |=}}|text||/yes|{{text}}",
        "{{!a}}}b{{! {{text}} }}c",
        "{{=[ ]=}}[#items][name],[/items]",
        // Transforms.
        "{{#items}}{{index()}}{{#first()}}F{{/first()}}{{#last()}}L{{/last()}}{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}}{{plusone(index())}},{{/items}}",
        "{{count(items)}} {{#empty(none)}}E{{/empty(none)}} {{#first(items)}}{{name}}{{/first(items)}} {{#last(items)}}{{name}}{{/last(items)}}",
        "{{#reversed(items)}}{{name}}{{/reversed(items)}}|{{uppercased(text)}}|{{count(person)}}|{{minusone(n)}}{{#equalzero(zero)}}Z{{/equalzero(zero)}}",
        "{{#items}}{{#flag}}{{index()}}{{/flag}}{{^flag}}{{index()}}{{/flag}}{{/items}}|{{#items}}{{#name}}{{index()}}{{/name}}{{/items}}",
        "{{index()}}|{{#items}}{{>r}}{{index()}}{{/items}}|{{#words}}{{count(.)}}{{/words}}",
        "{{#items}}{{sorted()}}{{#odd(index())}}o{{/odd(index())}}{{/items}}",
    ]
}

/// Random templates from the pieces that trip engines up: blank runs, line ends, nested sections,
/// standalone and inline tags, partials. Seeded, so every run tests the same ones.
struct TemplateGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64.
    private mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    private mutating func pick(_ options: [String]) -> String { options[next(options.count)] }

    mutating func template() -> String { items(depth: 0) }

    private mutating func items(depth: Int) -> String {
        var text = ""
        for _ in 0..<(1 + next(7)) { text += item(depth: depth) }
        return text
    }

    private static let scalars = ["text", "yes", "no", "n", "name", "missing", "multi", "empty", "person.name",
                                  "person.address.city", "flag", "accented", "crlf"]
    private static let sectionNames = ["items", "yes", "no", "person", "words", "none", "missing", "text", "n",
                                       "person.address", "nested.rows", "flag", "zero"]

    private mutating func item(depth: Int) -> String {
        switch next(12) {
        case 0, 1: return pick([" ", "  ", "\t", "\n", "\n", "\r\n", "x", "a b", "&<>", "}", " \n"])
        case 2: return "{{" + pick(Self.scalars) + "}}"
        case 3: return pick(["{{{", "{{&"]) + pick(Self.scalars) + pick(["}}}", "}}"])
        case 4: return pick(["{{! note }}", "{{!\n}}", "{{>p}}", "{{>q}}", "{{>r}}", "{{>m}}", "{{>c}}", "{{>blank}}"])
        case 5: return pick(["\n  ", "\n", "\n\t"]) + pick(["{{>p}}", "{{>r}}", "{{! c }}", "{{>q}}"]) + pick(["\n", " \n", "x\n", ""])
        case 6: return pick(["{{#items}}{{index()}}{{/items}}", "{{#items}}{{#first()}}^{{/first()}}{{/items}}",
                             "{{count(items)}}", "{{% CONTENT_TYPE: TEXT}}", "{{% CONTENT_TYPE: HTML}}"])
        default:
            guard depth < 3 else { return pick(["y", "\n"]) }
            let name = pick(Self.sectionNames)
            let open = (next(3) == 0 ? "{{^" : "{{#") + name + "}}"
            let lead = pick(["", "\n", "  ", "\n  "])
            let trail = pick(["", "\n", "  ", " \n", "\n  "])
            return lead + open + pick(["", "\n", " "]) + items(depth: depth + 1) + trail + "{{/" + name + "}}" + pick(["", "\n", " x"])
        }
    }
}
