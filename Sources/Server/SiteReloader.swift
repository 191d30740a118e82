internal import Foundation
internal import Logging
internal import NIOPosix
internal import Output
internal import ServiceLifecycle

/// Without `--watch`: picks up a new `passport build` by itself. A build swaps a new site folder
/// in whole, so the folder's stamp changes; the site is then read again, only the files the build
/// wrote (the others keep their stamp), and put in place between two requests.
struct SiteReloader: Sendable {
    let folder: URL
    let site: LiveSite
    let interval: Duration
    let pool: NIOThreadPool
    let logger: Logger

    func run() async {
        var seen = FileStamp.of(folder.path)
        await BackgroundService.repeating(every: interval) {
            let now = FileStamp.of(folder.path)
            guard now != seen, now != nil else { return }
            do throws(ServeError) {
                switch try await site.reload(from: folder, pool: pool) {
                case .unchanged:
                    logger.debug("site: a new build, every file as before")
                case .replaced(let generation, let filesRead, let files):
                    logger.info("site reloaded", metadata: ["generation": "\(generation)", "files_read": "\(filesRead)",
                                                            "files": "\(files)"])
                }
            } catch {
                // A half-made site is never swapped in by passport build; this is a site put in place
                // by hand. Keep answering with the last good one and try again on the next change.
                logger.error("site: the new build cannot be served; the last good site stays up",
                             metadata: ["error": "\(error.description)"])
            }
            seen = now
        }
    }
}
