import Foundation
import PassportTestSupport
import Testing

/// `passport init` + `passport build` on the example, checked against external truth.
@Suite("Building the example project", .serialized)
struct BuildCommandTests {
    /// A fresh example project and its build output.
    struct Built {
        let directory: TemporaryFolder
        var project: URL { directory.url.appendingPathComponent("farm") }
        var output: URL { directory.url.appendingPathComponent("out") }
        var site: URL { output.appendingPathComponent("site") }
    }

    static func initAndBuild(labels: Bool = false) throws -> Built {
        let built = Built(directory: try TemporaryFolder())
        let created = try Command.run(["init", "farm"], in: built.directory.url)
        #expect(created.status == 0, "\(created.stderr)")
        var arguments = ["build", "farm", "--output", "out"]
        if !labels { arguments.append("--no-labels") }
        let build = try Command.run(arguments, in: built.directory.url)
        #expect(build.status == 0, "\(build.stderr)")
        return built
    }

    @Test("every passport, conformity credential, event credential, status list and linkset passes the UNTP, W3C and JSON-LD checks")
    func credentialsConform() throws {
        let built = try Self.initAndBuild()
        let checked = try Command.python(Checkout.path("Tests/Support/check_credentials.py"),
                                         ["--conformance", Command.conformance.path, "--site", built.site.path, built.site.path])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("checked 12 files (dcc 0.7.0: 2, dpp 0.7.0: 2, dte 0.7.0: 2, linkset: 4, status-list: 2): 0 problems"),
                "\(checked.stdout)\(checked.stderr)")
    }

    @Test("the example's certificates are certifier-signed and the passports point at them by digest")
    func certifierSigned() throws {
        let built = try Self.initAndBuild()
        let dcc = try String(contentsOf: built.site.appendingPathComponent("certificates/eu-organic/dcc.json"), encoding: .utf8)
        #expect(dcc.contains("\"assessorLevel\": \"3rdParty\""))
        #expect(dcc.contains("did:web:terraviva-cert.example"))
        let jwt = try Data(contentsOf: built.site.appendingPathComponent("certificates/eu-organic/dcc.jwt"))
        let digest = try sha256Hex(jwt)
        let dpp = try String(contentsOf: built.site.appendingPathComponent("01/08012345000012/10/L2026A/dpp.json"), encoding: .utf8)
        // digestMultibase: "u" + base64url(multihash 0x12 0x20 + SHA-256), per VC Data Integrity.
        let multihash = Data([0x12, 0x20] + stride(from: 0, to: 64, by: 2).map { offset in
            UInt8(digest.dropFirst(offset).prefix(2), radix: 16) ?? 0
        })
        let multibase = "u" + multihash.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        #expect(dpp.contains("\"digestMultibase\": \"\(multibase)\""))
        let did = try String(contentsOf: built.site.appendingPathComponent(".well-known/did.json"), encoding: .utf8)
        #expect(did.contains("\"publicKeyMultibase\": \"z6Mk"))
        #expect(did.contains("did:web:oliveto.example#main"))
    }

    @Test("same input and keys give byte-identical output")
    func deterministic() throws {
        let built = try Self.initAndBuild()
        let again = try Command.run(["build", "farm", "--output", "out2", "--no-labels"], in: built.directory.url)
        #expect(again.status == 0, "\(again.stderr)")
        let first = try TreeSnapshot(built.output), second = try TreeSnapshot(built.directory.url.appendingPathComponent("out2"))
        #expect(first.files.keys.sorted() == second.files.keys.sorted())
        for (path, data) in first.files { #expect(second.files[path] == data, "\(path) differs") }
    }

    @Test("a rebuild writes only what changed: an edited batch rewrites its own files, every other file keeps its inode")
    func incrementalRebuild() throws {
        let built = try Self.initAndBuild()
        func stamps() throws -> [String: String] {
            var stamps: [String: String] = [:]
            for path in FileTree.files(below: built.site) {
                let attributes = try FileManager.default.attributesOfItem(atPath: built.site.appendingPathComponent(path).path)
                stamps[path] = "\(attributes[.systemFileNumber] ?? 0) \(attributes[.modificationDate] ?? 0)"
            }
            return stamps
        }
        let first = try stamps()
        let same = try Command.run(["build", "farm", "--output", "out", "--no-labels"], in: built.directory.url)
        #expect(same.status == 0, "\(same.stderr)")
        #expect(same.stdout.contains("(11 pages; 0 files written, \(first.count) unchanged since the last build)"), "\(same.stdout)")
        #expect(try stamps() == first)

        let batch = built.project.appendingPathComponent("batches/evo-2026-a.yaml")
        let text = try String(contentsOf: batch, encoding: .utf8)
        try text.replacingOccurrences(of: "Filtered and bottled under nitrogen", with: "Filtered and bottled under argon")
            .write(to: batch, atomically: true, encoding: .utf8)
        let edited = try Command.run(["build", "farm", "--output", "out", "--no-labels"], in: built.directory.url)
        #expect(edited.status == 0, "\(edited.stderr)")
        let after = try stamps()
        let changed = Set(after.keys.filter { after[$0] != first[$0] })
        let lot = "01/08012345000012/10/L2026A/"
        // The batch's signed passport, its journey events, its pages in both languages; the
        // product's card (it shows the latest lot); the bundle (it lists every passport's digest).
        #expect(changed == [lot + "dpp.json", lot + "dpp.jwt", lot + "dte.json", lot + "dte.jwt", lot + "index.html",
                            lot + "index.it.html", "01/08012345000012/card.js", "01/08012345000012/card.json",
                            ".well-known/passport-bundle.json"])
        #expect(edited.stdout.contains("(11 pages; \(changed.count) files written, \(first.count - changed.count) unchanged since the last build)"),
                "\(edited.stdout)")
        #expect(try String(contentsOf: built.site.appendingPathComponent(lot + "index.html"), encoding: .utf8)
            .contains("Filtered and bottled under argon"))
        // And the incremental output is the output a fresh build makes.
        let fresh = try Command.run(["build", "farm", "--output", "fresh", "--no-labels"], in: built.directory.url)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(try TreeSnapshot(built.output.appendingPathComponent("site"))
            == TreeSnapshot(built.directory.url.appendingPathComponent("fresh/site")))
    }

    @Test("no private key material is ever written to the output")
    func noPrivateKeys() throws {
        let built = try Self.initAndBuild()
        let keyFile = try String(contentsOf: built.project.appendingPathComponent("keys/main.jwk"), encoding: .utf8)
        let secret = try #require(keyFile.split(separator: "\"").drop { $0 != "d" }.dropFirst(2).first)
        let snapshot = try TreeSnapshot(built.output)
        for (path, data) in snapshot.files {
            #expect(!String(decoding: data, as: UTF8.self).contains(secret), "\(path) holds the private key")
            #expect(!path.hasSuffix(".jwk"), "\(path) is a key file")
        }
    }

    @Test("a failed build leaves the previous output untouched and nothing half-written")
    func failedBuildKeepsOutput() throws {
        let built = try Self.initAndBuild()
        let before = try TreeSnapshot(built.output)
        let batch = built.project.appendingPathComponent("batches/evo-2026-a.yaml")
        let text = try String(contentsOf: batch, encoding: .utf8)
        try text.replacingOccurrences(of: "lat: 43.0582", with: "lat: 143.0582").write(to: batch, atomically: true, encoding: .utf8)
        let failed = try Command.run(["build", "farm", "--output", "out", "--no-labels"], in: built.directory.url)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("farm/batches/evo-2026-a.yaml:11:10: journey[1].lat: latitude 143.0582 is out of range"), "\(failed.stderr)")
        #expect(try TreeSnapshot(built.output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: built.output.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test("a conformity credential altered after the certifier signed it stops the build")
    func tamperedCertifierCredential() throws {
        let built = try Self.initAndBuild()
        let file = built.project.appendingPathComponent("certificates/eu-organic.dcc.jwt")
        var jwt = try String(contentsOf: file, encoding: .utf8)
        let middle = jwt.index(jwt.startIndex, offsetBy: jwt.count / 2)
        jwt.replaceSubrange(middle...middle, with: jwt[middle] == "A" ? "B" : "A")
        try jwt.write(to: file, atomically: true, encoding: .utf8)
        let failed = try Command.run(["build", "farm", "--output", "out3", "--no-labels"], in: built.directory.url)
        #expect(failed.status == 1)
        #expect(failed.stderr.hasPrefix("certificates/eu-organic.dcc.jwt: "), "\(failed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: built.directory.url.appendingPathComponent("out3/site").path))
    }

    @Test("keys are created private, and a key others can read is refused with the fix")
    func keyPermissions() throws {
        let directory = try TemporaryFolder()
        let created = try Command.run(["keys", "new", "key-2027"], in: directory.url)
        #expect(created.status == 0, "\(created.stderr)")
        let path = directory.url.appendingPathComponent("keys/key-2027.jwk").path
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode & 0o777 == 0o600)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let listed = try Command.run(["keys", "list"], in: directory.url)
        #expect(listed.status == 1)
        #expect(listed.stderr.contains("chmod 600"), "\(listed.stderr)")
        let again = try Command.run(["keys", "new", "key-2027"], in: directory.url)
        #expect(again.status == 1)
    }

    @Test("init refuses a folder that is not empty")
    func initRefusesExisting() throws {
        let directory = try TemporaryFolder()
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("farm"), withIntermediateDirectories: true)
        try "x".write(to: directory.url.appendingPathComponent("farm/notes.txt"), atomically: true, encoding: .utf8)
        let result = try Command.run(["init", "farm"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("farm already exists and is not empty"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.appendingPathComponent("farm").path) == ["notes.txt"])
    }
}

/// SHA-256 through the system's sha256sum, so the test does not share code with what it checks.
func sha256Hex(_ data: Data) throws -> String {
    String(try ExternalTool.run("/usr/bin/sha256sum", [], input: data).stdout.prefix(64))
}
