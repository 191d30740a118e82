import Credentials
import Foundation
import PassportTestSupport
import Testing

/// What a new user does first: install the binary, ask its version, set up completions.
@Suite("Installing")
struct InstallTests {
    /// The environment of a user who set nothing: no resource folder, a fixed build time.
    static let plainUser = ["PASSPORT_RESOURCES": "", "SOURCE_DATE_EPOCH": "1790000000"]

    @Test("install.sh puts passport, its templates and fonts under PREFIX; the installed passport runs the demo anywhere")
    func installedBinaryRunsTheDemo() throws {
        let folder = try TemporaryFolder("install")
        let prefix = folder.appending("prefix")
        let install = try ExternalTool.run("/bin/bash", [Checkout.path("scripts/install.sh").path,
                                                         "--binary", Checkout.passportBinary.path, prefix.path])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stdout.contains("Installed \(prefix.path)/bin/passport \(PassportSoftware.version)"), "\(install.stdout)")
        for path in ["bin/passport", "share/passport/Templates/labels/sheets", "share/passport/Templates/site",
                     "share/passport/Fonts"] {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), "\(path)")
        }

        let elsewhere = folder.appending("somewhere else")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let demo = try ExternalTool.run(prefix.appendingPathComponent("bin/passport").path, ["demo"], in: elsewhere,
                                        environment: Self.plainUser)
        #expect(demo.status == 0, "\(demo.stderr)")
        for path in ["output/site/index.html", "output/labels/novello-2026-s/labels.pdf", "output/bundle/bundle.json"] {
            #expect(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent(path).path), "\(path)")
        }
    }

    @Test("the binary copied alone says where it looked and how to install it")
    func bareBinaryExplains() throws {
        let folder = try TemporaryFolder("bare")
        let binary = folder.appending("bin/passport")
        try FileManager.default.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Checkout.passportBinary, to: binary)
        let demo = try ExternalTool.run(binary.path, ["demo"], in: folder.url, environment: Self.plainUser)
        #expect(demo.status == 1)
        #expect(demo.stderr.contains("The label templates and fonts were not found"), "\(demo.stderr)")
        #expect(demo.stderr.contains("scripts/install.sh"))
        #expect(!FileManager.default.fileExists(atPath: folder.appending("output").path))
    }

    @Test("--version prints the one version constant")
    func version() throws {
        let result = try Command.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == PassportSoftware.version + "\n")
    }

    @Test("shell completion scripts name the subcommands", arguments: ["bash", "zsh", "fish"])
    func completions(shell: String) throws {
        let result = try Command.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.stderr)")
        for command in ["build", "check", "labels", "verify", "trust"] {
            #expect(result.stdout.contains(command), "\(shell): \(command)")
        }
    }
}
