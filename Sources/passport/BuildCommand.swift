import ArgumentParser
import BuildPipeline
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Sign your passports and write the passport site, labels and the shops' bundle.",
        discussion: "Writes into the output folder (default ./output): site/ to publish as-is at your base_url, labels/ to print, bundle/ for shops. The previous output is replaced only when everything is ready. Set SOURCE_DATE_EPOCH for byte-identical rebuilds."
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Skip rendering labels.")
    var noLabels = false

    func run() throws {
        let options = ProjectBuild.Options(projectRoot: project.url, displayRoot: project.display, output: output.url,
                                           now: try BuildSupport.now(), resources: try BuildSupport.resources(),
                                           renderLabels: !noLabels)
        let report = try BuildSupport.attempt { () throws(BuildError) in try ProjectBuild(options: options).run() }
        print(BuildSupport.summary(report))
    }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create the example project in a temporary folder and build it into ./output.",
        discussion: "The quickest way to see what passport makes: open output/site/index.html, print output/labels/, verify codes with `passport verify`."
    )

    @OptionGroup var output: OutputOptions

    @Option(help: "Keep the example project here instead of a temporary folder.")
    var keepProject: String?

    func run() throws {
        let resources = try BuildSupport.resources()
        let now = try BuildSupport.now()
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("passport-demo-\(UUID().uuidString)")
        let projectURL = keepProject.map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? temporary.appendingPathComponent("oliveto")
        defer { if keepProject == nil { try? FileManager.default.removeItem(at: temporary) } }
        _ = try BuildSupport.attempt { () throws(BuildError) in
            try Scaffold.create(at: projectURL, display: keepProject ?? "oliveto", resources: resources, now: now)
        }
        let options = ProjectBuild.Options(projectRoot: projectURL, displayRoot: keepProject ?? "oliveto",
                                           output: output.url, now: now, resources: resources)
        let report = try BuildSupport.attempt { () throws(BuildError) in try ProjectBuild(options: options).run() }
        print("Example project: \(keepProject ?? "(temporary, removed; use --keep-project DIR to keep it)")")
        print(BuildSupport.summary(report))
    }
}
