import BuildPipeline
import Foundation
import Output
import PassportTestSupport

/// The starter project (what `passport init` makes) scaffolded into a scratch folder, built with
/// `ProjectBuild` at a fixed instant.
struct Starter {
    /// Every test build's instant: 2026-09-21T14:13:20Z, as SOURCE_DATE_EPOCH=1790000000 gives.
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    /// The templates and fonts of this checkout.
    static let resources = ResourceLocator(root: Checkout.root)

    let folder: TemporaryFolder
    /// The project, `farm/` in the scratch folder.
    var project: URL { folder.appending("farm") }

    init() throws {
        folder = try TemporaryFolder("starter")
        _ = try Scaffold.create(at: folder.appending("farm"), display: "farm", resources: Self.resources, now: Self.now)
    }

    /// Builds the project into `output` (a folder name in the scratch folder) at `now`.
    @discardableResult
    func build(into output: String = "out", labels: Bool = false, now: Date = Starter.now,
               unitPageLimit: Int? = nil) throws -> ProjectBuild.Report {
        var options = ProjectBuild.Options(projectRoot: project, displayRoot: "farm", output: folder.appending(output),
                                           now: now, resources: Self.resources, renderLabels: labels)
        options.unitPageLimit = unitPageLimit
        return try ProjectBuild(options: options).run()
    }

    /// Replaces every `old` with `new` in the project's file `path`.
    func edit(_ path: String, replacing old: String, with new: String) throws {
        let file = project.appendingPathComponent(path)
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }
}
