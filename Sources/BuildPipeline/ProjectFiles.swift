import Foundation

/// Reading the project's own files while building.
enum ProjectFiles {
    static func read(_ url: URL) throws(BuildError) -> Data {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .file(path: url.path, reason: "cannot read this file")
        }
        return data
    }

    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }
}
