internal import Credentials
internal import Foundation
internal import Logging
internal import NIOPosix
internal import Output
internal import ServiceLifecycle

/// The live preview's watcher: looks at the project's records, templates and images every
/// `interval`, rebuilds when their content changed, swaps the new site in whole and tells open
/// pages to reload.
///
/// A change is noticed by size and modification time, then confirmed by content: the SHA-256 of
/// every watched file is compared with the last build's, so saving a file unchanged (or touching
/// it) rebuilds nothing. Hidden files and folders, and `excluded` folders (the output), are not
/// watched.
struct PreviewWatcher: Sendable {
    let preview: ServeConfiguration.Preview
    let excluded: [URL]
    let siteFolder: URL
    let site: LiveSite
    let channel: PreviewChannel
    let pool: NIOThreadPool
    let logger: Logger

    /// One look at the watched files: what changed is seen from `stamps`, `digest` confirms it.
    struct Inputs: Equatable {
        var stamps: [String: FileStamp]
        var digest: String
    }

    func run() async {
        var last = await look(previous: nil)
        logger.debug("preview: watching \(last.stamps.count) files")
        if preview.refreshAtStart { await rebuild() }
        await BackgroundService.repeating(every: preview.interval) {
            let now = await look(previous: last)
            guard now.stamps != last.stamps else { return }
            defer { last = now }
            guard now.digest != last.digest else {
                logger.debug("preview: files touched but unchanged; no rebuild")
                return
            }
            await rebuild()
        }
    }

    /// Rebuilds and swaps the site in; on failure keeps the last good site and shows the error.
    func rebuild() async {
        let start = ContinuousClock.now
        do {
            try await preview.rebuild()
            let outcome = try await site.reload(from: siteFolder, pool: pool)
            let milliseconds = "\((ContinuousClock.now - start).milliseconds)"
            switch outcome {
            case .unchanged:
                // Nothing on the site changed (a comment, a field no page shows): no page reloads.
                channel.publish(generation: site.current?.generation ?? 0, error: nil)
                logger.info("preview: rebuilt; the site is unchanged", metadata: ["ms": "\(milliseconds)"])
            case .replaced(let generation, let filesRead, let files):
                channel.publish(generation: generation, error: nil)
                logger.info("preview: rebuilt", metadata: ["ms": "\(milliseconds)", "generation": "\(generation)",
                                                           "files_read": "\(filesRead)", "files": "\(files)"])
            }
        } catch {
            let message = error.description
            channel.publish(generation: site.current?.generation ?? 0, error: message)
            logger.error("preview: rebuild failed; the last good site stays up", metadata: ["error": "\(message)"])
        }
    }

    /// Sizes and times of every watched file; the content digest only when they changed.
    func look(previous: Inputs?) async -> Inputs {
        let watched = preview.watched, excluded = self.excluded.map { $0.standardizedFileURL.path + "/" }
        return (try? await pool.runIfActive { () -> Inputs in
            var stamps: [String: FileStamp] = [:]
            for root in watched {
                for file in Self.files(under: root) where !excluded.contains(where: { file.path.hasPrefix($0) }) {
                    stamps[file.path] = FileStamp.of(file.path)
                }
            }
            if let previous, previous.stamps == stamps { return previous }
            var listing = ""
            for path in stamps.keys.sorted() {
                let content = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
                listing += path + "\u{0}" + SHA256Digest.hex(content) + "\n"
            }
            return Inputs(stamps: stamps, digest: SHA256Digest.hex(Data(listing.utf8)))
        }) ?? Inputs(stamps: [:], digest: "")
    }

    /// Every regular file under `root` (or `root` itself), hidden ones left out.
    static func files(under root: URL) -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [root.standardizedFileURL] }
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else { return [] }
        var files: [URL] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            files.append(url.standardizedFileURL)
        }
        return files
    }
}
