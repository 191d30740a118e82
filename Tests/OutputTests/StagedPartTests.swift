import Foundation
import Output
import PassportTestSupport
import Testing

@Suite("Staged parts: a rebuild writes only what changed")
struct StagedPartTests {
    func stamp(_ url: URL, _ path: String) throws -> FileStamp {
        try #require(FileStamp.of(url.appendingPathComponent(path).path))
    }

    @Test("unchanged files keep their inode and time, changed and new files are written, dropped files go")
    func linksUnchanged() throws {
        let root = try TemporaryFolder.kept()
        let output = root.appendingPathComponent("output")
        let first = try StagedOutput(destination: output)
        let site = try first.partWriter("site")
        try site.write("same", to: "a/same.html")
        try site.write("old", to: "a/changed.html")
        try site.write("gone", to: "b/dropped.html")
        try site.write("", to: "empty.txt")
        #expect(site.counts == .init(written: 4, unchanged: 0))
        try first.commit()
        let sameBefore = try stamp(output, "site/a/same.html"), emptyBefore = try stamp(output, "site/empty.txt")
        let changedBefore = try stamp(output, "site/a/changed.html")

        let second = try StagedOutput(destination: output)
        let again = try second.partWriter("site")
        try again.write("same", to: "a/same.html")
        try again.write("new", to: "a/changed.html")
        try again.write("", to: "empty.txt")
        try again.write("fresh", to: "c/new.html")
        #expect(again.counts == .init(written: 2, unchanged: 2))
        try second.commit()

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
        let first = try StagedOutput(destination: output)
        let site = try first.partWriter("site")
        try site.write("abcd", to: "x.txt")
        try site.write("secret", to: "y.txt")
        try first.commit()
        // Someone loosened a file's permissions by hand: it is not reused as it is.
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: output.appendingPathComponent("site/y.txt").path)

        let second = try StagedOutput(destination: output)
        let again = try second.partWriter("site")
        try again.write("abce", to: "x.txt")
        try again.write("secret", to: "y.txt")
        #expect(again.counts == .init(written: 2, unchanged: 0))
        try second.commit()
        #expect(try String(contentsOf: output.appendingPathComponent("site/x.txt"), encoding: .utf8) == "abce")
        let mode = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("site/y.txt").path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o022 } == 0)
    }

    @Test("a run that never commits leaves the previous files, links and all, as they were")
    func abandonedKeepsPrevious() throws {
        let root = try TemporaryFolder.kept()
        let output = root.appendingPathComponent("output")
        let first = try StagedOutput(destination: output)
        try first.partWriter("site").write("page", to: "index.html")
        try first.commit()
        let before = try stamp(output, "site/index.html")
        do {
            let second = try StagedOutput(destination: output)
            try second.partWriter("site").write("page", to: "index.html")
        }
        #expect(try stamp(output, "site/index.html") == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["output"])
    }
}
