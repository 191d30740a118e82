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
        abstract: "Create the example value network in a temporary folder, build it into ./output, and check a code as a shop would.",
        discussion: "Growers and a bottle maker upstream, the co-op that uses their passports, a certifier, the co-op's member list; then a shop that imports only that list verifies a unit code. Open output/site/index.html (the co-op's pages) and output/network/site/index.html (the catalogue), print output/labels/."
    )

    @OptionGroup var output: OutputOptions

    @Option(help: "Keep the example network here instead of a temporary folder.")
    var keepProject: String?

    func run() throws {
        let resources = try BuildSupport.resources()
        let now = try BuildSupport.now()
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("passport-demo-\(UUID().uuidString)")
        let projectURL = keepProject.map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? temporary.appendingPathComponent("oliveto")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let created = try BuildSupport.attempt { () throws(BuildError) in
            try Scaffold.create(at: projectURL, display: keepProject ?? "oliveto", resources: resources, now: now,
                                publishNetwork: false)
        }
        let options = ProjectBuild.Options(projectRoot: projectURL, displayRoot: keepProject ?? "oliveto",
                                           output: output.url, now: now, resources: resources)
        let report = try BuildSupport.attempt { () throws(BuildError) in try ProjectBuild(options: options).run() }
        print("Example network: \(keepProject ?? "(temporary, removed; use --keep-project DIR to keep it)")")
        print(BuildSupport.summary(report))
        let networkOutput = output.url.appendingPathComponent("network")
        let list = try BuildSupport.attempt { () throws(BuildError) in
            _ = try NetworkFolder.addMemberLocal(root: created.networkRoot, source: output.url.path, now: now)
            return try NetworkFolder.build(root: created.networkRoot, display: "network", output: networkOutput, now: now)
        }
        print("Network: \(networkOutput.appendingPathComponent("site").path)  (\(list.name): \(list.members.count) members, \(list.products) products; trust list version \(list.version))")
        try ShopDemo.run(trustList: list.trustList, project: projectURL, now: now, scratch: temporary.appendingPathComponent("shop"))
    }
}
