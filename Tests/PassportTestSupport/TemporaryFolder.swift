public import Foundation

/// A scratch folder for one test: `passport-tests-<label>-<random>` in the system's temporary
/// folder, removed when the value is released — or, with `keep`, left for a person to look at.
///
/// Folders that earlier runs left behind (kept, or abandoned by a crash) are removed the first
/// time a folder is made in a process, once they are more than an hour old, so runs do not pile
/// up files.
public final class TemporaryFolder: Sendable {
    /// The folder, created empty.
    public let url: URL
    private let keep: Bool

    /// Makes a new empty folder. `label` (its letters and digits) tells a person which test it is for.
    public init(_ label: String = "test", keep: Bool = false) throws {
        _ = Self.sweepStaleFolders
        let name = label.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(Self.prefix)\(name)-\(UUID().uuidString)", isDirectory: true)
        self.keep = keep
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        if !keep { try? FileManager.default.removeItem(at: url) }
    }

    /// A new folder that outlives the test, for inspection (a later run removes it after an hour).
    public static func kept(_ label: String = #function) throws -> URL {
        try TemporaryFolder(label, keep: true).url
    }

    /// Runs `body` with a new folder, and removes the folder when it returns.
    public static func withNew<Result>(_ body: (URL) throws -> Result) throws -> Result {
        let folder = try TemporaryFolder()
        return try withExtendedLifetime(folder) { try body(folder.url) }
    }

    /// `path` inside the folder (not created).
    public func appending(_ path: String) -> URL {
        url.appendingPathComponent(path)
    }

    /// Every file below the folder: relative paths, sorted.
    public func files() -> [String] {
        FileTree.files(below: url)
    }

    static let prefix = "passport-tests-"

    private static let sweepStaleFolders: Void = {
        let fileManager = FileManager.default
        let temporary = fileManager.temporaryDirectory
        let cutoff = Date().addingTimeInterval(-3600)
        for name in (try? fileManager.contentsOfDirectory(atPath: temporary.path)) ?? [] where name.hasPrefix(prefix) {
            let url = temporary.appendingPathComponent(name)
            let modified = (try? url.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate
            if let modified, modified < cutoff { try? fileManager.removeItem(at: url) }
        }
    }()
}
