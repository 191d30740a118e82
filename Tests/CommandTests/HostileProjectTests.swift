import Foundation
import PassportTestSupport
import Testing

/// Projects an attacker (or an unlucky producer) could hand to `passport build`: each must be
/// refused with its message and exit code 1, with nothing written or published.
@Suite("Hostile projects", .serialized)
struct HostileProjectTests {
    /// The example project, made once and copied for each case.
    static let example: URL = {
        let folder = (try? TemporaryFolder.kept("hostile-example")) ?? FileManager.default.temporaryDirectory
        _ = try? Command.run(["init", "farm"], in: folder)
        return folder.appendingPathComponent("farm")
    }()

    /// A copy of the example in a scratch folder, changed by `change`.
    struct Case {
        let directory: TemporaryFolder
        var project: URL { directory.url.appendingPathComponent("farm") }

        init(_ change: (URL) throws -> Void) throws {
            directory = try TemporaryFolder("hostile")
            let copy = try ExternalTool.run("/bin/cp", ["-a", HostileProjectTests.example.path, directory.url.path])
            #expect(copy.status == 0, "\(copy.stderr)")
            try change(project)
        }

        func write(_ text: String, to path: String) throws {
            try FileManager.default.removeItem(at: project.appendingPathComponent(path))
            try Data(text.utf8).write(to: project.appendingPathComponent(path))
        }

        func replace(_ old: String, with new: String, in path: String) throws {
            let url = project.appendingPathComponent(path)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains(old), "\(path) does not contain \(old)")
            try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
        }

        func link(_ path: String, to target: String) throws {
            let url = project.appendingPathComponent(path)
            try? FileManager.default.removeItem(at: url)
            try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
        }

