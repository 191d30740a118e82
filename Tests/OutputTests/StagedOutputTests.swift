import Foundation
import Output
import PassportTestSupport
import Testing

@Suite("Staged output: swapped in whole")
struct StagedOutputTests {
    /// Every file (its text) and folder ("/") below `root`.
    func tree(_ root: URL) -> [String: String] {
        let files = Set(FileTree.files(below: root))
        var tree: [String: String] = [:]
        for path in FileTree.entries(below: root) {
            if files.contains(path) {
                tree[path] = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            } else {
                tree[path] = "/"
            }
        }
        return tree
    }

    @Test("a first commit creates the output; a second replaces the parts it produced and keeps the others")
    func replacesPartsKeepsOthers() throws {
        let root = try TemporaryFolder.kept()
        let output = root.appendingPathComponent("output")
        let first = try StagedOutput(destination: output)
        try FileWriter.write("old page", to: try first.part("site").appendingPathComponent("index.html"))
        try FileWriter.write("old stale", to: try first.part("site").appendingPathComponent("stale.html"))
        try FileWriter.write("labels", to: try first.part("labels").appendingPathComponent("a/labels.pdf"))
        try first.commit()
        try FileWriter.write("keep me", to: output.appendingPathComponent(".gitkeep"))

        let second = try StagedOutput(destination: output)
        try FileWriter.write("new page", to: try second.part("site").appendingPathComponent("index.html"))
        try second.commit()
        #expect(tree(output) == ["site": "/", "site/index.html": "new page", "labels": "/", "labels/a": "/",
                                 "labels/a/labels.pdf": "labels", ".gitkeep": "keep me"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["output"])
    }

    @Test("a nested part replaces one folder and keeps its siblings")
    func nestedPart() throws {
        let root = try TemporaryFolder.kept()
        let labels = root.appendingPathComponent("labels")
        let first = try StagedOutput(destination: labels)
        try FileWriter.write("a1", to: try first.part("lot-a").appendingPathComponent("labels.pdf"))
        try FileWriter.write("b1", to: try first.part("lot-b").appendingPathComponent("labels.pdf"))
        try first.commit()
        let second = try StagedOutput(destination: labels)
        try FileWriter.write("a2", to: try second.part("lot-a").appendingPathComponent("labels.pdf"))
        try second.commit()
        #expect(tree(labels) == ["lot-a": "/", "lot-a/labels.pdf": "a2", "lot-b": "/", "lot-b/labels.pdf": "b1"])
    }

    @Test("a run that never commits leaves the previous output exactly as it was, and no staging folder")
    func abandoned() throws {
        let root = try TemporaryFolder.kept()
        let output = root.appendingPathComponent("output")
        let first = try StagedOutput(destination: output)
        try FileWriter.write("old", to: try first.part("site").appendingPathComponent("index.html"))
        try first.commit()
        do {
            let failing = try StagedOutput(destination: output)
            try FileWriter.write("half", to: try failing.part("site").appendingPathComponent("index.html"))
        }
        #expect(tree(output) == ["site": "/", "site/index.html": "old"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["output"])
    }

    @Test("carried-over files are hard links, and writing a new file never changes the previous output's file")
    func hardLinksAreNeverWrittenThrough() throws {
        let root = try TemporaryFolder.kept()
        let output = root.appendingPathComponent("output")
        let first = try StagedOutput(destination: output)
        try FileWriter.write("v1", to: try first.part("bundle").appendingPathComponent("bundle.json"))
        try first.commit()
        let second = try StagedOutput(destination: output)
        _ = try second.part("site")
        // A writer that reaches a carried-over name must replace it, not write through the link.
        try FileWriter.write("v1", to: try second.part("site").appendingPathComponent("x"))
        try second.commit()
        let third = try StagedOutput(destination: output)
        try third.commit()
        #expect(tree(output)["bundle/bundle.json"] == "v1")
    }

    @Test("leftovers of a killed run are removed by the next one; a live run's staging folder is not")
    func leftoversCleaned() throws {
        let root = try TemporaryFolder.kept()
        let output = root.appendingPathComponent("output")
        for name in [".output.staging-dead1", ".output.old-dead2"] {
            try FileWriter.write("junk", to: root.appendingPathComponent(name).appendingPathComponent("site/a.html"))
        }
        let live = try StagedOutput(destination: output)
        let next = try StagedOutput(destination: output)
        try next.commit()
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        #expect(names == [live.staging.lastPathComponent, "output"].sorted())
    }

    @Test("an output left aside by a run killed between two renames is put back")
    func recoversAside() throws {
        let root = try TemporaryFolder.kept()
        try FileWriter.write("previous", to: root.appendingPathComponent(".output.old-abc/site/index.html"))
        let run = try StagedOutput(destination: root.appendingPathComponent("output"))
        try run.commit()
        #expect(tree(root.appendingPathComponent("output")) == ["site": "/", "site/index.html": "previous"])
    }

    @Test("atomic file replacement leaves no temporary file")
    func atomicWrite() throws {
        let root = try TemporaryFolder.kept()
        let file = root.appendingPathComponent("trust/trust.json")
        try FileWriter.writeAtomically(Data("one".utf8), to: file)
        try FileWriter.writeAtomically(Data("two".utf8), to: file, permissions: .ownerOnly)
        #expect(tree(root) == ["trust": "/", "trust/trust.json": "two"])
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
