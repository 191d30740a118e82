// Fuzz harness for the record reader: whatever bytes a project file holds must end in diagnostics
// or a record, never a crash, a hang or unbounded memory.
//
// With libFuzzer (see docs/security.md; .ci/run runs it for 60 s):
//   swift build --scratch-path .build-fuzz --product RecordFuzz \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
//   .build-fuzz/debug/RecordFuzz -max_total_time=60 -rss_limit_mb=2048 /tmp/record-corpus Tests/Corpus/base
// Without -DFUZZING it is a plain program that replays files given as arguments.

import Foundation
import PassportModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    fuzz(Data(bytes: data, count: size))
    return 0
}

/// One input, read as each kind of record. The first byte picks nothing: every kind reads all of it.
func fuzz(_ bytes: Data) {
    guard let text = String(data: bytes, encoding: .utf8) else { return }
    for kind in RecordKind.allCases {
        for diagnostic in ProjectLoader.diagnose(text, as: kind) {
            // A message quotes at most a short excerpt of the file.
            precondition(diagnostic.description.count < 2_000, "a diagnostic quotes too much of the file")
        }
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
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, fuzzOneInput))
    }
}
#else
/// Without libFuzzer: replays the files given as arguments through the harness.
@main
enum Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            if let data = FileManager.default.contents(atPath: path) { fuzz(data) }
        }
    }
}
#endif
