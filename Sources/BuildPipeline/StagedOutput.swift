import Foundation

/// Writes a build into a hidden staging folder beside the destination, and only when every part
/// is complete swaps each part (`site`, `labels`, `bundle`) into place with a rename.
/// A failed build leaves the previous output untouched and no staging folder behind.
public final class StagedOutput {
    public let destination: URL
    public let staging: URL
    private var committed = false

    public init(destination: URL) throws(BuildError) {
        self.destination = destination
        staging = destination.appendingPathComponent(".staging-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: staging)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw .file(path: destination.path, reason: "cannot create the output folder (\(error.localizedDescription))")
        }
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(at: staging) }
    }

    /// A part's folder inside the staging area, created empty.
    public func part(_ name: String) throws(BuildError) -> URL {
        let url = staging.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw .file(path: url.path, reason: error.localizedDescription)
        }
        return url
    }

    /// Moves every staged part into place, replacing the previous one.
    public func commit() throws(BuildError) {
        let fileManager = FileManager.default
        let parts = ((try? fileManager.contentsOfDirectory(atPath: staging.path)) ?? []).sorted()
        for name in parts {
            let target = destination.appendingPathComponent(name)
            let old = destination.appendingPathComponent(".old-\(name)-\(ProcessInfo.processInfo.processIdentifier)")
            do {
                if fileManager.fileExists(atPath: target.path) { try fileManager.moveItem(at: target, to: old) }
                try fileManager.moveItem(at: staging.appendingPathComponent(name), to: target)
                try? fileManager.removeItem(at: old)
            } catch {
                throw .file(path: target.path, reason: "cannot move the new output into place (\(error.localizedDescription))")
            }
        }
        try? fileManager.removeItem(at: staging)
        committed = true
    }
}

/// Small file helpers used while building.
enum Files {
    static func write(_ data: Data, to url: URL) throws(BuildError) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw .file(path: url.path, reason: error.localizedDescription)
        }
    }

    static func write(_ text: String, to url: URL) throws(BuildError) {
        try write(Data(text.utf8), to: url)
    }

    /// Writes through a temporary file in the same folder and a rename, so readers never see half a file.
    static func writeAtomically(_ data: Data, to url: URL) throws(BuildError) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw .file(path: url.path, reason: error.localizedDescription)
        }
    }

    static func read(_ url: URL) throws(BuildError) -> Data {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .file(path: url.path, reason: "cannot read this file")
        }
        return data
    }

    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }
}
