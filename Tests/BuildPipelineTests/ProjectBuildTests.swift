import BuildPipeline
import Credentials
import Foundation
import Output
import PassportTestSupport
import Testing

/// `ProjectBuild` on the starter project, through its public API (CommandTests drive the binary).
@Suite("Project build")
struct ProjectBuildTests {
    @Test("the starter project builds its site, labels and bundle, and the report counts them")
    func buildsEverything() throws {
        let starter = try Starter()
        let report = try starter.build(labels: true)
        let output = starter.folder.appending("out")
        #expect(report.output.path == output.path)
        #expect(report.passports == 2)
        #expect(report.conformityCredentials == 2)
        #expect(report.certifierSigned == 2)
        // 404, then in each language (en, it): home, two products, two batches.
        #expect(report.pages == 1 + 2 * (1 + 2 + 2))
        // Every unit of the serialized batch, and one sheet of 21 for the lot batch.
        #expect(report.labels == 300 + 21)

        let files = FileTree.files(below: output)
        for path in ["site/index.html", "site/index.it.html", "site/404.html", "site/.well-known/did.json",
                     "site/01/08012345000012/10/L2026A/dpp.jwt", "site/01/08012345000012/10/L2026A/dpp.json",
                     "site/01/08012345000029/10/N2026S/index.it.html", "site/certificates/eu-organic/dcc.jwt",
                     "labels/evo-2026-a/labels.pdf", "labels/novello-2026-s/labels.pdf",
                     "labels/novello-2026-s/manifest.csv", "bundle/bundle.json"] {
            #expect(files.contains(path), "missing \(path)")
        }
        let pages = files.filter { $0.hasPrefix("site/") && $0.hasSuffix(".html") && !$0.contains("/21/") }
        #expect(pages.count == report.pages, "\(pages)")
        #expect(files.count { $0.hasPrefix("site/01/08012345000029/10/N2026S/21/") && $0.hasSuffix("/index.html") } == 300)
        #expect(files.count { $0.hasPrefix("labels/novello-2026-s/png/") && $0.hasSuffix(".png") } == 300)
        let manifest = try String(contentsOf: output.appendingPathComponent("labels/novello-2026-s/manifest.csv"),
                                  encoding: .utf8)
        #expect(manifest.split(whereSeparator: \.isNewline).count == 1 + 300)

        // The bundle shops import is also published with the site, and its manifest is signed.
        let bundleData = try Data(contentsOf: output.appendingPathComponent("bundle/bundle.json"))
        #expect(try Data(contentsOf: output.appendingPathComponent("site/.well-known/passport-bundle.json")) == bundleData)
        let bundle = try VerificationBundle(parsing: bundleData)
        #expect(bundle.producerDID == "did:web:oliveto.example")
        #expect(bundle.passports.keys.sorted() == ["08012345000012/L2026A", "08012345000029/N2026S"])
        #expect(bundle.conformity.count == report.conformityCredentials)
        let signed = try JWS.verify(bundle.manifest, resolver: DIDDocument(parsing: bundle.didDocument))
        #expect(try JSONValue(parsing: signed.payload)["createdAt"]?.stringValue == "2026-09-21T14:13:20Z")
    }

    @Test("a unit page limit (the preview's) writes that many unit pages and removes the rest; a full build puts them back")
    func unitPageLimit() throws {
        let starter = try Starter()
        let units = "site/01/08012345000029/10/N2026S/21/"
        let site = starter.folder.appending("out")
        func unitPages() -> Int { FileTree.files(below: site).count { $0.hasPrefix(units) && $0.hasSuffix("/index.html") } }
        let full = try starter.build()
        #expect(unitPages() == 300)
        let capped = try starter.build(unitPageLimit: 50)
        #expect(unitPages() == 50)
        #expect(capped.siteFiles.written == 0)
        #expect(capped.siteFiles.unchanged == full.siteFiles.written - 250)
        let again = try starter.build()
        #expect(unitPages() == 300)
        #expect(again.siteFiles.written == 250)
    }

    @Test("the same project at the same instant builds byte-identical output; another instant changes it")
    func deterministic() throws {
        let starter = try Starter()
        try starter.build(into: "first")
        try starter.build(into: "second")
        let first = try TreeSnapshot(starter.folder.appending("first"))
        let second = try TreeSnapshot(starter.folder.appending("second"))
        #expect(first.files.keys.sorted() == second.files.keys.sorted())
        for (path, data) in first.files { #expect(second.files[path] == data, "\(path) differs") }
        #expect(!first.files.isEmpty)
        try starter.build(into: "later", now: Starter.now.addingTimeInterval(86_400))
        let later = try TreeSnapshot(starter.folder.appending("later"))
        #expect(later.files["bundle/bundle.json"] != first.files["bundle/bundle.json"])
    }

    @Test("a broken record stops the build and leaves the previous output byte for byte as it was")
    func brokenRecordKeepsOutput() throws {
        try expectFailedBuildKeepsOutput(saying: "farm/batches/evo-2026-a.yaml:11:10: journey[1].lat: latitude 143.0582 is out of range") {
            try $0.edit("batches/evo-2026-a.yaml", replacing: "lat: 43.0582", with: "lat: 143.0582")
        }
    }

    @Test("a page template that fails half-way through the build leaves the previous output as it was, and no staging folder")
    func brokenTemplateKeepsOutput() throws {
        // Signing has been staged by the time the pages are rendered.
        try expectFailedBuildKeepsOutput(saying: "journey.mustache") {
            try FileTree.write(["templates/site/journey.mustache": "<p>\n{{#journey}}\n<b>{{/jurney}}\n"], to: $0.project)
        }
    }

    /// Builds the starter once, breaks it with `damage`, and expects the next build to fail with
    /// `message`, leaving the first output byte for byte and nothing beside it.
    func expectFailedBuildKeepsOutput(saying message: String, sourceLocation: SourceLocation = #_sourceLocation,
                                      after damage: (Starter) throws -> Void) throws {
        let starter = try Starter()
        try starter.build()
        let output = starter.folder.appending("out")
        let before = try TreeSnapshot(output)
        try damage(starter)
        let error = #expect(throws: BuildError.self, sourceLocation: sourceLocation) { try starter.build() }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
        #expect(try TreeSnapshot(output) == before, sourceLocation: sourceLocation)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == ["bundle", "site"],
                sourceLocation: sourceLocation)
    }
}
