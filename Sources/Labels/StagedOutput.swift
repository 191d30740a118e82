import Foundation

/// An output file written under a temporary name beside its target and renamed into place only
/// when complete, so a failed or interrupted run never leaves a half-written file.
final class StagedFile {
    let target: URL
    let temporary: URL
    private var settled = false

    init(target: URL) throws(LabelError) {
        self.target = target
        let folder = target.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .outputFailed(path: folder.path, reason: "the folder cannot be created (\(error.localizedDescription))")
        }
        temporary = folder.appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
    }

    /// Renames the finished file over the target.
    func commit() throws(LabelError) {
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw .outputFailed(path: target.path, reason: reason)
        }
        settled = true
    }

    /// Deletes the temporary file.
    func discard() {
        guard !settled else { return }
        settled = true
        try? FileManager.default.removeItem(at: temporary)
    }

    deinit { discard() }
}

/// An output folder (one file per label) filled under a temporary name and swapped into place
/// when complete; a previous folder of the same name is replaced as a whole.
final class StagedDirectory {
    let target: URL
    let temporary: URL
    private var settled = false

    init(target: URL) throws(LabelError) {
        self.target = target
        let folder = target.deletingLastPathComponent()
        temporary = folder.appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        } catch {
            throw .outputFailed(path: target.path, reason: "the folder cannot be created (\(error.localizedDescription))")
        }
    }

    func commit() throws(LabelError) {
        let manager = FileManager.default
        var old: URL?
        if manager.fileExists(atPath: target.path) {
            let aside = target.deletingLastPathComponent()
                .appendingPathComponent(".\(target.lastPathComponent).old-\(UUID().uuidString.prefix(8))")
            guard rename(target.path, aside.path) == 0 else {
                let reason = String(cString: strerror(errno))
                discard()
                throw .outputFailed(path: target.path, reason: "the previous folder cannot be replaced (\(reason))")
            }
            old = aside
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if let old { _ = rename(old.path, target.path) }
            discard()
            throw .outputFailed(path: target.path, reason: reason)
        }
        settled = true
        if let old { try? manager.removeItem(at: old) }
    }

    func discard() {
        guard !settled else { return }
        settled = true
        try? FileManager.default.removeItem(at: temporary)
    }

    deinit { discard() }
}
