/// What `lstat` says identifies one version of a file: device, inode, size and modification time.
/// A file a build left unchanged (linked from the previous output, see `StagedPart`) keeps its
/// stamp; a file written anew gets another, so a reader can reload only what a build changed.
public struct FileStamp: Hashable, Sendable, CustomStringConvertible {
    let device: UInt64
    let inode: UInt64
    /// Size in bytes.
    public let size: Int
    let seconds: Int
    let nanoseconds: Int

    /// The stamp of the file at `path` (a symbolic link is not followed); nil when nothing is there.
    public static func of(_ path: String) -> FileStamp? { Syscalls.stamp(path) }

    init(device: UInt64, inode: UInt64, size: Int, seconds: Int, nanoseconds: Int) {
        self.device = device
        self.inode = inode
        self.size = size
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    public var description: String { "\(device):\(inode), \(size) bytes, modified at \(seconds).\(nanoseconds)" }
}
