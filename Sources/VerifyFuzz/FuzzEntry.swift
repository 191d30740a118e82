// Fuzz harness for the code reader and the verifier: whatever a scanner or a photo can hand
// over must get a verdict, never a crash.
//
// With libFuzzer (see docs/verification.md):
//   swift build --scratch-path .build-fuzz --product VerifyFuzz \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
//   .build-fuzz/debug/VerifyFuzz -max_total_time=60 /tmp/verify-corpus
// Without -DFUZZING it is a plain program that replays files (or stdin) through the same entry.

import Credentials
import Foundation
import PassportBench
import Verify
import Pictures

/// A trusted producer with a bundle, made once: the verifier under test.
let fuzzVerifier: Verifier = {
    guard let fixture = try? FuzzFixture.make() else { fatalError("could not build the fuzz fixture") }
    return fixture
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    fuzz(Data(bytes: data, count: size))
    return 0
}

/// One input: as scanned text through the verifier, and as a picture through the decoders.
func fuzz(_ bytes: Data) {
    let verdict = fuzzVerifier.verify(String(decoding: bytes, as: UTF8.self))
    _ = verdict.jsonLine
    _ = verdict.detailLines
    if let image = try? GrayImage(decoding: bytes, name: "fuzz"), let scanner = try? CodeScanner() {
        _ = scanner.scan(image)
    }
}

enum FuzzFixture {
    static func make() throws -> Verifier {
        let key = try SigningKey(id: "main", seed: Data(repeating: 7, count: 32))
        let did = try DIDWeb(baseURL: "https://oliveto.example")
        let producer = TrustedProducer(did: did.did, name: "Oliveto", keys: [key.publicKey.withID(did.keyID(for: "main"))],
                                       addedAt: "2026-01-01T00:00:00Z")
        let bundle = try BenchmarkFixture.bundle(key: key, issuer: did, serials: 1000)
        let loaded = try LoadedBundle(bundle: bundle, producer: producer, certifiers: [], path: "fuzz")
        return Verifier(producers: [producer], bundles: [loaded], scanLog: nil,
                        clock: { Date(timeIntervalSince1970: 1_794_000_000) })
    }
}

#if FUZZING
/// libFuzzer's driver (compiler-rt), started from our own entry point: SwiftPM names an
/// executable's entry point after its module, so libFuzzer's `main` is not used.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@main
enum FuzzDriver {
    static func main() {
        _ = fuzzVerifier  // made once, before the first input, so it is not taken for a leak
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, fuzzOneInput))
    }
}
#else
/// Without libFuzzer: replays the files given as arguments through the harness, or verifies
/// lines from standard input.
@main
enum Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            if let data = FileManager.default.contents(atPath: path) { fuzz(data) }
        }
        if CommandLine.arguments.count == 1 {
            while let line = readLine(strippingNewline: true) {
                print(fuzzVerifier.verify(line).line)
            }
        }
    }
}
#endif
