internal import Foundation
internal import NIOConcurrencyHelpers
internal import NIOPosix
internal import Output

/// The site the server answers with right now, replaced whole when a build changed it (after a
/// preview rebuild, or a `passport build` run beside a plain `passport serve`).
final class LiveSite: Sendable {
    private let state: NIOLockedValueBox<SiteSnapshot?>

    init(_ snapshot: SiteSnapshot?) { state = NIOLockedValueBox(snapshot) }

    var current: SiteSnapshot? { state.withLockedValue { $0 } }

    /// What a reload found.
    enum Reload: Sendable {
        /// No file of the site changed: the current snapshot stays (no page needs reloading).
        case unchanged
        /// The site changed; `filesRead` of its files were read again, the rest kept from memory.
        case replaced(generation: Int, filesRead: Int, files: Int)
    }

    /// Reads the site in `folder` again — only the files whose stamp changed since the current
    /// snapshot — and puts it in place when anything changed.
    /// - Throws: `ServeError` when the new site cannot be read or resolved; the current one stays.
    func reload(from folder: URL, pool: NIOThreadPool) async throws(ServeError) -> Reload {
        let previous = current
        let generation = (previous?.generation ?? 0) + 1
        let snapshot: SiteSnapshot
        do {
            snapshot = try await pool.runIfActive { () throws(ServeError) -> SiteSnapshot in
                let files = try SiteFiles.load(root: folder, reusing: previous?.files)
                return SiteSnapshot(files: files, resolver: Resolver(index: try ResolverIndex.load(files)),
                                    generation: generation)
            }
        } catch let error as ServeError {
            throw error
        } catch {
            throw .unreadable(path: folder.path, reason: "\(error)")
        }
        // Every file kept was the previous snapshot's under the same name: nothing read and
        // nothing dropped means the same files.
        if let previous, snapshot.files.filesRead == 0, snapshot.files.files.count == previous.files.files.count {
            return .unchanged
        }
        state.withLockedValue { $0 = snapshot }
        return .replaced(generation: generation, filesRead: snapshot.files.filesRead, files: snapshot.files.files.count)
    }
}
