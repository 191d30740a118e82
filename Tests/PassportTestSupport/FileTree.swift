public import Foundation

/// Writing, listing, copying and comparing folders of files.
public enum FileTree {
    /// Writes each `relative path → text` below `root`, making folders as needed.
    public static func write(_ files: [String: String], to root: URL) throws {
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// The regular files below `root`: relative paths, sorted.
    public static func files(below root: URL) -> [String] {
        walk(root).filter { !$0.isFolder }.map(\.path)
    }

    /// Every file and folder below `root`: relative paths, sorted.
    public static func entries(below root: URL) -> [String] {
        walk(root).map(\.path)
    }

    /// Copies every file below `source` into `destination`, replacing files of the same name and
    /// keeping the others.
    public static func copy(from source: URL, to destination: URL) throws {
        for entry in walk(source) {
            let from = source.appendingPathComponent(entry.path), to = destination.appendingPathComponent(entry.path)
            if entry.isFolder {
                try FileManager.default.createDirectory(at: to, withIntermediateDirectories: true)
            } else {
                try? FileManager.default.removeItem(at: to)
                try FileManager.default.copyItem(at: from, to: to)
            }
        }
    }

    /// Relative paths below `root` in the order a parent comes before its children (sorted).
    private static func walk(_ root: URL) -> [(path: String, isFolder: Bool)] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var result: [(path: String, isFolder: Bool)] = []
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isFolder) else {
                continue
            }
            result.append((path, isFolder.boolValue))
        }
        return result.sorted { $0.path < $1.path }
    }
}

/// Every file below a folder with its bytes: two snapshots are equal when the trees hold the same
/// files, byte for byte.
public struct TreeSnapshot: Equatable, Sendable {
    /// Relative path → bytes.
    public var files: [String: Data]

    /// Reads every file below `root`.
    public init(_ root: URL) throws {
        files = [:]
        for path in FileTree.files(below: root) {
            files[path] = try Data(contentsOf: root.appendingPathComponent(path))
        }
    }
}
