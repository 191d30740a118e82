import Foundation
import PassportTestSupport
import Testing

/// The README's tour, run as a new user pastes it: every line of a section's shell block, with
/// `swift run passport` standing for the built binary.
@Suite("The README's tour", .serialized)
struct ReadmeTourTests {
    /// The command lines of the first ```sh block after `heading`, comments dropped.
    static func commands(after heading: String) throws -> [String] {
        let readme = try String(contentsOf: Checkout.path("README.md"), encoding: .utf8)
        guard let section = readme.range(of: heading),
              let start = readme.range(of: "```sh\n", range: section.upperBound..<readme.endIndex),
              let end = readme.range(of: "```", range: start.upperBound..<readme.endIndex) else { return [] }
        return readme[start.upperBound..<end.lowerBound].split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.replacingOccurrences(of: "swift run passport", with: "passport") }
    }

    @Test("the shop tour, pasted line by line after the demo, reaches a plain GENUINE for each code")
    func shopTour() throws {
        let folder = try TemporaryFolder("tour")
        let bin = folder.appending("bin"), work = folder.appending("work")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("passport"),
                                                   withDestinationURL: Checkout.passportBinary)
        let environment = [
            "PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "PASSPORT_STORE": folder.appending("store").path, "PASSPORT_SHOP": "shop-a", "TZ": "UTC",
            "SOURCE_DATE_EPOCH": "1793000000", "PASSPORT_NOW": "2026-11-05T10:00:00Z",
        ]
        let demo = try ExternalTool.run("/bin/bash", ["-c", "passport demo"], in: work, environment: environment)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("Try a code as a shop would: passport verify 'https://oliveto.example/01/08012345000029/10/N2026S/21/000001?s="),
                "\(demo.stdout)")

        let commands = try Self.commands(after: "### For a shop")
        #expect(commands.count == 5, "\(commands)")
        var outputs: [String] = []
        for command in commands {
            let result = try ExternalTool.run("/bin/bash", ["-c", command], in: work, environment: environment)
            #expect(result.status == 0, "\(command)\n\(result.stdout)\(result.stderr)")
            outputs.append(result.stdout)
        }
        guard outputs.count == 5 else { return }
        #expect(outputs[2].hasPrefix("GENUINE — Olio Novello, first pressing · lot N2026S · serial 000001 · Oliveto Val d'Orcia Cooperative\n"),
                "\(outputs[2])")
        #expect(!outputs[2].contains("  !"), "a warning: \(outputs[2])")
        let scanned = outputs[3].split(separator: "\n")
        #expect(scanned.count == 3)
        for (line, serial) in zip(scanned, ["000002", "000003", "000004"]) {
            #expect(line.hasPrefix("GENUINE — Olio Novello, first pressing · lot N2026S · serial \(serial) · Oliveto Val d'Orcia Cooperative (code: https://oliveto.example/01/08012345000029/10/N2026S/21/\(serial)?s="),
                    "\(line)")
        }
        #expect(outputs[4].hasPrefix("GENUINE — Olio Novello, first pressing · lot N2026S · serial 000042 · Oliveto Val d'Orcia Cooperative\n"),
                "\(outputs[4])")
    }
}
