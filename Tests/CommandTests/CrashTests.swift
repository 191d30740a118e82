import Foundation
import PassportTestSupport
import Testing
import Verify

/// A real `passport` process stopped at a named moment (PASSPORT_TEST_STOP_AT, see
/// docs/security.md) and killed with SIGKILL there: what it leaves must be exactly the previous
/// complete result or exactly the new one, and the next run must leave nothing else behind.
@Suite("Killed at any moment", .serialized)
struct CrashTests {
    /// Runs `passport arguments` until it stops itself at `point`, then kills it with SIGKILL.
    /// Returns false when the process finished without reaching the point.
    static func killed(at point: String, _ arguments: [String], in directory: URL,
                       environment: [String: String] = [:]) throws -> Bool {
        let process = Process()
        process.executableURL = Checkout.passportBinary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["SOURCE_DATE_EPOCH"] = "1790000000"
        env["PASSPORT_TEST_STOP_AT"] = point
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        // Wait for the stop (state T in /proc) or the end; the bound only keeps a broken hook from hanging CI.
        for _ in 0..<60_000 where process.isRunning {
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
               let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "T" {
                kill(pid, SIGKILL)
                process.waitUntilExit()
                return process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
            }
            usleep(5_000)
        }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
        return false
    }

    /// Every file and folder below `root` (folders end in `/`) with the bytes of the files; nil when missing.
    static func tree(_ root: URL) -> [String: Data]? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else { return nil }
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let path = enumerator?.nextObject() as? String {
            let url = root.appendingPathComponent(path)
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            result[isFolder.boolValue ? path + "/" : path] = isFolder.boolValue ? Data() : FileManager.default.contents(atPath: url.path)
        }
        return result
    }

    static func copy(_ from: URL, to: URL) throws {
        try? FileManager.default.removeItem(at: to)
        let result = try ExternalTool.run("/bin/cp", ["-a", from.path, to.path])
        #expect(result.status == 0, "\(result.stderr)")
    }

    enum Expected { case previous, new, asideBetweenRenames }

    @Test("passport build killed at 11 points: output/ is the previous build or the new one, byte for byte; the next build cleans up")
    func build() throws {
        let directory = try TemporaryFolder()
        let base = directory.url
        #expect(try Command.run(["init", "farm"], in: base).status == 0)
        let build = ["build", "farm", "--output", "out", "--no-labels"]
        #expect(try Command.run(build, in: base).status == 0)
        let previous = try #require(Self.tree(base.appendingPathComponent("out")))
        try Self.copy(base.appendingPathComponent("out"), to: base.appendingPathComponent("previous"))
        // The next build differs: a product renamed.
        let product = base.appendingPathComponent("farm/products/extra-virgin-500ml.yaml")
        let text = try String(contentsOf: product, encoding: .utf8)
        try text.replacingOccurrences(of: "Extra virgin olive oil", with: "Olio extravergine").write(to: product, atomically: true, encoding: .utf8)
        #expect(try Command.run(["build", "farm", "--output", "expected", "--no-labels"], in: base).status == 0)
        let new = try #require(Self.tree(base.appendingPathComponent("expected")))
        try FileManager.default.removeItem(at: base.appendingPathComponent("expected"))
        #expect(previous != new)

        let points: [(String, Bool, Expected)] = [
            ("staged", false, .previous), ("file-written#20", false, .previous), ("file-written#300", false, .previous),
            ("before-carry-over", false, .previous), ("before-swap", false, .previous), ("after-swap", false, .new),
            ("removing-old", false, .new),
            ("before-swap", true, .previous), ("between-renames", true, .asideBetweenRenames), ("after-swap", true, .new),
            ("removing-old", true, .new),
        ]
        for (point, fallback, expected) in points {
            let label = "\(point)\(fallback ? " (two renames)" : "")"
            try Self.copy(base.appendingPathComponent("previous"), to: base.appendingPathComponent("out"))
            let stopped = try Self.killed(at: point, build, in: base,
                                          environment: fallback ? ["PASSPORT_TEST_RENAME_FALLBACK": "1"] : [:])
            #expect(stopped, "\(label): the build never reached it")
            let out = Self.tree(base.appendingPathComponent("out"))
            switch expected {
            case .previous: #expect(out == previous, "\(label): output/ is not the previous build")
            case .new: #expect(out == new, "\(label): output/ is not the new build")
            case .asideBetweenRenames:
                // The one instant the fallback cannot cover: output/ is missing, the previous build is
                // intact beside it and the next run puts it back (below, it then builds anew).
                #expect(out == nil)
                let aside = try FileManager.default.contentsOfDirectory(atPath: base.path).filter { $0.hasPrefix(".out.old-") }
                #expect(aside.count == 1)
                #expect(aside.first.flatMap { Self.tree(base.appendingPathComponent($0)) } == previous, "\(label): the previous build aside is damaged")
            }
            let next = try Command.run(build, in: base)
            #expect(next.status == 0, "\(label): \(next.stderr)")
            #expect(Self.tree(base.appendingPathComponent("out")) == new, "\(label): the next build is not complete")
            let left = try FileManager.default.contentsOfDirectory(atPath: base.path).sorted()
            #expect(left == ["farm", "out", "previous"], "\(label): leftovers \(left)")
        }
    }

    @Test("passport labels killed at 5 points: the labels folder is the previous run or the new one; the next run cleans up")
    func labels() throws {
        let directory = try TemporaryFolder()
        let base = directory.url
        #expect(try Command.run(["init", "farm"], in: base).status == 0)
        func run(_ count: Int) -> [String] {
            ["labels", "farm", "--batch", "novello-2026-s", "--count", String(count), "--format", "pdf,svg", "--output", "out/labels", "--quiet"]
        }
        let labels = base.appendingPathComponent("out/labels")
        #expect(try Command.run(run(2), in: base).status == 0)
        let previous = try #require(Self.tree(labels))
        try Self.copy(base.appendingPathComponent("out"), to: base.appendingPathComponent("previous"))
        #expect(try Command.run(run(3), in: base).status == 0)
        let new = try #require(Self.tree(labels))
        #expect(previous != new)
        let points: [(String, Bool, Expected)] = [
            ("staged", false, .previous), ("file-written#2", false, .previous), ("before-swap", false, .previous),
            ("after-swap", false, .new), ("between-renames", true, .asideBetweenRenames),
        ]
        for (point, fallback, expected) in points {
            try Self.copy(base.appendingPathComponent("previous"), to: base.appendingPathComponent("out"))
            let stopped = try Self.killed(at: point, run(3), in: base,
                                          environment: fallback ? ["PASSPORT_TEST_RENAME_FALLBACK": "1"] : [:])
            #expect(stopped, "\(point): the run never reached it")
            switch expected {
            case .previous: #expect(Self.tree(labels) == previous, "\(point)")
            case .new: #expect(Self.tree(labels) == new, "\(point)")
            case .asideBetweenRenames:
                #expect(Self.tree(labels) == nil)
                let aside = try FileManager.default.contentsOfDirectory(atPath: base.appendingPathComponent("out").path)
                    .filter { $0.hasPrefix(".labels.old-") }
                #expect(aside.count == 1)
                #expect(aside.first.flatMap { Self.tree(base.appendingPathComponent("out/" + $0)) } == previous, "\(point)")
            }
            #expect(try Command.run(run(3), in: base).status == 0)
            #expect(Self.tree(labels) == new, "\(point): the next run is not complete")
            let left = try FileManager.default.contentsOfDirectory(atPath: base.appendingPathComponent("out").path)
            #expect(left == ["labels"], "\(point): leftovers \(left)")
        }
    }

    @Test("passport trust import killed at 4 points: the store holds the old bundle or the new one; the next import cleans up")
    func trustImport() throws {
        let directory = try TemporaryFolder()
        let base = directory.url
        #expect(try Command.run(["init", "farm"], in: base).status == 0)
        #expect(try Command.run(["build", "farm", "--output", "a", "--no-labels"], in: base).status == 0)
        let batch = base.appendingPathComponent("farm/batches/novello-2026-s.yaml")
        let text = try String(contentsOf: batch, encoding: .utf8)
        try text.replacingOccurrences(of: "quantity: 300", with: "quantity: 301").write(to: batch, atomically: true, encoding: .utf8)
        #expect(try Command.run(["build", "farm", "--output", "b", "--no-labels"], in: base).status == 0)
        let old = try Data(contentsOf: base.appendingPathComponent("a/bundle/bundle.json"))
        let new = try Data(contentsOf: base.appendingPathComponent("b/bundle/bundle.json"))
        let store = base.appendingPathComponent("store"), saved = base.appendingPathComponent("saved-store")
        let environment = ["PASSPORT_STORE": store.path]
        let first = try Command.run(["trust", "import", "a/bundle/bundle.json", "--trust-producer"], in: base, environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        try Self.copy(store, to: saved)
        let points: [(String, Bool)] = [("before-file-rename#1", false), ("bundle-written", false),
                                        ("before-file-rename#2", false), ("store-saved", true)]
        for (point, isNew) in points {
            try Self.copy(saved, to: store)
            let stopped = try Self.killed(at: point, ["trust", "import", "b/bundle/bundle.json"], in: base, environment: environment)
            #expect(stopped, "\(point): the import never reached it")
            let trust = try TrustStore(directory: store)
            let stored = try trust.bundleFile(for: "did:web:oliveto.example").map { try Data(contentsOf: $0) }
            #expect(stored == (isNew ? new : old), "\(point): the store holds neither bundle whole")
            let listed = try Command.run(["trust", "list"], in: base, environment: environment)
            #expect(listed.status == 0 && listed.stdout.contains("bundle made 2026-09-21T14:13:20Z"), "\(point): \(listed.stdout)\(listed.stderr)")
            let again = try Command.run(["trust", "import", "b/bundle/bundle.json"], in: base, environment: environment)
            #expect(again.status == 0, "\(point): \(again.stderr)")
            let files = Self.tree(store)?.keys.sorted() ?? []
            #expect(files == ["bundles/", "bundles/\(try sha256Hex(new)).json", "trust.json"], "\(point): leftovers \(files)")
        }
    }
}
