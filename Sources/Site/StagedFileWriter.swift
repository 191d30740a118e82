import Foundation

/// Writes a file into the staging folder with plain POSIX calls.
///
/// Foundation's `Data.write(to:)` syncs every file to disk on Linux, which made writing a site of
/// thousands of small pages cost a disk flush each. The site is written into a staging folder that
/// the pipeline renames into place only when complete, so per-file durability buys nothing.
enum StagedFileWriter {
    static func write(_ data: Data, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXFailure(code: errno, action: "create") }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXFailure(code: errno, action: "write")
                }
                offset += written
            }
        }
    }

    struct POSIXFailure: Error, LocalizedError {
        let code: Int32
        let action: String
        var errorDescription: String? { "cannot \(action) the file: \(String(cString: strerror(code)))" }
    }
}
