import BuildPipeline
import Credentials
import Foundation
import PassportModel
import PassportTestSupport
import Testing

/// `Scaffold`: what `passport init` makes, through the public API.
@Suite("Scaffold")
struct ScaffoldTests {
    @Test("the new project loads with no diagnostics, its keys are private, the upstream digest is filled in")
    func loadsCleanly() throws {
        let folder = try TemporaryFolder("scaffold")
        let root = folder.appending("farm")
        let result = try Scaffold.create(at: root, display: "farm", resources: Starter.resources, now: Starter.now)
        #expect(result.projectRoot == root)
        // The loader throws every problem it finds: loading is the check.
        let project = try ProjectLoader.load(root: root, displayRoot: "farm")
        #expect(project.products.count == 2)
        #expect(project.batches.map(\.id).sorted() == ["evo-2026-a", "novello-2026-s"])
        #expect(project.certificates.count == 2)
        let key = try KeyStore(projectDirectory: root).load(id: project.producer.signingKey)
        #expect(key.publicKey.fingerprint == result.keyFingerprint)
        for file in ["keys/main.jwk", "certifier/keys/main.jwk"] {
            let mode = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(file).path)[.posixPermissions]
            #expect((mode as? Int).map { $0 & 0o777 } == 0o600, "\(file)")
        }
        #expect(try String(contentsOf: root.appendingPathComponent(".gitignore"), encoding: .utf8) == "keys/\ncertifier/keys/\n")
        let upstream = try ExternalTool.run("/usr/bin/sha256sum", [root.appendingPathComponent("upstream/bottle-v2026-09.dpp.jwt").path])
        let batch = try String(contentsOf: root.appendingPathComponent("batches/evo-2026-a.yaml"), encoding: .utf8)
        #expect(batch.contains("sha256: \(upstream.stdout.prefix(64))"))
        #expect(FileTree.files(below: root).filter { $0.hasSuffix(".dcc.jwt") } == [
            "certificates/eu-organic.dcc.jwt", "certificates/regenerative-organic.dcc.jwt",
        ])
        // The project was made beside its place and moved in: nothing else is left.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["farm"])
    }

    @Test("a folder that is not empty is refused and left as it was")
    func refusesExisting() throws {
        let folder = try TemporaryFolder("scaffold")
        try FileTree.write(["farm/notes.txt": "mine"], to: folder.url)
        let error = #expect(throws: BuildError.self) {
            try Scaffold.create(at: folder.appending("farm"), display: "farm", resources: Starter.resources, now: Starter.now)
        }
        #expect(error?.description.contains("farm already exists and is not empty") == true)
        #expect(FileTree.files(below: folder.url) == ["farm/notes.txt"])
    }
}
