internal import CSyscalls
import Foundation
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The system calls of the Output module, in one place. Each returns the error text (`strerror`)
/// on failure, for messages that carry the system's own words.
enum Syscalls {
    /// The text of the current `errno`.
    static var lastError: String { String(cString: strerror(errno)) }

    /// `renameat2(RENAME_EXCHANGE)`: swaps two paths in one atomic step. `.unsupported` when the
    /// file system or kernel cannot (the caller falls back to two renames).
    enum ExchangeResult { case exchanged, unsupported, failed(String) }

    static func exchange(_ first: String, _ second: String) -> ExchangeResult {
        #if os(Linux)
        if renameat2(AT_FDCWD, first, AT_FDCWD, second, passport_rename_exchange) == 0 { return .exchanged }
        if errno == EINVAL || errno == ENOSYS || errno == ENOTSUP { return .unsupported }
        return .failed(lastError)
        #else
        return .unsupported
        #endif
    }

    /// `rename(2)`; nil on success, else the reason.
    static func rename(_ from: String, _ to: String) -> String? {
        #if canImport(Glibc) || canImport(Musl)
        Glibc.rename(from, to) == 0 ? nil : lastError
        #else
        Darwin.rename(from, to) == 0 ? nil : lastError
        #endif
    }

    /// `link(2)`: a second name for a file; nil on success, else the reason.
    static func link(_ existing: String, _ new: String) -> String? {
        #if canImport(Glibc) || canImport(Musl)
        Glibc.link(existing, new) == 0 ? nil : lastError
        #else
        Darwin.link(existing, new) == 0 ? nil : lastError
        #endif
    }

    /// `unlink(2)`, ignoring a missing file; nil on success, else the reason.
    static func unlinkIfPresent(_ path: String) -> String? {
        if unlink(path) == 0 || errno == ENOENT { return nil }
        return lastError
    }

    /// Opens a folder for `flock` and `fsync`; nil when it cannot be opened.
    static func openFolder(_ path: String) -> Int32? {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        return descriptor >= 0 ? descriptor : nil
    }

    /// `flock(LOCK_EX | LOCK_NB)`: true when this process now holds the lock.
    static func tryLock(_ descriptor: Int32) -> Bool { flock(descriptor, LOCK_EX | LOCK_NB) == 0 }

    static func close(_ descriptor: Int32) {
        #if canImport(Glibc) || canImport(Musl)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }

    /// Flushes the file system holding `descriptor` (`syncfs`), or just that file (`fsync`) elsewhere.
    static func syncFileSystem(_ descriptor: Int32) {
        #if os(Linux)
        _ = syncfs(descriptor)
        #else
        _ = fsync(descriptor)
        #endif
    }

    static func sync(_ descriptor: Int32) { _ = fsync(descriptor) }

    /// What `lstat` says a path is, without following a symbolic link.
    enum Kind { case missing, file, folder, symbolicLink, other }

    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// `lstat(2)` as a `FileStamp`.
    static func stamp(_ path: String) -> FileStamp? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return FileStamp(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int(info.st_size),
                         seconds: Int(modified.tv_sec), nanoseconds: Int(modified.tv_nsec))
    }

    /// `mkdir(2)` with mode 0755; true when made or already a folder.
    static func makeFolder(_ path: String) -> Bool {
        mkdir(path, 0o755) == 0 || (errno == EEXIST && kind(path) == .folder)
    }

    // MARK: Reading without leaving a folder (ProjectFolder)

    /// What `lstat`/`fstat` say about a file: its kind, size in bytes and permission bits.
    struct FileInfo {
        var kind: Kind
        var size: Int
        var mode: UInt16
        /// What a file of kind `.other` is, in words.
        var otherKind: String
    }

    private static func info(_ status: stat) -> FileInfo {
        let kind: Kind
        switch status.st_mode & S_IFMT {
        case S_IFREG: kind = .file
        case S_IFDIR: kind = .folder
        case S_IFLNK: kind = .symbolicLink
        default: kind = .other
        }
        let other: String
        switch status.st_mode & S_IFMT {
        case S_IFIFO: other = "a named pipe (FIFO)"
        case S_IFCHR: other = "a character device"
        case S_IFBLK: other = "a block device"
        case S_IFSOCK: other = "a socket"
        default: other = "not a regular file"
        }
        return FileInfo(kind: kind, size: Int(status.st_size), mode: UInt16(truncatingIfNeeded: status.st_mode & 0o7777),
                        otherKind: other)
    }

