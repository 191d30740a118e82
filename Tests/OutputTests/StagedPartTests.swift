import Foundation
import Output
import PassportTestSupport
import Testing

@Suite("Staged parts: a rebuild writes only what changed")
struct StagedPartTests {
    func stamp(_ url: URL, _ path: String) throws -> FileStamp {
        try #require(FileStamp.of(url.appendingPathComponent(path).path))
    }

    /// One run that writes `files` (path, text), in order, into the part `site` of `output`;
    /// committed unless told otherwise. What the part counted.
    @discardableResult
    func run(_ output: URL, _ files: KeyValuePairs<String, String>, commit: Bool = true) throws -> StagedPart.Tally {
        let staged = try StagedOutput(destination: output)
        let site = try staged.partWriter("site")
        for (path, text) in files { try site.write(text, to: path) }
        if commit { try staged.commit() }
        return site.counts
    }

    @Test("unchanged files keep their inode and time, changed and new files are written, dropped files go")
    func linksUnchanged() throws {
        let root = try TemporaryFolder.kept()
        let output = root.appendingPathComponent("output")
        let first = try run(output, ["a/same.html": "same", "a/changed.html": "old", "b/dropped.html": "gone", "empty.txt": ""])
        #expect(first == .init(written: 4, unchanged: 0))
        let sameBefore = try stamp(output, "site/a/same.html"), emptyBefore = try stamp(output, "site/empty.txt")
        let changedBefore = try stamp(output, "site/a/changed.html")

        let second = try run(output, ["a/same.html": "same", "a/changed.html": "new", "empty.txt": "", "c/new.html": "fresh"])
        #expect(second == .init(written: 2, unchanged: 2))

        #expect(try stamp(output, "site/a/same.html") == sameBefore)
        #expect(try stamp(output, "site/empty.txt") == emptyBefore)
        #expect(try stamp(output, "site/a/changed.html") != changedBefore)
        #expect(try String(contentsOf: output.appendingPathComponent("site/a/changed.html"), encoding: .utf8) == "new")
        #expect(try String(contentsOf: output.appendingPathComponent("site/c/new.html"), encoding: .utf8) == "fresh")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("site/b").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["output"])
    }

    @Test("a same-sized file with other bytes, or one with wider permissions, is written anew")
    func comparesBytesAndPermissions() throws {
        let root = try TemporaryFolder.kept()
        let output = root.appendingPathComponent("output")
        try run(output, ["x.txt": "abcd", "y.txt": "secret"])
        // Someone loosened a file's permissions by hand: it is not reused as it is.
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: output.appendingPathComponent("site/y.txt").path)

        #expect(try run(output, ["x.txt": "abce", "y.txt": "secret"]) == .init(written: 2, unchanged: 0))
        #expect(try String(contentsOf: output.appendingPathComponent("site/x.txt"), encoding: .utf8) == "abce")
        let mode = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("site/y.txt").path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o022 } == 0)
    }

    @Test("a run that never commits leaves the previous files, links and all, as they were")
    func abandonedKeepsPrevious() throws {
        let root = try TemporaryFolder.kept()
        let output = root.appendingPathComponent("output")
        try run(output, ["index.html": "page"])
        let before = try stamp(output, "site/index.html")
        #expect(try run(output, ["index.html": "page"], commit: false) == .init(written: 0, unchanged: 1))
        #expect(try stamp(output, "site/index.html") == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["output"])
    }
}
