import Foundation
import PassportTestSupport
import Testing

/// Status lists, recalls, revocations and self-declared claims, through the `passport` command.
@Suite("Status lists, revocation and claims", .serialized)
struct StatusCommandTests {
    /// The set positions of a published status list, read with Python's gzip and base64 (not our code).
    static func setBits(_ listJSON: URL) throws -> [Int] {
        let script = """
            import base64, gzip, json, sys
            subject = json.load(open(sys.argv[1]))['credentialSubject']
            body = subject['encodedList'][1:]
            bits = gzip.decompress(base64.urlsafe_b64decode(body + '=' * (-len(body) % 4)))
            print(subject['statusPurpose'], len(bits) * 8, ' '.join(str(i * 8 + b) for i, v in enumerate(bits) for b in range(8) if v & (0x80 >> b)))
            """
        let file = try TemporaryFolder()
        let path = file.appending("bits.py")
        try script.write(to: path, atomically: true, encoding: .utf8)
        let result = try Command.python(path, [listJSON.path])
        let fields = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        #expect(fields.count >= 2 && fields[1] == "131072", "\(result.stdout)\(result.stderr)")
        return fields.dropFirst(2).compactMap { Int($0) }
    }

    /// The text of the first page of a label sheet, as poppler's pdftotext reads it.
    static func text(of pdf: URL) throws -> String {
        try ExternalTool.run("/usr/bin/pdftotext", ["-l", "1", pdf.path, "-"]).stdout
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    }

    /// The status index a passport names for `key` (`credentialStatus` or `suspensionStatus`).
    static func index(_ passport: URL, _ key: String) throws -> Int? {
        (try json(passport)[key] as? [String: Any])?["statusListIndex"] as? Int
    }

    @Test("a recall sets the batch's suspension bit and no other; nothing is revoked; the page names both lists")
    func recallSetsOneBit() throws {
        let built = try BuildCommandTests.initAndBuild()
        let batch = built.project.appendingPathComponent("batches/evo-2026-a.yaml")
        try (String(contentsOf: batch, encoding: .utf8) + "recall: {date: 2026-11-02, reason: Glass fragments}\n")
            .write(to: batch, atomically: true, encoding: .utf8)
        let rebuilt = try Command.run(["build", "farm", "--output", "out", "--no-labels"], in: built.directory.url)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let recalled = built.site.appendingPathComponent("01/08012345000012/10/L2026A/dpp.json")
        let other = built.site.appendingPathComponent("01/08012345000029/10/N2026S/dpp.json")
        let position = try #require(try Self.index(recalled, "suspensionStatus"))
        #expect(try Self.index(recalled, "credentialStatus") == position, "one position in both lists")
        #expect(try Self.index(other, "suspensionStatus") != position)
        #expect(try Self.setBits(built.site.appendingPathComponent("status/suspension.json")) == [position])
        #expect(try Self.setBits(built.site.appendingPathComponent("status/revocation.json")) == [])
        let page = try String(contentsOf: built.site.appendingPathComponent("01/08012345000012/10/L2026A/index.html"), encoding: .utf8)
        #expect(page.contains("data-suspension=\"../../../../status/suspension.jwt\" data-suspension-index=\"\(position)\""))
        let checked = try Command.python(Checkout.path("Tests/Support/check_credentials.py"),
                                         ["--site", built.site.path, built.site.path])
        #expect(checked.status == 0, "\(checked.stdout)")
    }

