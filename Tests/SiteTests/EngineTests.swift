import Foundation
import PassportTestSupport
import Synchronization
@testable import Site
import Testing

/// The site's template engine renders what swift-mustache rendered, byte for byte: every shipped
/// page of two projects, a corpus of tricky templates, and a few thousand generated ones.
@Suite("Template engine against swift-mustache")
struct EngineTests {
    /// Ours (nil when our parser refuses) and swift-mustache's (nil when it refuses).
    static func both(_ sources: [String: String], _ context: TemplateValue, page: String = "page") -> (String?, String?) {
        let reference = ReferenceMustache.render(page, sources: sources, context: context)
        var parsed: [String: [TemplateNode]] = [:]
        for (name, text) in sources {
            guard let nodes = try? TemplateParser.parse(TemplateSet.pragma + text) else { return (nil, reference) }
            parsed[name] = nodes
        }
        let program = TemplateProgram(parsed)
        guard let index = program.index[page] else { return (nil, reference) }
        var renderer = TemplateRenderer(program: program)
        renderer.render(index, context)
        return (String(decoding: renderer.output, as: UTF8.self), reference)
    }

    @Test("every shipped page renders byte for byte as with swift-mustache", arguments: ["demo", "hostile"])
    func shippedPages(project: String) throws {
        var input = try Fixture.input(project == "demo" ? Fixture.demoProject() : Fixture.hostileProject())
        input.unitPageLimit = 3
        var site = try SiteModel(input: input)
        let records = Mutex<[(name: String, context: TemplateValue, output: [UInt8])]>([])
        site.templates.renderObserver = { name, context, output in
            records.withLock { $0.append((name, context, output)) }
        }
        _ = try SiteBuilder(site: site).write(to: try TemporaryFolder.kept("engine-\(project)"))
        let all = records.withLock { $0 }
        #expect(Set(all.map(\.name)) == Set(TemplateSet.pages))
        for record in all {
            let reference = ReferenceMustache.render(record.name, sources: site.templates.sources, context: record.context)
            #expect(reference != nil)
            #expect(String(decoding: record.output, as: UTF8.self) == reference, "page template \(record.name)")
        }
    }

    @Test("tricky templates render the same", arguments: EngineCorpus.cases.indices)
    func corpus(index: Int) {
        let example = EngineCorpus.cases[index]
        var sources = EngineCorpus.partials
        sources["page"] = example
        let (ours, reference) = Self.both(sources, EngineCorpus.context)
        #expect(reference != nil, "swift-mustache parses: \(example.debugDescription)")
        #expect(ours == reference, "template \(example.debugDescription)")
    }

    @Test("templates swift-mustache refuses are refused")
    func refusals() {
        for text in ["{{#a}}open", "{{/a}}", "{{#a}}{{/b}}", "x {", "{{{text}}", "{{a b}}", "{{!never closed",
                     "{{=<% %>}}", "{{% CONTENT_TYPE: XML}}", "{{% OTHER: HTML}}", "{{a(b}}", "{{a)}}"] {
            let (ours, reference) = Self.both(["page": text], EngineCorpus.context)
            #expect(reference == nil, "swift-mustache refuses \(text.debugDescription)")
            #expect(ours == nil, "refused: \(text.debugDescription)")
        }
    }

    @Test("generated templates render the same, or both engines refuse them")
    func generated() {
        var generator = TemplateGenerator(seed: 0x5EED)
        var compared = 0
        for _ in 0..<3_000 {
            var sources = EngineCorpus.partials
            let text = generator.template()
            sources["page"] = text
            let (ours, reference) = Self.both(sources, EngineCorpus.context)
            #expect(ours == reference, "template \(text.debugDescription)")
            if reference != nil { compared += 1 }
        }
        #expect(compared > 1_500, "most generated templates parse")
    }

    @Test("a value that is a list or an object renders as nothing, not as a debug description")
    func structuredValues() {
        let (ours, _) = Self.both(["page": "[{{items}}][{{person}}][{{#person}}{{.}}{{/person}}]"], EngineCorpus.context)
        #expect(ours == "[][][]")
    }

    @Test("template inheritance and dynamic partials are refused with a located message")
    func unsupported() throws {
        let override = try TemporaryFolder.kept("override-inherit")
        try Data("<p>\n{{<layout}}{{$title}}x{{/title}}{{/layout}}\n".utf8).write(to: override.appendingPathComponent("footer.mustache"))
        let input = try Fixture.input(try Fixture.demoProject(), override: override)
        #expect {
            _ = try SiteBuilder(input: input)
        } throws: { error in
            guard let error = error as? SiteError, case .templateSyntax(let file, let line, _, let problem) = error else { return false }
            return file.hasSuffix("footer.mustache") && line == 2 && problem.contains("inheritance")
        }
        #expect(throws: TemplateSyntaxError.self) { try TemplateParser.parse("{{>*name}}") }
    }

    @Test("a partial that includes itself forever stops instead of crashing")
    func recursion() {
        let parsed = ["page": try! TemplateParser.parse("x{{>page}}")]
        let program = TemplateProgram(parsed)
        var renderer = TemplateRenderer(program: program)
        renderer.render(0, .object([:]))
        #expect(renderer.output.count == TemplateRenderer.maximumDepth + 1)
    }
}

@Suite("Template values")
struct TemplateValueTests {
    @Test("a context written as literals renders as the same context converted from [String: Any]")
    func literals() {
        let typed: TemplateValue = ["title": "A & B", "ok": true, "n": 2, "rows": [["x": "1"], ["x": "2"]], "none": []]
        let converted = TemplateValue(["title": "A & B", "ok": true, "n": 2, "rows": [["x": "1"], ["x": "2"]],
                                       "none": [[String: Any]]()] as [String: Any])
        let sources = ["page": "{{title}} {{#ok}}{{n}}{{/ok}} {{#rows}}[{{x}}]{{/rows}}{{^none}}-{{/none}}"]
        let (fromTyped, reference) = EngineTests.both(sources, typed)
        #expect(fromTyped == "A &amp; B 2 [1][2]-")
        #expect(fromTyped == reference)
        #expect(EngineTests.both(sources, converted).0 == fromTyped)
    }

    @Test("nil inside Any is left out, numbers stay numbers, other values become their description")
    func conversion() {
        let missing: String? = nil
        let value = TemplateValue(["gone": missing as Any, "n": 7, "d": 2.5, "list": ["a", 1, missing as Any]] as [String: Any])
        guard case .object(let fields) = value else { Issue.record("not an object"); return }
        #expect(fields["gone"] == nil)
        guard case .number(7)? = fields["n"], case .text("2.5")? = fields["d"], case .list(let list)? = fields["list"] else {
            Issue.record("unexpected shapes: \(fields)")
            return
        }
        #expect(list.count == 2)
    }
}
