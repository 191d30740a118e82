public import Foundation

/// A producer's project folder, read without ever leaving it: the one way passport reads a
/// project's files (records, evidence, images, template overrides, keys, certifiers' files).
///
/// A path is walked one folder at a time (`openat` with `O_NOFOLLOW`); a symbolic link is
/// followed only while it stays inside the project. What is read must be a regular file (a FIFO
/// or a device is refused before it is read) no larger than the caller's limit. Anything under a
/// folder named `keys` — the producer's `keys/`, a certifier's `certifier/keys/` — is private:
/// only `readPrivateKey` reads there, and nothing read from there is ever handed out for publishing.
public struct ProjectFolder: Sendable {
    /// The project folder.
    public let root: URL
    /// How the project folder is shown in messages (as the user typed it; empty for the current folder).
    public let displayRoot: String

    /// Largest record (`passport.yaml`, `products/*.yaml`, …): 1 MiB.
    public static let recordLimit = 1 << 20
    /// Largest file copied to the site (evidence, product image, template asset): 50 MiB.
    public static let publishedLimit = 50 << 20
    /// Largest template, strings or certifier file: 1 MiB.
    public static let documentLimit = 1 << 20
    /// Largest key file: 64 KiB.
    public static let keyLimit = 64 << 10
    /// Symbolic links followed while resolving one path.
    static let linkLimit = 32
    /// The folder name that holds private keys, at any depth.
    public static let privateFolderName = "keys"

    /// The folder `root`, shown as `displayRoot` in messages.
    public init(root: URL, displayRoot: String = "") {
        self.root = root
        self.displayRoot = displayRoot
    }

    /// How a path inside the project is shown in messages: `displayRoot/relative`.
    public func display(_ relative: String) -> String {
        displayRoot.isEmpty ? relative : (displayRoot.hasSuffix("/") ? displayRoot : displayRoot + "/") + relative
    }

    /// Reads a file meant to be read or published (never one under a `keys` folder).
    /// - Throws: `ProjectFileError` naming the file and the fix.
    public func read(_ relative: String, limit: Int) throws(ProjectFileError) -> Data {
        try load(relative, limit: limit, privateKey: false)
    }

    /// Reads a file as UTF-8 text.
    public func readText(_ relative: String, limit: Int) throws(ProjectFileError) -> String {
        let data = try read(relative, limit: limit)
        guard let text = String(data: data, encoding: .utf8) else { throw .notText(path: display(relative)) }
        return text
    }

    /// Reads a private key file: it may (must) lie under a `keys` folder, and no one but its owner
    /// may read or change it (mode 0600).
    public func readPrivateKey(_ relative: String) throws(ProjectFileError) -> Data {
        try load(relative, limit: Self.keyLimit, privateKey: true)
    }

    /// What is wrong with reading `relative` (without reading it), or nil when it can be read.
    public func problem(reading relative: String, limit: Int) -> ProjectFileError? {
        do {
            let found = try resolve(relative)
            defer { found.close() }
            try found.checkReadable(limit: limit, privateKey: false)
            return nil
        } catch {
            return error
        }
    }

    /// Whether `relative` is a file reached inside the project (whatever its kind or size).
    public func hasFile(_ relative: String) -> Bool {
        guard let found = try? resolve(relative) else { return false }
        defer { found.close() }
        return found.info.kind != .folder
    }

    /// Whether `relative` is a folder reached inside the project.
    public func hasFolder(_ relative: String) -> Bool {
        guard let found = try? resolve(relative) else { return false }
        defer { found.close() }
        return found.info.kind == .folder
    }

    /// The folder `relative` with links inside the project followed, for a reader confined to it
    /// (`ProjectFolder(root:)` of the result); nil when there is no such folder.
    /// - Throws: `ProjectFileError` when it leads outside the project, lies in a `keys` folder, or
    ///   is not a folder.
    public func resolvedFolder(_ relative: String) throws(ProjectFileError) -> URL? {
        let found: Resolved
        do { found = try resolve(relative) } catch {
            if case .missing = error { return nil }
            throw error
        }
        found.close()
        guard found.info.kind == .folder else { throw .notAFolder(path: display(relative)) }
        if found.real.contains(Self.privateFolderName) {
            throw .privateFile(path: display(relative), real: found.real.joined(separator: "/"))
        }
        return found.real.reduce(root) { $0.appendingPathComponent($1, isDirectory: true) }
    }