    @Test("positions are kept for ever: a rebuild changes nothing, a new batch gets a new one, a removed one keeps its own")
    func positionsStable() throws {
        let built = try BuildCommandTests.initAndBuild()
        let allocation = built.project.appendingPathComponent("status/allocation.yaml")
        let first = try String(contentsOf: allocation, encoding: .utf8)
        #expect(first.contains("credential: \"passport 08012345000012/L2026A\""))
        let batches = built.project.appendingPathComponent("batches")
        let text = try String(contentsOf: batches.appendingPathComponent("evo-2026-a.yaml"), encoding: .utf8)
        try text.replacingOccurrences(of: "lot: L2026A", with: "lot: L2026B")
            .write(to: batches.appendingPathComponent("evo-2026-b.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: batches.appendingPathComponent("novello-2026-s.yaml"))
        let again = try Command.run(["build", "farm", "--output", "out2", "--no-labels"], in: built.directory.url)
        #expect(again.status == 0, "\(again.stderr)")
        let second = try String(contentsOf: allocation, encoding: .utf8)
        for line in first.split(separator: "\n") { #expect(second.contains(line), "lost: \(line)") }
        #expect(second.contains("credential: \"passport 08012345000012/L2026B\""))
        let oldIndex = try Self.index(built.site.appendingPathComponent("01/08012345000012/10/L2026A/dpp.json"), "credentialStatus")
        let newSite = built.directory.url.appendingPathComponent("out2/site")
        #expect(try Self.index(newSite.appendingPathComponent("01/08012345000012/10/L2026A/dpp.json"), "credentialStatus") == oldIndex)
        #expect(try Self.index(newSite.appendingPathComponent("01/08012345000012/10/L2026B/dpp.json"), "credentialStatus") != oldIndex)
        let unchanged = try Command.run(["build", "farm", "--output", "out3", "--no-labels"], in: built.directory.url)
        #expect(unchanged.status == 0)
        #expect(try String(contentsOf: allocation, encoding: .utf8) == second)
    }

    @Test("passport revoke refuses what it cannot revoke, and records a revocation once")
    func revokeRecords() throws {
        let built = try BuildCommandTests.initAndBuild()
        let revoked = try Command.run(["revoke", "farm", "batches/evo-2026-a", "--reason", "Wrong best-before date"],
                                      in: built.directory.url)
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(revoked.stdout.contains("Revoked passport 08012345000012/L2026A (recorded in farm/status/revoked.yaml)"))
        let file = try String(contentsOf: built.project.appendingPathComponent("status/revoked.yaml"), encoding: .utf8)
        #expect(file.contains("credential: \"passport 08012345000012/L2026A\"\n    date: 2026-09-21\n    reason: \"Wrong best-before date\""))
        let again = try Command.run(["revoke", "farm", "evo-2026-a"], in: built.directory.url)
        #expect(again.stdout.contains("was already revoked; nothing changed"))
        let unknown = try Command.run(["revoke", "farm", "batches/nothing"], in: built.directory.url)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no batch or certificate `batches/nothing` in this project"))
        let signed = try Command.run(["revoke", "farm", "certificates/eu-organic"], in: built.directory.url)
        #expect(signed.status == 1)
        #expect(signed.stderr.contains("is signed by Terra Viva Certification: only they can revoke it"))
        let check = try Command.run(["check", "farm"], in: built.directory.url)
        #expect(check.status == 0, "status/revoked.yaml reads back: \(check.stderr)")
    }

    @Test("passport revoke, then build, then verify: REVOKED; the revocation survives later builds")
    func revokeThenVerify() throws {
        let shop = try VerifyShop(prepare: [["revoke", "farm", "batches/evo-2026-a", "--reason", "Wrong best-before date"]])
        let verdict = try shop.run(["verify", "https://oliveto.example/01/08012345000012/10/L2026A"])
        #expect(verdict.status == 1)
        #expect(verdict.stdout.hasPrefix("REVOKED — Oliveto Val d'Orcia Cooperative has withdrawn the passport of lot L2026A (revocation list of 2026-10-26T07:33:20Z)"), "\(verdict.stdout)")
        let other = try shop.run(["verify", try shop.code(serial: "000001")])
        #expect(other.stdout.hasPrefix("GENUINE"), "\(other.stdout)")
        let site = shop.output.appendingPathComponent("site")
        let position = try #require(try Self.index(site.appendingPathComponent("01/08012345000012/10/L2026A/dpp.json"), "credentialStatus"))
        #expect(try Self.setBits(site.appendingPathComponent("status/revocation.json")) == [position])
        let rebuilt = try shop.run(["build", "farm", "-o", shop.output.path, "--no-labels"], environment: ["SOURCE_DATE_EPOCH": "1793100000"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(try Self.setBits(site.appendingPathComponent("status/revocation.json")) == [position])
    }

    @Test("a certifier revokes what it signed: the shop sees the certificate revoked")
    func certifierRevokes() throws {
        let shop = try VerifyShop(prepare: [["revoke", "--certifier", "farm/certifier", "farm", "eu-organic"]])
        #expect(FileManager.default.fileExists(atPath: shop.project.appendingPathComponent("certifier/status/revocation.jwt").path))
        let verdict = try shop.run(["verify", try shop.code(serial: "000001")])
        #expect(verdict.status == 2)
        #expect(verdict.stdout.contains("EU organic IT-BIO-009-2026-1187 was revoked by Terra Viva Certification"), "\(verdict.stdout)")
    }

    @Test("a self-declared certificate: check warns naming its file; the page names it in words; the label prints no badge")
    func selfDeclared() throws {
        let built = try BuildCommandTests.initAndBuild(labels: true)
        let label = built.output.appendingPathComponent("labels/novello-2026-s/labels.pdf")
        #expect(try Self.text(of: label).contains("EU Organic"))
        let clean = try Command.run(["check", "farm"], in: built.directory.url)
        #expect(clean.status == 0 && clean.stderr.isEmpty, "\(clean.stderr)")

        try FileManager.default.removeItem(at: built.project.appendingPathComponent("certificates/eu-organic.dcc.jwt"))
        let check = try Command.run(["check", "farm"], in: built.directory.url)
        #expect(check.status == 0)
        #expect(check.stdout.contains("farm is ready"))
        #expect(check.stderr == "farm/certificates/eu-organic.yaml: warning: EU organic is self-declared: no certifier-signed credential (certificates/eu-organic.dcc.jwt), so pages show it as \"self-declared\" and labels print no badge for it. Ask Terra Viva Certification to sign it with `passport certify`.\n")

        let build = try Command.run(["build", "farm", "--output", "out"], in: built.directory.url)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("(1 signed by the certifier)"))
        let page = try String(contentsOf: built.site.appendingPathComponent("01/08012345000029/10/N2026S/index.html"), encoding: .utf8)
        let hero = page.components(separatedBy: "</section>").first ?? ""
        #expect(!hero.contains("class=\"badge"), "a self-declared claim drawn as a badge")
        #expect(hero.contains("<p class=\"self-declared\">Self-declared by the producer, not certified: EU organic</p>"))
        let dcc = try Self.json(built.site.appendingPathComponent("certificates/eu-organic/dcc.json"))
        #expect((dcc["credentialSubject"] as? [String: Any])?["assessorLevel"] as? String == "self")
        #expect(!(try Self.text(of: label).contains("EU Organic")))
    }

    @Test("passport --version names the version every credential's issuingSoftware carries")
    func version() throws {
        let built = try BuildCommandTests.initAndBuild()
        let version = try Command.run(["--version"])
        #expect(version.status == 0)
        let printed = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!printed.isEmpty)
        for file in ["01/08012345000012/10/L2026A/dpp.json", "01/08012345000012/10/L2026A/dte.json",
                     "certificates/eu-organic/dcc.json", "status/revocation.json"] {
            let software = try Self.json(built.site.appendingPathComponent(file))["issuingSoftware"] as? [String: Any]
            #expect(software?["name"] as? String == "passport", "\(file)")
            #expect(software?["version"] as? String == printed, "\(file)")
        }
    }
}
