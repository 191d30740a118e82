public import Foundation
import Synchronization

/// A part of a staged output (`site`) written file by file against the previous output's copy of
/// the same part: a file whose bytes and permissions are unchanged is hard-linked from there
/// instead of written again. A rebuild thus writes only what changed, and everything else keeps
/// its inode and modification time — what a sync to a web host, a browser cache or
/// `passport serve`'s reload sees as untouched. Safe to use from several threads.
public final class StagedPart: Sendable {
    /// The part's folder in the staging tree.
    public let url: URL
    /// The same part in the previous output, when there is one.
    private let previous: String?
    private let folders: FolderMaker
    private let tally = Mutex<Tally>(Tally())

    /// How many files a part has received so far.
    public struct Tally: Sendable, Equatable {
        /// Written anew (new or changed content).
        public var written = 0
        /// Linked from the previous output, unchanged.
        public var unchanged = 0

        public init(written: Int = 0, unchanged: Int = 0) {
            self.written = written
            self.unchanged = unchanged
        }
    }

    /// - Parameters:
    ///   - url: an existing, empty folder to fill.
    ///   - previous: the folder holding the previous version of these files, if any.
    public init(url: URL, previous: URL?) {
        self.url = url
        self.previous = previous.map(\.path).flatMap { Syscalls.kind($0) == .folder ? $0 : nil }
        folders = FolderMaker(root: url)
    }

    /// What was written and what was carried over unchanged.
    public var counts: Tally { tally.withLock { $0 } }

    /// Puts `data` at `relativePath` (`01/…/index.html`, no leading `/`), making its folders: a
    /// link to the previous output's file when that holds the same bytes, else a new file.
    public func write(_ data: some ContiguousBytes, to relativePath: String,
                      permissions: FilePermissions = .publicFile) throws(OutputError) {
        precondition(!relativePath.hasPrefix("/") && !relativePath.split(separator: "/").contains(".."),
                     "a file of a part lies inside it")
        if let slash = relativePath.lastIndex(of: "/") { try folders.make(String(relativePath[..<slash])) }
        let target = url.appendingPathComponent(relativePath)
        if let previous {
            let old = previous + "/" + relativePath
            let same = data.withUnsafeBytes { Syscalls.holds(old, exactly: $0, mode: permissions.mode) }
            if same, Syscalls.link(old, target.path) == nil {
                tally.withLock { $0.unchanged += 1 }
                TestHooks.reached(.fileWritten)
                return
            }
        }
        try FileWriter.writeInExistingFolder(data, to: target, permissions: permissions)
        tally.withLock { $0.written += 1 }
    }

    /// Writes UTF-8 text; see `write(_:to:permissions:)`.
    public func write(_ text: String, to relativePath: String,
                      permissions: FilePermissions = .publicFile) throws(OutputError) {
        try write(Data(text.utf8), to: relativePath, permissions: permissions)
    }
}