    /// The names in the folder `relative` (empty when it is missing), sorted, hidden ones left out.
    /// - Throws: `ProjectFileError` when the folder lies outside the project or is private.
    public func names(in relative: String) throws(ProjectFileError) -> [String] {
        if relative.isEmpty || relative == "." {
            guard let descriptor = Syscalls.openFolderForReading(root.path) else { return [] }
            defer { Syscalls.close(descriptor) }
            return Syscalls.entries(ofFolder: descriptor).filter { !$0.hasPrefix(".") }
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        let found: Resolved
        do { found = try resolve(relative) } catch {
            if case .missing = error { return [] }
            throw error
        }
        defer { found.close() }
        guard found.info.kind == .folder, let descriptor = Syscalls.openFolder(at: found.parent, found.name) else {
            throw .notAFolder(path: display(relative))
        }
        defer { Syscalls.close(descriptor) }
        return Syscalls.entries(ofFolder: descriptor).filter { !$0.hasPrefix(".") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Whether a path inside the project lies in a private (`keys`) folder.
    public static func isPrivate(_ relative: String) -> Bool {
        relative.split(separator: "/").contains { $0 == privateFolderName }
    }

    private func load(_ relative: String, limit: Int, privateKey: Bool) throws(ProjectFileError) -> Data {
        let found = try resolve(relative)
        defer { found.close() }
        try found.checkReadable(limit: limit, privateKey: privateKey)
        guard let descriptor = Syscalls.openFileForReading(at: found.parent, found.name) else {
            throw .unreadable(path: display(relative), reason: Syscalls.lastError)
        }
        defer { Syscalls.close(descriptor) }
        // The file may have been swapped since it was looked at: check what was opened.
        guard let opened = Syscalls.info(of: descriptor) else {
            throw .unreadable(path: display(relative), reason: Syscalls.lastError)
        }
        guard opened.kind == .file else { throw .notRegular(path: display(relative), kind: opened.otherKind) }
        guard let data = Syscalls.readAll(descriptor, limit: limit) else {
            throw .unreadable(path: display(relative), reason: Syscalls.lastError)
        }
        guard data.count <= limit else { throw .tooLarge(path: display(relative), size: max(opened.size, data.count), limit: limit) }
        return data
    }

    /// A path found inside the project: the open folder holding it, its name there, and where it
    /// really is (links inside the project followed).
    struct Resolved {
        let shown: String
        let parent: Int32
        let name: String
        let info: Syscalls.FileInfo
        /// The path inside the project after following links.
        let real: [String]
        let opened: [Int32]

        func close() { opened.forEach(Syscalls.close) }

        /// Throws the reason the file may not be read, judged from what `lstat` said.
        func checkReadable(limit: Int, privateKey: Bool) throws(ProjectFileError) {
            let inPrivate = real.dropLast().contains(ProjectFolder.privateFolderName)
            if !privateKey && inPrivate {
                throw .privateFile(path: shown, real: real.joined(separator: "/"))
            }
            switch info.kind {
            case .file: break
            case .folder: throw .notRegular(path: shown, kind: "a folder")
            default: throw .notRegular(path: shown, kind: info.otherKind)
            }
            if info.size > limit { throw .tooLarge(path: shown, size: info.size, limit: limit) }
            if privateKey && info.mode & 0o077 != 0 { throw .tooOpen(path: shown, mode: info.mode) }
        }
    }

    /// Walks `relative` from the project folder, one component at a time, never through a link
    /// that leaves it.
    func resolve(_ relative: String) throws(ProjectFileError) -> Resolved {
        let shown = display(relative)
        guard !relative.hasPrefix("/") else { throw .outside(path: shown, target: relative) }
        guard let rootDescriptor = Syscalls.openFolderForReading(root.path) else {
            throw .missing(path: shown)
        }
        var folders: [(descriptor: Int32, name: String)] = [(rootDescriptor, "")]
        var opened: [Int32] = [rootDescriptor]
        func fail(_ error: ProjectFileError) -> ProjectFileError {
            opened.forEach(Syscalls.close)
            return error
        }
        var pending = Array(relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init).reversed())
        guard !pending.isEmpty else { throw fail(.notRegular(path: shown, kind: "the project folder itself")) }
        var links = 0
        var rootReal: String?
        while let component = pending.popLast() {
            if component == "." { continue }
            if component == ".." {
                guard folders.count > 1 else { throw fail(.outside(path: shown, target: relative)) }
                folders.removeLast()
                continue
            }
            let parent = folders[folders.count - 1].descriptor
            guard let info = Syscalls.infoAt(parent, component) else { throw fail(.missing(path: shown)) }
            switch info.kind {
            case .symbolicLink:
                links += 1
                guard links <= Self.linkLimit, let target = Syscalls.linkTarget(at: parent, component) else {
                    throw fail(.linkLoop(path: shown))
                }
                var rest = target
                if target.hasPrefix("/") {
                    if rootReal == nil { rootReal = Syscalls.realPath(root.path) }
                    guard let base = rootReal, target.hasPrefix(base + "/") else {
                        throw fail(.outside(path: shown, target: target))
                    }
                    rest = String(target.dropFirst(base.count + 1))
                    folders.removeSubrange(1...)
                }
                let parts = rest.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
                for part in parts.reversed() {
                    // `..` out of the project through a link is reported with the link's target.
                    pending.append(part)
                }
                if parts.isEmpty { throw fail(.outside(path: shown, target: target)) }
                if Self.climbsOut(folders.count - 1, parts) { throw fail(.outside(path: shown, target: target)) }
            case .folder where !pending.isEmpty:
                guard let descriptor = Syscalls.openFolder(at: parent, component) else {
                    throw fail(.unreadable(path: shown, reason: Syscalls.lastError))
                }
                opened.append(descriptor)
                folders.append((descriptor, component))
            default:
                guard pending.isEmpty || pending.allSatisfy({ $0 == "." }) else { throw fail(.notAFolder(path: shown)) }
                let real = folders.dropFirst().map(\.name) + [component]
                return Resolved(shown: shown, parent: parent, name: component, info: info, real: real, opened: opened)
            }
        }
        // The path ended on `..` or `.`: it names a folder, never a file.
        throw fail(folders.count > 1 ? .notRegular(path: shown, kind: "a folder")
                                     : .notRegular(path: shown, kind: "the project folder itself"))
    }

    /// Whether following `parts` from `depth` folders below the root goes above the root.
    static func climbsOut(_ depth: Int, _ parts: [String]) -> Bool {
        var level = depth
        for part in parts {
            if part == ".." { level -= 1 } else if part != "." { level += 1 }
            if level < 0 { return true }
        }
        return false
    }
}

/// Why a project file cannot be read: each names the file and says what to do.
public enum ProjectFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No such file.
    case missing(path: String)
    /// A part of the path is a file, not a folder.
    case notAFolder(path: String)
    /// The path, or a symbolic link on it, leads outside the project folder.
    case outside(path: String, target: String)
    /// Too many symbolic links (or a loop).
    case linkLoop(path: String)
    /// The file lies in a `keys` folder, where private keys are kept.
    case privateFile(path: String, real: String)
    /// A FIFO, device, socket or folder where a file was expected.
    case notRegular(path: String, kind: String)
    /// Larger than passport reads for this kind of file.
    case tooLarge(path: String, size: Int, limit: Int)
    /// A key file other users may read or change.
    case tooOpen(path: String, mode: UInt16)
    /// Not UTF-8 text.
    case notText(path: String)
    /// The system refused (permissions, I/O error).
    case unreadable(path: String, reason: String)

    /// The file the problem is about, as shown to the user.
    public var path: String {
        switch self {
        case .missing(let path), .notAFolder(let path), .outside(let path, _), .linkLoop(let path),
             .privateFile(let path, _), .notRegular(let path, _), .tooLarge(let path, _, _), .tooOpen(let path, _),
             .notText(let path), .unreadable(let path, _):
            return path
        }
    }

    /// What is wrong, without the path.
    public var problem: String {
        switch self {
        case .missing: return "not found"
        case .notAFolder: return "a part of this path is a file, not a folder"
        case .outside(_, let target): return "leads outside the project folder (to \(Self.quoted(target)))"
        case .linkLoop: return "too many symbolic links (or a loop)"
        case .privateFile(_, let real):
            return "lies in \(Self.quoted(real)), in a `keys` folder where private keys are kept"
        case .notRegular(_, let kind): return "is \(kind), not a regular file"
        case .tooLarge(_, let size, let limit):
            return "is \(Self.bytes(size)), more than the \(Self.bytes(limit)) passport reads for this kind of file"
        case .tooOpen(_, let mode): return "other users may read or change it (mode \(String(mode & 0o777, radix: 8)))"
        case .notText: return "is not UTF-8 text"
        case .unreadable(_, let reason): return "cannot be read (\(reason))"
        }
    }

    /// What to do about it.
    public var fix: String {
        switch self {
        case .missing: return "check the name, and that the file is inside the project folder"
        case .notAFolder: return "check the path"
        case .outside: return "passport reads only files inside the project: copy the file into the project folder"
        case .linkLoop: return "replace the link with the file itself"
        case .privateFile: return "passport never reads or publishes anything there but keys; point to another file"
        case .notRegular: return "put a regular file there"
        case .tooLarge: return "make it smaller (docs/security.md lists the limits)"
        case .tooOpen: return "run `chmod 600` on it"
        case .notText: return "save it as UTF-8"
        case .unreadable: return "check its permissions"
        }
    }

    public var description: String { "\(path): \(problem) — \(fix)" }

    /// A link target as written, shortened and with control characters escaped.
    static func quoted(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars.prefix(120) {
            shown += scalar.value < 0x20 || scalar.value == 0x7F ? scalar.escaped(asASCII: true) : String(scalar)
        }
        return text.unicodeScalars.count > 120 ? shown + "…" : shown
    }

    static func bytes(_ count: Int) -> String {
        if count >= 1 << 20 { return "\(count >> 20) MiB" }
        if count >= 1 << 10 { return "\(count >> 10) KiB" }
        return "\(count) bytes"
    }
}
