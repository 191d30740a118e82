internal import CSyscalls
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

    /// `mkdir(2)` with mode 0755; true when made or already a folder.
    static func makeFolder(_ path: String) -> Bool {
        mkdir(path, 0o755) == 0 || (errno == EEXIST && kind(path) == .folder)
    }

    /// A short random hex text for temporary names.
    static func randomSuffix() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 16)
    }
}
