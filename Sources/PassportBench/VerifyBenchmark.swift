public import Credentials
public import Foundation
public import Verify
import Pictures

/// Measurements behind `passport bench verify` and docs/benchmarks.md.
public enum VerifyBenchmark {
    /// Verifies `codes` on `threads` threads at once (each code `rounds` times) and returns how
    /// many verifications were made and how long they took, in seconds.
    public static func throughput(verifier: Verifier, codes: [String], threads: Int,
                                  rounds: Int = 1) -> (verifications: Int, seconds: Double) {
        let seconds = timeInParallel(count: codes.count, threads: threads, rounds: rounds) { _ = verifier.verify(codes[$0]) }
        return (codes.count * max(1, rounds), seconds)
    }

    /// The floor under `throughput`: only the Ed25519 unit signatures of `codes` (label codes),
    /// checked against `keys` on `threads` threads.
    public static func signaturesOnly(codes: [String], keys: [PublicKey], threads: Int) -> (verifications: Int, seconds: Double) {
        let signed = codes.compactMap { text -> (String, String)? in
            // The unit codes hold no two-digit-year dates: `now` plays no part in reading them.
            guard case .code(let code) = ScannedCode.read(text, now: Date(timeIntervalSince1970: 0)),
                  let serial = code.serial, let signature = code.signature else {
                return nil
            }
            return (UnitCode.canonicalPath(gtin: code.gtin, lot: code.lot, serial: serial), signature)
        }
        let seconds = timeInParallel(count: signed.count, threads: threads, rounds: 1) {
            _ = UnitSignature.verify(identifier: signed[$0].0, signature: signed[$0].1, candidates: keys)
        }
        return (signed.count, seconds)
    }

    /// Runs `body` for every index below `count` (`rounds` times), spread over `threads` threads;
    /// returns the seconds taken.
    private static func timeInParallel(count: Int, threads: Int, rounds: Int, _ body: @Sendable (Int) -> Void) -> Double {
        let threads = max(1, threads)
        let start = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for _ in 0..<max(1, rounds) {
                for index in stride(from: thread, to: count, by: threads) { body(index) }
            }
        }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Decodes a picture file and reads its codes `runs` times; returns the time of each run in
    /// milliseconds and the codes found.
    public static func decodeTimes(of data: Data, name: String, runs: Int) throws -> (milliseconds: [Double], codes: [String]) {
        let scanner = try CodeScanner()
        var times: [Double] = []
        var codes: [String] = []
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            let image = try GrayImage(decoding: data, name: name)
            codes = scanner.scan(image).map(\.text)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return (times, codes)
    }

    /// Starts `executable` with `arguments` `runs` times and measures, for each run, the time from
    /// starting the process to the first line it writes on standard output, in milliseconds.
    public static func timeToFirstLine(executable: URL, arguments: [String], environment: [String: String],
                                       runs: Int) throws(VerifyError) -> [Double] {
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            let start = DispatchTime.now().uptimeNanoseconds
            do { try process.run() } catch {
                throw .file(path: executable.path, reason: "cannot start it (\(error.localizedDescription))")
            }
            var received = Data()
            let reader = output.fileHandleForReading
            while !received.contains(UInt8(ascii: "\n")) {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                received.append(chunk)
            }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            _ = reader.readDataToEndOfFile()
            process.waitUntilExit()
        }
        return times
    }

    /// The middle value of `values` (0 when empty).
    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
