import Foundation
import PassportTestSupport
import Testing

/// Labels through the `passport` command: what `build` and `labels` print must scan back to the
/// codes the manifest says were printed.
@Suite("Printing labels", .serialized)
struct LabelsCommandTests {
    /// `(serial, code)` rows of a run's manifest.
    static func manifest(_ url: URL) throws -> [(serial: String, code: String, position: String)] {
        // CSV rows end in CRLF, which Swift reads as one character: split on any newline.
        try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (fields[0], fields[1], fields[4])
        }
    }

    @Test("every label `build` prints scans to the code its manifest lists")
    func buildLabelsScan() throws {
        let built = try BuildCommandTests.initAndBuild(labels: true)
        for batch in ["evo-2026-a", "novello-2026-s"] {
            let folder = built.output.appendingPathComponent("labels/\(batch)")
            let rows = try Self.manifest(folder.appendingPathComponent("manifest.csv"))
            let decoded = try ExternalCodes.read(pdf: folder.appendingPathComponent("labels.pdf"))
            #expect(decoded.count == rows.count, "\(batch): \(decoded.count) codes decoded, \(rows.count) printed")
            #expect(rows.count > 0)
            let unscanned = Set(rows.map(\.code)).subtracting(decoded), unexpected = Set(decoded).subtracting(rows.map(\.code))
            #expect(unscanned.isEmpty && unexpected.isEmpty,
                    "\(batch): \(unscanned.count) printed codes did not scan, \(unexpected.count) scanned codes were not printed")
            let pngs = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("png").path)
            #expect(pngs.count == rows.count)
        }
        let units = try Self.manifest(built.output.appendingPathComponent("labels/novello-2026-s/manifest.csv"))
        #expect(units.map(\.serial) == (1...300).map { String(format: "%06d", $0) }, "serials not 000001…000300 in order")
        #expect(units.allSatisfy { $0.code.contains("/21/\($0.serial)?s=") })
        #expect(Set(units.map(\.code)).count == 300)
        let lot = try Self.manifest(built.output.appendingPathComponent("labels/evo-2026-a/manifest.csv"))
        #expect(lot.count == 21)
        #expect(lot.allSatisfy { $0.code == "https://oliveto.example/01/08012345000012/10/L2026A" })
    }

    @Test("a serial range on a partly used sheet prints those units, in order, from the given slot")
    func serialRange() throws {
        let built = try BuildCommandTests.initAndBuild()
        let result = try Command.run(["labels", "farm", "--batch", "novello-2026-s", "--template", "avery-l7163",
                                      "--from", "41", "--count", "12", "--start-position", "5", "--format", "pdf",
                                      "--output", "printed"], in: built.directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let folder = built.directory.url.appendingPathComponent("printed/novello-2026-s/avery-l7163-from-41-count-12-start-5-pdf")
        let rows = try Self.manifest(folder.appendingPathComponent("manifest.csv"))
        #expect(rows.map(\.serial) == (41...52).map { String(format: "%06d", $0) })
        #expect(rows.first?.position == "6")
        let decoded = try ExternalCodes.read(pdf: folder.appendingPathComponent("labels.pdf"))
        #expect(decoded.count == 12)
        #expect(Set(decoded).subtracting(rows.map(\.code)).isEmpty && Set(rows.map(\.code)).subtracting(decoded).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("png").path))
    }

    @Test("a partial run goes to its own folder and says where; the labels `build` wrote stay")
    func partialRunKeepsTheBatch() throws {
        let built = try BuildCommandTests.initAndBuild(labels: true)
        let batch = built.output.appendingPathComponent("labels/novello-2026-s")
        let before = try Data(contentsOf: batch.appendingPathComponent("manifest.csv"))
        let result = try Command.run(["labels", "farm", "--batch", "novello-2026-s", "--from", "1", "--count", "30",
                                      "--format", "pdf", "--output", built.output.appendingPathComponent("labels").path],
                                     in: built.directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let run = batch.appendingPathComponent("from-1-count-30-pdf")
        #expect(result.stdout.contains("  wrote \(run.path)/labels.pdf\n"), "\(result.stdout)")
        #expect(result.stdout.contains("This run has its own folder, \(batch.path)/from-1-count-30-pdf; the labels of the whole batch in \(batch.path) are as they were.\n"),
                "\(result.stdout)")
        #expect(try Self.manifest(run.appendingPathComponent("manifest.csv")).map(\.serial) == (1...30).map { String(format: "%06d", $0) })
        #expect(try Data(contentsOf: batch.appendingPathComponent("manifest.csv")) == before)
        #expect(try Self.manifest(batch.appendingPathComponent("manifest.csv")).count == 300)
        #expect(try FileManager.default.contentsOfDirectory(atPath: batch.appendingPathComponent("png").path).count == 300)
        #expect(!result.stdout.contains(".staging-"))
    }

    @Test("a signed unit code on a label too small is refused with what would make it fit, and nothing is written")
    func codeTooBig() throws {
        let built = try BuildCommandTests.initAndBuild()
        let result = try Command.run(["labels", "farm", "--batch", "novello-2026-s", "--template", "avery-l7651",
                                      "--count", "3", "--output", "printed"], in: built.directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("does not fit on template 'avery-l7651'"), "\(result.stderr)")
        #expect(result.stderr.contains("QR version"))
        #expect(result.stderr.contains("To make it fit"))
        #expect(!FileManager.default.fileExists(atPath: built.directory.url.appendingPathComponent("printed").path))
    }

    @Test("unknown batches, ranges outside the serials and unknown templates get clear messages",
          arguments: [
              (["--batch", "novello"], "no batch `novello` in batches/"),
              (["--batch", "novello-2026-s", "--from", "299", "--count", "5"], "units 299…303 are outside that range"),
              (["--batch", "evo-2026-a", "--from", "3"], "is not serialized, so --from does not apply"),
              (["--batch", "evo-2026-a", "--template", "avery-9999"], "avery-9999"),
          ])
    func badRequests(arguments: [String], message: String) throws {
        let built = try BuildCommandTests.initAndBuild()
        let result = try Command.run(["labels", "farm", "--output", "printed"] + arguments, in: built.directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: built.directory.url.appendingPathComponent("printed").path))
    }
}
