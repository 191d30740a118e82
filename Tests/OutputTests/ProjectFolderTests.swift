import Foundation
import Output
import Testing

@Suite("Project folder: read without leaving it")
struct ProjectFolderTests {
    /// A project with a record, a key, evidence, and a secret file beside the project.
    struct Layout {
        let base: URL
        var project: URL { base.appendingPathComponent("farm") }
        var folder: ProjectFolder { ProjectFolder(root: project, displayRoot: "farm") }

        init() throws {
            base = FileManager.default.temporaryDirectory.appendingPathComponent("passport-folder-\(UUID().uuidString)")
            let files = ["farm/products/oil.yaml": "gtin: '08012345000012'\n", "farm/evidence/cert.pdf": "%PDF-1.4",
                         "farm/keys/main.jwk": "{\"d\": \"secret\"}", "farm/certifier/keys/main.jwk": "{\"d\": \"other\"}",
                         "secret.txt": "root:x:0:0", "farm/products/.hidden.yaml": "x: 1"]
            for (path, text) in files {
                let url = base.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: project.appendingPathComponent("keys/main.jwk").path)
        }

        func link(_ path: String, to target: String) throws {
            try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent(path).path, withDestinationPath: target)
        }

        func remove() { try? FileManager.default.removeItem(at: base) }
    }

    @Test("regular files inside are read; links that stay inside are followed")
    func readsInside() throws {
        let layout = try Layout()
        defer { layout.remove() }
        try layout.link("evidence/same.pdf", to: "cert.pdf")
        try layout.link("images", to: "evidence")
        try layout.link("evidence/absolute.pdf", to: layout.project.appendingPathComponent("evidence/cert.pdf").path)
        for path in ["evidence/cert.pdf", "evidence/same.pdf", "images/cert.pdf", "./evidence/../evidence/cert.pdf",
                     "evidence/absolute.pdf"] {
            #expect(try layout.folder.read(path, limit: 100) == Data("%PDF-1.4".utf8), "\(path)")
        }
        #expect(try layout.folder.names(in: "products") == ["oil.yaml"])
        #expect(try layout.folder.resolvedFolder("images")?.lastPathComponent == "evidence")
        #expect(try layout.folder.resolvedFolder("missing") == nil)
    }

    @Test("a path or link leading outside is refused without reading, naming the file")
    func refusesOutside() throws {
        let layout = try Layout()
        defer { layout.remove() }
        try layout.link("products/evil.yaml", to: "/etc/passwd")
        try layout.link("evidence/up.pdf", to: "../../secret.txt")
        try layout.link("outside", to: "..")
        #expect(throws: ProjectFileError.outside(path: "farm/products/evil.yaml", target: "/etc/passwd")) {
            try layout.folder.read("products/evil.yaml", limit: 1 << 20)
        }
        #expect(throws: ProjectFileError.outside(path: "farm/evidence/up.pdf", target: "../../secret.txt")) {
            try layout.folder.read("evidence/up.pdf", limit: 1 << 20)
        }
        #expect(throws: ProjectFileError.outside(path: "farm/../secret.txt", target: "../secret.txt")) {
            try layout.folder.read("../secret.txt", limit: 1 << 20)
        }
        #expect(throws: ProjectFileError.outside(path: "farm/outside/secret.txt", target: "..")) {
            try layout.folder.read("outside/secret.txt", limit: 1 << 20)
        }
        #expect(throws: ProjectFileError.outside(path: "farm//etc/passwd", target: "/etc/passwd")) {
            try layout.folder.read("/etc/passwd", limit: 1 << 20)
        }
        let message = ProjectFileError.outside(path: "farm/products/evil.yaml", target: "/etc/passwd").description
        #expect(message == "farm/products/evil.yaml: leads outside the project folder (to /etc/passwd) — passport reads only files inside the project: copy the file into the project folder")
    }

    @Test("nothing under a keys folder is read, directly or through a link; keys only by readPrivateKey")
    func refusesKeys() throws {
        let layout = try Layout()
        defer { layout.remove() }
        try layout.link("evidence/cert-copy.pdf", to: "../keys/main.jwk")
        try layout.link("evidence/theirs.pdf", to: "../certifier/keys/main.jwk")
        for (path, real) in [("keys/main.jwk", "keys/main.jwk"), ("evidence/cert-copy.pdf", "keys/main.jwk"),
                             ("certifier/keys/main.jwk", "certifier/keys/main.jwk"),
                             ("evidence/theirs.pdf", "certifier/keys/main.jwk")] {
            #expect(throws: ProjectFileError.privateFile(path: "farm/" + path, real: real)) {
                try layout.folder.read(path, limit: 1 << 20)
            }
        }
        #expect(try layout.folder.readPrivateKey("keys/main.jwk") == Data("{\"d\": \"secret\"}".utf8))
        try FileManager.default.setAttributes([.posixPermissions: 0o644],
                                              ofItemAtPath: layout.project.appendingPathComponent("keys/main.jwk").path)
        #expect(throws: ProjectFileError.tooOpen(path: "farm/keys/main.jwk", mode: 0o644)) {
            try layout.folder.readPrivateKey("keys/main.jwk")
        }
        #expect(throws: ProjectFileError.privateFile(path: "farm/keys", real: "keys")) {
            try layout.folder.resolvedFolder("keys")
        }
    }

    @Test("a FIFO is refused at once, a folder is not a file, a large file is refused, a link loop ends")
    func refusesSpecialFiles() throws {
        let layout = try Layout()
        defer { layout.remove() }
        let fifo = layout.project.appendingPathComponent("keys/fifo.jwk").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Opening a FIFO for reading would wait for a writer forever; this returns at once.
        #expect(throws: ProjectFileError.notRegular(path: "farm/keys/fifo.jwk", kind: "a named pipe (FIFO)")) {
            try layout.folder.readPrivateKey("keys/fifo.jwk")
        }
        #expect(throws: ProjectFileError.notRegular(path: "farm/evidence", kind: "a folder")) {
            try layout.folder.read("evidence", limit: 100)
        }
        #expect(throws: ProjectFileError.tooLarge(path: "farm/evidence/cert.pdf", size: 8, limit: 4)) {
            try layout.folder.read("evidence/cert.pdf", limit: 4)
        }
        try layout.link("evidence/a", to: "b")
        try layout.link("evidence/b", to: "a")
        #expect(throws: ProjectFileError.linkLoop(path: "farm/evidence/a")) {
            try layout.folder.read("evidence/a", limit: 100)
        }
        #expect(throws: ProjectFileError.notAFolder(path: "farm/evidence/cert.pdf/x")) {
            try layout.folder.read("evidence/cert.pdf/x", limit: 100)
        }
        #expect(layout.folder.problem(reading: "evidence/missing.pdf", limit: 100) == .missing(path: "farm/evidence/missing.pdf"))
        #expect(layout.folder.problem(reading: "evidence/cert.pdf", limit: 100) == nil)
    }
}