    /// `fstatat(AT_SYMLINK_NOFOLLOW)`: what `name` in the folder `folder` is, without following it.
    static func infoAt(_ folder: Int32, _ name: String) -> FileInfo? {
        var status = stat()
        guard fstatat(folder, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return info(status)
    }

    /// `fstat(2)` of an open file.
    static func info(of descriptor: Int32) -> FileInfo? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        return info(status)
    }

    /// Opens a folder by path for walking below it; nil with `errno` set when it cannot be opened.
    static func openFolderForReading(_ path: String) -> Int32? {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        return descriptor >= 0 ? descriptor : nil
    }

    /// `openat(O_DIRECTORY | O_NOFOLLOW)`: the folder `name` inside `folder`, never through a link.
    static func openFolder(at folder: Int32, _ name: String) -> Int32? {
        let descriptor = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        return descriptor >= 0 ? descriptor : nil
    }

    /// `openat(O_NOFOLLOW | O_NONBLOCK)`: the file `name` inside `folder` for reading. Non-blocking,
    /// so a FIFO put in place of a file cannot hang the open; the caller checks `fstat` next.
    static func openFileForReading(at folder: Int32, _ name: String) -> Int32? {
        let descriptor = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        return descriptor >= 0 ? descriptor : nil
    }

    /// `readlinkat(2)`: where the symbolic link `name` inside `folder` points, as written.
    static func linkTarget(at folder: Int32, _ name: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4097)
        let count = readlinkat(folder, name, &buffer, 4096)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `realpath(3)`: the path with every symbolic link and `..` resolved.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Reads at most `limit + 1` bytes (so the caller can tell a file grew past its limit).
    static func readAll(_ descriptor: Int32, limit: Int) -> Data? {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while data.count <= limit {
            let wanted = min(chunk.count, limit + 1 - data.count)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            data.append(contentsOf: chunk[0..<count])
        }
        return data
    }

    /// Whether `path` is a regular file (not followed through a link) whose bytes are exactly
    /// `bytes` and whose permission bits are within `mode` (the umask may have taken some away);
    /// false when it cannot be read.
    static func holds(_ path: String, exactly bytes: UnsafeRawBufferPointer, mode: UInt16) -> Bool {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard let found = info(of: descriptor), found.kind == .file, found.size == bytes.count,
              found.mode & ~mode == 0, let content = readAll(descriptor, limit: bytes.count),
              content.count == bytes.count else { return false }
        guard let expected = bytes.baseAddress else { return true }  // empty, as the file is
        return content.withUnsafeBytes { memcmp($0.baseAddress!, expected, bytes.count) == 0 }
    }

    /// The names in the open folder `descriptor` (not `.` and `..`), unsorted. The descriptor stays open.
    static func entries(ofFolder descriptor: Int32) -> [String] {
        let copy = dup(descriptor)
        guard copy >= 0, let stream = fdopendir(copy) else { return [] }
        defer { closedir(stream) }
        rewinddir(stream)  // the copy shares its offset with `descriptor`
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// `memmem(3)`: offsets of every occurrence of `needle` in `haystack`, at most `limit` of them.
    static func occurrences(of needle: [UInt8], in haystack: UnsafeRawBufferPointer, limit: Int = .max) -> [Int] {
        guard let base = haystack.baseAddress, !needle.isEmpty else { return [] }
        var found: [Int] = []
        var offset = 0
        while found.count < limit, offset + needle.count <= haystack.count {
            let hit = needle.withUnsafeBytes { memmem(base + offset, haystack.count - offset, $0.baseAddress, needle.count) }
            guard let hit else { break }
            let at = base.distance(to: UnsafeRawPointer(hit))
            found.append(at)
            offset = at + 1
        }
        return found
    }

    /// `raise(SIGSTOP)`: stops this process where it stands (for the crash tests' hook).
    static func stopSelf() { _ = raise(SIGSTOP) }

    /// A short random hex text for temporary names.
    static func randomSuffix() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 16)
    }
}
