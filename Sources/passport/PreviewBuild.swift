import BuildPipeline
import Foundation
import Output
import Server

/// The rebuild the live preview (`passport serve --watch`) runs: `passport build` without labels,
/// on a background thread, writing the first `unitPages` unit landing pages of each lot (the
/// server resolves every issued serial itself; a lot of 100,000 units would otherwise cost every
/// rebuild 100,000 folders).
enum PreviewBuild {
    static let unitPages = 1_000

    static func options(project: ProjectOptions, output: OutputOptions, resources: ResourceLocator) throws -> ProjectBuild.Options {
        var options = ProjectBuild.Options(projectRoot: project.url, displayRoot: project.display, output: output.url,
                                           now: try BuildSupport.now(), resources: resources, renderLabels: false)
        options.unitPageLimit = unitPages
        return options
    }

    /// What to watch (the project folder, the bundled site templates) and how to rebuild.
    static func preview(project: ProjectOptions, output: OutputOptions, resources: ResourceLocator) throws -> ServeConfiguration.Preview {
        let options = try options(project: project, output: output, resources: resources)
        return ServeConfiguration.Preview(watched: [project.url, resources.templatesDirectory.appendingPathComponent("site")]) {
            () async throws(ServeError) in
            let outcome: Result<Void, ServeError> = await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    do {
                        _ = try ProjectBuild(options: options).run()
                        continuation.resume(returning: .success(()))
                    } catch {
                        continuation.resume(returning: .failure(.preview((error as? BuildError)?.description ?? "\(error)")))
                    }
                }
            }
            try outcome.get()
        }
    }

    /// Builds once before serving, when there is no site yet.
    static func buildOnce(project: ProjectOptions, output: OutputOptions, resources: ResourceLocator) throws {
        let options = try options(project: project, output: output, resources: resources)
        _ = try BuildSupport.attempt { () throws(BuildError) in try ProjectBuild(options: options).run() }
    }
}
