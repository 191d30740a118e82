public import Foundation
internal import SystemPackage

/// Every file passport writes goes through here: parent folders made, the file created anew
/// (never truncated in place — a file in a staged output may share its inode with the previous
/// output through a hard link), errors with the path and the system's words.
public enum FileWriter {
    /// Writes `data` as a new file at `url`, making parent folders. Not flushed to disk: files
    /// written into a `StagedOutput` are flushed once, when it is committed.
    public static func write(_ data: Data, to url: URL, permissions: FilePermissions = .publicFile) throws(OutputError) {
        try makeFolder(url.deletingLastPathComponent())
        try create(data, at: url.path, permissions: permissions, sync: false)
        TestHooks.reached(.fileWritten)
    }

    /// Writes `bytes` as a new file at `url` whose folder exists (see `FolderMaker`): one open, one
    /// write, one close when no file is there yet.
    public static func writeInExistingFolder(_ bytes: some ContiguousBytes, to url: URL,
                                             permissions: FilePermissions = .publicFile) throws(OutputError) {
        try create(bytes, at: url.path, permissions: permissions, sync: false)
        TestHooks.reached(.fileWritten)
    }

    /// Writes `text` as UTF-8; see `write(_:to:permissions:)`.
    public static func write(_ text: String, to url: URL, permissions: FilePermissions = .publicFile) throws(OutputError) {
        try write(Data(text.utf8), to: url, permissions: permissions)
    }

    /// Replaces the file at `url` in one step: written and flushed under a temporary name in the same
    /// folder, then renamed over it, and the folder flushed. A reader, or a run killed at any moment,
    /// sees the old file or the new one, never a mix.
    public static func writeAtomically(_ data: Data, to url: URL,
                                       permissions: FilePermissions = .publicFile) throws(OutputError) {
        let folder = url.deletingLastPathComponent()
        try makeFolder(folder)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(Syscalls.randomSuffix())").path
        do {
            try create(data, at: temporary, permissions: permissions, sync: true)
        } catch {
            _ = Syscalls.unlinkIfPresent(temporary)
            throw error
        }
        TestHooks.reached(.beforeFileRename)
        if let reason = Syscalls.rename(temporary, url.path) {
            _ = Syscalls.unlinkIfPresent(temporary)
            throw .cannotWrite(path: url.path, reason: reason)
        }
        syncFolder(folder.path)
    }

    /// Removes temporary files that `writeAtomically` calls killed before their rename left in
    /// `folder` (a temporary file is locked while it is written, so a live writer's is kept).
    public static func removeAbandonedTemporaryFiles(in folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix(".") && name.contains(".tmp-") {
            let path = folder.appendingPathComponent(name).path
            guard Syscalls.kind(path) == .file,
                  let descriptor = try? FileDescriptor.open(FilePath(path), .readOnly, options: [.noFollow, .closeOnExec])
            else { continue }
            if Syscalls.tryLock(descriptor.rawValue) { _ = Syscalls.unlinkIfPresent(path) }
            try? descriptor.close()
        }
    }

    /// Makes `url` and its missing parents as folders.
    public static func makeFolder(_ url: URL) throws(OutputError) {
        if Syscalls.kind(url.path) == .folder { return }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateFolder(path: url.path, reason: (error as NSError).localizedFailureReason
                                        ?? error.localizedDescription)
        }
    }

    /// Flushes a folder's entries (after a rename into it).
    static func syncFolder(_ path: String) {
        guard let descriptor = Syscalls.openFolder(path) else { return }
        Syscalls.sync(descriptor)
        Syscalls.close(descriptor)
    }

    /// Creates the file exclusively; a file already at `path` is unlinked first (only then: in a
    /// fresh folder that saves a system call per file).
    private static func create(_ data: some ContiguousBytes, at path: String, permissions: FilePermissions,
                               sync: Bool) throws(OutputError) {
        do {
            let options: FileDescriptor.OpenOptions = [.create, .exclusiveCreate, .noFollow, .closeOnExec]
            let file: FileDescriptor
            do {
                file = try FileDescriptor.open(FilePath(path), .writeOnly, options: options, permissions: permissions.system)
            } catch Errno.fileExists {
                if let reason = Syscalls.unlinkIfPresent(path) { throw OutputError.cannotWrite(path: path, reason: reason) }
                file = try FileDescriptor.open(FilePath(path), .writeOnly, options: options, permissions: permissions.system)
            }
            try file.closeAfter {
                // Locked while written, so `removeAbandonedTemporaryFiles` can tell a live writer's file.
                if sync { _ = Syscalls.tryLock(file.rawValue) }
                _ = try data.withUnsafeBytes { try file.writeAll($0) }
                if sync { Syscalls.sync(file.rawValue) }
            }
        } catch let error as Errno {
            throw .cannotWrite(path: path, reason: error.description)
        } catch let error as OutputError {
            throw error
        } catch {
            throw .cannotWrite(path: path, reason: "\(error)")
        }
    }
}

/// Who may read a file passport writes.
public struct FilePermissions: Sendable, Equatable {
    let mode: UInt16

    /// `rw-r--r--`: site pages, labels, credentials — meant to be published.
    public static let publicFile = FilePermissions(mode: 0o644)
    /// `rw-------`: private keys and other files only their owner may read.
    public static let ownerOnly = FilePermissions(mode: 0o600)

    var system: SystemPackage.FilePermissions { .init(rawValue: CModeT(mode)) }
}
