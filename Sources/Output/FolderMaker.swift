public import Foundation
import Synchronization

/// Makes folders under one root, each at most once, parents first: for writers that put thousands
/// of files into a fresh tree from several threads. A folder already made costs a set lookup, not
/// a system call.
public final class FolderMaker: Sendable {
    private let root: String
    private let made = Mutex<Set<String>>([""])

    /// - Parameter root: an existing folder; paths given to `make` are relative to it.
    public init(root: URL) {
        self.root = root.path.hasSuffix("/") ? root.path : root.path + "/"
    }

    /// Makes `relative` (`a/b/c`, no leading or trailing `/`) and its missing parents.
    public func make(_ relative: String) throws(OutputError) {
        if made.withLock({ $0.contains(relative) }) { return }
        if let slash = relative.lastIndex(of: "/") { try make(String(relative[..<slash])) }
        let path = root + relative
        guard Syscalls.makeFolder(path) else { throw .cannotCreateFolder(path: path, reason: Syscalls.lastError) }
        _ = made.withLock { $0.insert(relative) }
    }
}