        /// Builds; expects exit 1, `message` on stderr (whole, or its start) and nothing written.
        func refuses(_ message: String, whole: Bool = true, arguments: [String] = ["build", "farm", "--output", "out", "--no-labels"],
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
            let before = directory.files()
            let result = try Command.run(arguments, in: directory.url, killAfter: 120)
            #expect(result.status == 1, "\(result.stderr)", sourceLocation: sourceLocation)
            if whole {
                #expect(result.stderr == message, sourceLocation: sourceLocation)
            } else {
                #expect(result.stderr.hasPrefix(message), "\(result.stderr)", sourceLocation: sourceLocation)
            }
            #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
            #expect(directory.files() == before, "something was written", sourceLocation: sourceLocation)
            let siblings = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
            #expect(siblings == ["farm"], "\(siblings)", sourceLocation: sourceLocation)
            // Nothing private or foreign reaches the terminal either.
            #expect(!result.stderr.contains("root:x:"), sourceLocation: sourceLocation)
            let key = try String(contentsOf: project.appendingPathComponent("keys/main.jwk"), encoding: .utf8)
            let secret = key.split(separator: "\"").drop { $0 != "d" }.dropFirst(2).first.map(String.init) ?? "?"
            #expect(!result.stderr.contains(secret), sourceLocation: sourceLocation)
        }
    }

    static let keyFolder = "lies in keys/main.jwk, in a `keys` folder where private keys are kept — passport never reads or publishes anything there but keys; point to another file"
    static let oneProblem = "\n1 problem found; nothing was written.\n"

    @Test("the producer's private key named as evidence is refused, not published")
    func keyAsEvidence() throws {
        let hostile = try Case { _ in }
        try hostile.replace("{file: evidence/eu-organic-2026.txt}", with: "{file: keys/main.jwk}", in: "certificates/eu-organic.yaml")
        try hostile.refuses("farm/certificates/eu-organic.yaml:12:11: evidence: evidence file `keys/main.jwk` \(Self.keyFolder)\(Self.oneProblem)")
    }

    @Test("evidence, a product image or the brand's logo that is a link to the key is refused")
    func linksToKey() throws {
        let evidence = try Case { _ in }
        try evidence.link("evidence/eu-organic-2026.txt", to: "../keys/main.jwk")
        try evidence.refuses("farm/certificates/eu-organic.yaml:12:11: evidence: evidence file `evidence/eu-organic-2026.txt` \(Self.keyFolder)\(Self.oneProblem)")
        let image = try Case { _ in }
        try image.link("images/bottle.svg", to: "../keys/main.jwk")
        try image.refuses("farm/products/extra-virgin-500ml.yaml:23:9: images: image `images/bottle.svg` \(Self.keyFolder)\(Self.oneProblem)")
        let logo = try Case { _ in }
        try logo.link("images/logo.svg", to: "../keys/main.jwk")
        try logo.refuses("farm/passport.yaml:18:9: brand.logo: logo `images/logo.svg` \(Self.keyFolder)\(Self.oneProblem)")
    }

    @Test("the certifier's key is private too")
    func certifierKey() throws {
        let hostile = try Case { _ in }
        try hostile.replace("{file: evidence/eu-organic-2026.txt}", with: "{file: certifier/keys/main.jwk}", in: "certificates/eu-organic.yaml")
        try hostile.refuses("farm/certificates/eu-organic.yaml:12:11: evidence: evidence file `certifier/keys/main.jwk` lies in certifier/keys/main.jwk, in a `keys` folder where private keys are kept — passport never reads or publishes anything there but keys; point to another file\(Self.oneProblem)")
    }

    @Test("a template asset linked to the key, or holding a copy of it, is refused before anything is published")
    func templateAssets() throws {
        let linked = try Case { project in
            try FileManager.default.createDirectory(at: project.appendingPathComponent("templates/site"), withIntermediateDirectories: true)
        }
        try linked.link("templates/site/site.css", to: "../../keys/main.jwk")
        try linked.refuses("templates/site/site.css: leads outside the project folder (to ../../keys/main.jwk) — passport reads only files inside the project: copy the file into the project folder\n")

        let copied = try Case { project in
            let site = project.appendingPathComponent("templates/site")
            try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: project.appendingPathComponent("keys/main.jwk"), to: site.appendingPathComponent("leak.css"))
        }
        let out = copied.directory.url.appendingPathComponent("out").path
        try copied.refuses("\(out)/site/assets/leak.css: holds a JSON Web Key with its private member \"d\", which must never be published; nothing was written and the previous output is unchanged — find the project file it was copied from (an evidence file, a product image or a template asset) and point to another file\n")

        let pasted = try Case { project in
            let key = try String(contentsOf: project.appendingPathComponent("keys/main.jwk"), encoding: .utf8)
            let secret = key.split(separator: "\"").drop { $0 != "d" }.dropFirst(2).first.map(String.init) ?? "?"
            let site = project.appendingPathComponent("templates/site")
            try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
            try Data("/* \(secret) */".utf8).write(to: site.appendingPathComponent("notes.css"))
        }
        let pastedOut = pasted.directory.url.appendingPathComponent("out").path
        try pasted.refuses("\(pastedOut)/site/assets/notes.css: holds the private key keys/main.jwk, which must never be published", whole: false)
    }

    @Test("a record or evidence linked to /etc/passwd is refused without reading or echoing it")
    func outsideFiles() throws {
        let record = try Case { _ in }
        try record.link("products/evil.yaml", to: "/etc/passwd")
        try record.refuses("farm/products/evil.yaml:1:1: leads outside the project folder (to /etc/passwd) — passport reads only files inside the project: copy the file into the project folder\(Self.oneProblem)")
        let evidence = try Case { _ in }
        try evidence.link("evidence/eu-organic-2026.txt", to: "/etc/passwd")
        try evidence.refuses("farm/certificates/eu-organic.yaml:12:11: evidence: evidence file `evidence/eu-organic-2026.txt` leads outside the project folder (to /etc/passwd) — passport reads only files inside the project: copy the file into the project folder\(Self.oneProblem)")
    }

    @Test("a FIFO in place of the key file is refused at once")
    func fifoKey() throws {
        let hostile = try Case { project in
            let key = project.appendingPathComponent("keys/main.jwk").path
            try FileManager.default.removeItem(atPath: key)
            #expect(mkfifo(key, 0o600) == 0)
        }
        let key = hostile.project.appendingPathComponent("keys/main.jwk").path
        let result = try Command.run(["build", "farm", "--output", "out", "--no-labels"], in: hostile.directory.url, killAfter: 120)
        #expect(result.status == 1)
        #expect(result.stderr == "keys/: The key file \(key) is not a usable Ed25519 key: it is a named pipe (FIFO), not a regular file. Restore it from your backup; do not edit key files by hand.\n", "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: hostile.directory.url.appendingPathComponent("out").path))
    }

    @Test("YAML bombs, deep nesting, huge files and floods of unknown fields end quickly with a message")
    func yamlBombs() throws {
        let laughs = try Case { _ in }
        var lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...20 {
            lines.append("a\(level): &a\(level) {" + (0..<10).map { "*a\(level - 1) : \($0)" }.joined(separator: ", ") + "}")
        }
        try laughs.write(lines.joined(separator: "\n"), to: "products/extra-virgin-500ml.yaml")
        try laughs.refuses("farm/products/extra-virgin-500ml.yaml:2:10: `*a0` repeats a list or a set of fields (anchored with `&a0` on line 1); records may repeat only single values with aliases — write the entries out in full\(Self.oneProblem)")

        let deep = try Case { _ in }
        try deep.write("gtin: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000), to: "products/extra-virgin-500ml.yaml")
        try deep.refuses("farm/products/extra-virgin-500ml.yaml:1:8: lists and sets of fields are nested more than 1000 levels deep — records nest only a few levels: check the brackets and indentation\(Self.oneProblem)")

        let huge = try Case { _ in }
        try huge.write(String(repeating: "unknown_field_name: some value\n", count: 1_700_000), to: "products/extra-virgin-500ml.yaml")
        try huge.refuses("farm/products/extra-virgin-500ml.yaml:1:1: is 50 MiB, more than the 1 MiB passport reads for this kind of file — make it smaller (docs/security.md lists the limits)\(Self.oneProblem)")

        let flood = try Case { _ in }
        try flood.write((0..<30_000).map { "field\($0): x" }.joined(separator: "\n"), to: "products/extra-virgin-500ml.yaml")
        try flood.refuses("farm/products/extra-virgin-500ml.yaml:1:1: field0: unknown field `field0`", whole: false)
        let result = try Command.run(["check", "farm"], in: flood.directory.url, killAfter: 120)
        let lines2 = result.stderr.split(separator: "\n")
        #expect(lines2.count == 52)
        #expect(lines2[50] == "farm/products/extra-virgin-500ml.yaml:30000:1: … and 29954 more problems in this file — only the first 50 are listed; fix those and run the check again")
    }

    @Test("serial numbers near Int.max and a billion units are refused before any arithmetic")
    func serialRanges() throws {
        let nearMax = try Case { _ in }
        try nearMax.replace("{first: 1, count: 300, digits: 6}", with: "{first: 9223372036854775800, count: 300, digits: 6}", in: "batches/novello-2026-s.yaml")
        try nearMax.refuses("farm/batches/novello-2026-s.yaml:7:21: serialized.first: first must be 0 to 999999999999999999, not 9223372036854775800 — start the serials at a smaller number, e.g. `first: 1`\(Self.oneProblem)")
        let billion = try Case { _ in }
        try billion.replace("quantity: 300\nserialized: {first: 1, count: 300, digits: 6}", with: "quantity: 1000000000\nserialized: {first: 1, count: 1000000000, digits: 10}", in: "batches/novello-2026-s.yaml")
        try billion.refuses("farm/batches/novello-2026-s.yaml:7:31: serialized.count: 1000000000 units is more than the 1000000 a serialized batch may number — split the batch, or raise `limits: {serialized_units: …}` in passport.yaml (at most 100000000)\(Self.oneProblem)")
    }

    @Test("label runs are capped and --from/--count checked before arithmetic")
    func labelCounts() throws {
        let hostile = try Case { _ in }
        try hostile.refuses("batch `evo-2026-a`: 1000000000 labels is more than the 100000 one run may print — print them in runs with --from and --count, build with --no-labels, or raise `limits: {labels_per_run: …}` in passport.yaml (at most 100000000)\n",
                            arguments: ["labels", "farm", "--batch", "evo-2026-a", "--count", "1000000000", "-o", "out", "--quiet"])
        try hostile.refuses("batch `novello-2026-s` has serials 000001…000300; unit 9223372036854775807 is outside that range — check --from\n",
                            arguments: ["labels", "farm", "--batch", "novello-2026-s", "--from", "9223372036854775807", "-o", "out", "--quiet"])
        try hostile.refuses("batch `novello-2026-s` has serials 000001…000300; units 2…2 + 9223372036854775807 - 1 are outside that range — check --from and --count\n",
                            arguments: ["labels", "farm", "--batch", "novello-2026-s", "--from", "2", "--count", "9223372036854775807", "-o", "out", "--quiet"])
        try hostile.replace("signing_key: main", with: "signing_key: main\nlimits: {labels_per_run: 100}", in: "passport.yaml")
        try hostile.refuses("batch `novello-2026-s`: 300 labels is more than the 100 one run may print", whole: false,
                            arguments: ["build", "farm", "--output", "out"])
    }

    @Test("manifest cells that would run as spreadsheet formulas are written as text, and read back exactly")
    func manifestFormulas() throws {
        let hostile = try Case { _ in }
        try hostile.replace("{first: 1, count: 300, digits: 6}", with: "{prefix: \"=1+\", first: 1, count: 3, digits: 6}", in: "batches/novello-2026-s.yaml")
        try hostile.replace("quantity: 300", with: "quantity: 3", in: "batches/novello-2026-s.yaml")
        let result = try Command.run(["labels", "farm", "--batch", "novello-2026-s", "--format", "pdf", "-o", "out", "--quiet"],
                                     in: hostile.directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let manifest = try String(contentsOf: hostile.directory.url.appendingPathComponent("out/novello-2026-s/pdf/manifest.csv"), encoding: .utf8)
        let rows = manifest.split(separator: "\r\n")
        #expect(rows.count == 4)
        #expect(rows.dropFirst().allSatisfy { $0.hasPrefix("'=1+00000") }, "\(manifest)")
        // Python's csv module (not our code) reads it; dropping one leading apostrophe gives the serials back.
        let script = """
            import csv, sys
            rows = list(csv.reader(open(sys.argv[1], newline='')))
            print(' '.join(r[0][1:] if r[0].startswith("'") else r[0] for r in rows[1:]))
            """
        let read = try ExternalTool.run("/usr/bin/python3",
                                        ["-c", script, hostile.directory.url.appendingPathComponent("out/novello-2026-s/pdf/manifest.csv").path])
        #expect(read.stdout == "=1+000001 =1+000002 =1+000003\n", "\(read.stdout)\(read.stderr)")
    }
}
