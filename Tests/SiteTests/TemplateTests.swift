import Foundation
import PassportModel
import PassportTestSupport
@testable import Site
import Testing

@Suite("Templates")
struct TemplateTests {
    /// A copy of the shipped templates that a test may break.
    static func copyOfTemplates() throws -> URL {
        let folder = try TemporaryFolder.kept("templates")
        let copy = folder.appendingPathComponent("site")
        try FileManager.default.copyItem(at: Fixture.templates, to: copy)
        return copy
    }

    @Test("a missing partial is an error naming it and the template that includes it")
    func missingPartial() throws {
        let templates = try Self.copyOfTemplates()
        try FileManager.default.removeItem(at: templates.appendingPathComponent("proof.mustache"))
        var input = try Fixture.input(try Fixture.demoProject())
        input.templatesDirectory = templates
        #expect {
            _ = try SiteBuilder(input: input)
        } throws: { error in
            guard let error = error as? SiteError, case .missingTemplate(let name, let by, _) = error else { return false }
            return name == "proof" && by?.hasSuffix("batch.mustache") == true
                && error.description.contains("proof.mustache")
        }
    }

    @Test("a missing page template is an error naming it")
    func missingPage() throws {
        let templates = try Self.copyOfTemplates()
        try FileManager.default.removeItem(at: templates.appendingPathComponent("home.mustache"))
        var input = try Fixture.input(try Fixture.demoProject())
        input.templatesDirectory = templates
        #expect(throws: SiteError.missingTemplate(name: "home", neededBy: nil, searched: [templates.path])) {
            _ = try SiteBuilder(input: input)
        }
    }

    @Test("a template syntax error names the file and line")
    func syntaxError() throws {
        let override = try TemporaryFolder.kept("override-bad")
        try Data("<p>\n{{#journey}}\n<b>{{/jurney}}\n".utf8).write(to: override.appendingPathComponent("journey.mustache"))
        let input = try Fixture.input(try Fixture.demoProject(), override: override)
        #expect {
            _ = try SiteBuilder(input: input)
        } throws: { error in
            guard let error = error as? SiteError, case .templateSyntax(let file, let line, _, _) = error else { return false }
            return file.hasSuffix("journey.mustache") && file.hasPrefix(override.path) && line == 3
                && error.description.contains("journey.mustache:3")
        }
    }

    @Test("a project's template, stylesheet and strings replace the shipped ones of the same name")
    func override() throws {
        let override = try TemporaryFolder.kept("override")
        try Data("<footer>Our own footer {{producer_name}}</footer></body></html>\n".utf8)
            .write(to: override.appendingPathComponent("footer.mustache"))
        try Data("body { color: black; }\n".utf8).write(to: override.appendingPathComponent("site.css"))
        try FileManager.default.createDirectory(at: override.appendingPathComponent("strings"), withIntermediateDirectories: true)
        try Data(#"{"journey": "The road travelled"}"#.utf8).write(to: override.appendingPathComponent("strings/en.json"))
        let input = try Fixture.input(try Fixture.demoProject(), override: override)
        let (output, _) = try Fixture.build(input, name: "override-out")
        let site = SiteFiles(root: output)
        let page = try site.text("01/08012345000012/10/L2026A/index.html")
        #expect(page.contains("<footer>Our own footer Oliveto Cooperative</footer>"))
        #expect(page.contains("The road travelled"))
        #expect(page.contains("Who made it and what they earned"), "strings missing from the override fall back to the shipped file")
        #expect(try site.text("assets/site.css") == "body { color: black; }\n")
    }

    @Test("a lot that cannot be a web path is refused before anything is written")
    func unservableLot() throws {
        var project = try Fixture.demoProject()
        project.batches[0].lot = "../x"
        let input = try Fixture.input(project)
        #expect(throws: SiteError.unservablePath(batch: project.batches[0].id, text: "../x")) {
            _ = try SiteBuilder(input: input)
        }
    }

    @Test("unit pages stop at the limit and the batch is reported")
    func unitLimit() throws {
        var input = try Fixture.input(try Fixture.demoProject())
        input.unitPageLimit = 2
        let (_, report) = try Fixture.build(input, name: "limit")
        #expect(report.unitPageCount == 2)
        #expect(report.cappedBatches == ["l2026a"])
    }
}
