import ArgumentParser
import Credentials
import Foundation
import PassportBench
import Verify
import Pictures

/// `passport bench verify` (listed in BenchCommand's subcommands).
struct BenchVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Measure verification: codes per second, time from start to the first verdict, picture decoding.",
        discussion: "Uses a synthetic producer and bundle in a temporary trust store; nothing of yours is read or changed. Build with -c release for meaningful figures. Targets (2 cores): ≥ 20,000 text verifications/s, ≤ 50 ms to the first verdict, ≤ 10 ms to decode a 300-dpi label PNG."
    )

    @Option(help: "Distinct unit codes to verify.")
    var codes = 20_000
    @Option(help: "Threads verifying at once.")
    var threads = 2
    @Option(help: "How many times each code is verified.")
    var rounds = 3
    @Option(help: "Process starts to time for the first-verdict measurement.")
    var runs = 20
    @Option(help: ArgumentHelp("A label PNG (or JPEG) to time decoding on (default: the first PNG in ./output/labels, else one drawn with qrencode at 300 dpi).", valueName: "file"))
    var label: String?

    func validate() throws {
        guard codes > 0, threads > 0, rounds > 0, runs > 0 else {
            throw ValidationError("--codes, --threads, --rounds and --runs must be positive.")
        }
    }

    func run() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("passport-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        do {
            try measure(in: work)
        } catch let error as VerifyError {
            Console.error(error.description)
            throw ExitCode(ExitStatus.problem)
        } catch let error as CredentialError {
            Console.error(error.description)
            throw ExitCode(ExitStatus.problem)
        }
    }

    private func measure(in work: URL) throws {
        let key = try SigningKey(id: "main", seed: Data(repeating: 42, count: 32))
        let issuer = try DIDWeb(baseURL: "https://bench.example")
        let bundle = try BenchmarkFixture.bundle(key: key, issuer: issuer, serials: codes)
        let texts = try (1...codes).map { number throws(CredentialError) in
            try BenchmarkFixture.code(serial: number, key: key, issuer: issuer)
        }
        var store = try TrustStore(directory: work)
        let bundleData = bundle.json.serialized()
        _ = try store.importBundle(bundleData, path: "bench bundle", trustProducer: true,
                                   now: Date(timeIntervalSince1970: 1_793_000_000))
        let now = Date(timeIntervalSince1970: 1_793_000_000)
        print("passport bench verify — \(ProcessInfo.processInfo.activeProcessorCount) cores available, \(threads) threads")

        for logged in [false, true] {
            let log = logged ? try ScanLog(path: work.appendingPathComponent("scans-\(UUID().uuidString).sqlite").path) : nil
            let verifier = Verifier(store: store, scanLog: log, clock: { now })
            let result = VerifyBenchmark.throughput(verifier: verifier, codes: texts, threads: threads, rounds: rounds)
            let rate = Double(result.verifications) / result.seconds
            print(String(format: "text verifications: %.0f per second (%d in %.2f s, scan log %@)",
                         rate, result.verifications, result.seconds, logged ? "on" : "off"))
        }

        let floor = VerifyBenchmark.signaturesOnly(codes: texts, keys: store.producers.flatMap(\.keys), threads: threads)
        print(String(format: "Ed25519 unit signatures alone (the floor): %.0f per second",
                     Double(floor.verifications) / floor.seconds))

        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var environment = ProcessInfo.processInfo.environment
        environment["PASSPORT_NOW"] = XSDDateTime.string(from: now)
        let first = try VerifyBenchmark.timeToFirstLine(
            executable: executable, arguments: ["verify", texts[0], "--store", work.path, "--shop", "bench"],
            environment: environment, runs: runs)
        print(String(format: "process start to first verdict: median %.1f ms, slowest %.1f ms (%d runs)",
                     VerifyBenchmark.median(first), first.max() ?? 0, first.count))

        guard let picture = try labelPicture(code: texts[0], work: work) else {
            print("picture decoding: skipped (give --label FILE, build labels into ./output/labels, or install qrencode)")
            return
        }
        let data = try Data(contentsOf: picture)
        let image = try GrayImage(decoding: data, name: picture.path)
        let decoded = try VerifyBenchmark.decodeTimes(of: data, name: picture.path, runs: 50)
        print(String(format: "picture decoding (%@, %d × %d): median %.2f ms, slowest %.2f ms, %d code(s) read",
                     picture.lastPathComponent, image.width, image.height, VerifyBenchmark.median(decoded.milliseconds),
                     decoded.milliseconds.max() ?? 0, decoded.codes.count))
    }

    /// The label picture to time: --label, a built label, or one drawn with qrencode.
    private func labelPicture(code: String, work: URL) throws -> URL? {
        if let label { return URL(fileURLWithPath: label) }
        let labels = URL(fileURLWithPath: "output/labels")
        if let found = FileManager.default.enumerator(atPath: labels.path)?
            .compactMap({ $0 as? String }).sorted().first(where: { $0.hasSuffix(".png") }) {
            return labels.appendingPathComponent(found)
        }
        let drawn = work.appendingPathComponent("label-300dpi.png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // 300 dpi, 5-dot (0.423 mm) modules as the label templates print them, 4-module quiet zone.
        process.arguments = ["qrencode", "-d", "300", "-s", "5", "-m", "4", "-l", "M", "-o", drawn.path, code]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? drawn : nil
    }
}
