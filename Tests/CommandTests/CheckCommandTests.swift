import Foundation
import PassportTestSupport
import Testing

/// `passport check` as a new user meets it: every problem at once, and everything `build` would
/// refuse — records, references, keys, certifiers' credentials.
@Suite("Checking a project", .serialized)
struct CheckCommandTests {
    /// The example project in a fresh folder (`farm/`).
    static func example() throws -> TemporaryFolder {
        let folder = try TemporaryFolder("check")
        let created = try Command.run(["init", "farm"], in: folder.url)
        #expect(created.status == 0, "\(created.stderr)")
        return folder
    }

    static func edit(_ file: URL, _ change: (String) -> String) throws {
        try change(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
    }

    @Test("a typo in one record does not hide a wrong reference in another")
    func typoDoesNotHideTheNextProblem() throws {
        let folder = try Self.example()
        let farm = folder.appending("farm")
        try Self.edit(farm.appendingPathComponent("products/novello-250ml.yaml")) {
            $0.replacingOccurrences(of: "\ndescription:", with: "\ndescripton:")
        }
        try Self.edit(farm.appendingPathComponent("batches/novello-2026-s.yaml")) {
            $0.replacingOccurrences(of: "product: novello-250ml", with: "product: novelo-250ml")
        }
        let check = try Command.run(["check", "farm"], in: folder.url)
        #expect(check.status == 1)
        #expect(check.stderr == """
            farm/batches/novello-2026-s.yaml:2:10: product: no product `novelo-250ml` in products/ — did you mean `novello-250ml`?
            farm/products/novello-250ml.yaml:5:1: descripton: unknown field `descripton` — did you mean `description`?
            2 problems found; nothing was written.

            """)
        let build = try Command.run(["build", "farm", "-o", "out", "--no-labels"], in: folder.url)
        #expect(build.stderr == check.stderr)
    }

    @Test("a batch naming a product whose file has problems gets no second, misleading message")
    func referenceToABrokenRecordIsNotReportedTwice() throws {
        let folder = try Self.example()
        try Self.edit(folder.appending("farm/products/novello-250ml.yaml")) {
            $0.replacingOccurrences(of: "gtin: \"08012345000029\"", with: "gtin: \"0801234500002\"")
        }
        let check = try Command.run(["check", "farm"], in: folder.url)
        #expect(check.status == 1)
        #expect(check.stderr.contains("farm/products/novello-250ml.yaml:1:7: gtin:"), "\(check.stderr)")
        #expect(!check.stderr.contains("no product"), "\(check.stderr)")
        #expect(check.stderr.hasSuffix("1 problem found; nothing was written.\n"), "\(check.stderr)")
    }

    @Test("check refuses what build refuses: a key others may read, a certifier credential that does not hold")
    func checkFindsWhatBuildRefuses() throws {
        let folder = try Self.example()
        let farm = folder.appending("farm")
        let key = farm.appendingPathComponent("keys/main.jwk")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key.path)
        try Self.edit(farm.appendingPathComponent("certificates/eu-organic.yaml")) {
            $0.replacingOccurrences(of: "\nnumber:", with: "\nnumber: X")
        }
        let check = try Command.run(["check", "farm"], in: folder.url)
        #expect(check.status == 1)
        #expect(check.stdout.isEmpty)
        let lines = check.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(check.stderr)")
        #expect(lines.first?.hasPrefix("keys/: The private key file \(key.path) can be read or changed by other users") == true,
                "\(check.stderr)")
        #expect(lines.first?.hasSuffix("Fix it with: chmod 600 \(key.path)") == true)
        #expect(lines.dropFirst().first?.hasPrefix("certificates/eu-organic.dcc.jwt: it does not match certificates/eu-organic.yaml") == true,
                "\(check.stderr)")
        #expect(lines.last == "2 problems found; nothing was written.")

        let build = try Command.run(["build", "farm", "-o", "out", "--no-labels"], in: folder.url)
        #expect(build.status == 1)
        #expect(build.stderr == check.stderr)
        #expect(!FileManager.default.fileExists(atPath: folder.appending("out").path))

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key.path)
        try FileManager.default.removeItem(at: farm.appendingPathComponent("certificates/eu-organic.dcc.jwt"))
        let fixed = try Command.run(["check", "farm"], in: folder.url)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(fixed.stdout.hasPrefix("farm is ready: 2 products, 2 batches, 2 certificates"), "\(fixed.stdout)")
    }

    @Test("outside a project, check says there is none and how to make one")
    func noProjectHere() throws {
        let folder = try TemporaryFolder("noproject")
        try FileManager.default.createDirectory(at: folder.appending("notes"), withIntermediateDirectories: true)
        let here = try Command.run(["check"], in: folder.url)
        #expect(here.status == 1)
        #expect(here.stderr == "no passport project in this folder (there is no passport.yaml here): run `passport init NAME` to create one in NAME/, or give the project folder\n")
        let named = try Command.run(["check", "notes"], in: folder.url)
        #expect(named.stderr == "no passport project in notes (there is no passport.yaml in it): run `passport init notes` to create one there, or give the project folder\n")
        let missing = try Command.run(["build", "farm"], in: folder.url)
        #expect(missing.status == 1)
        #expect(missing.stderr == "farm does not exist: run `passport init farm` to create one there, or give the project folder\n")
        #expect(folder.files() == [])
    }
}
