public import Foundation

/// What a finished program wrote and how it ended.
public struct ToolOutput: Sendable {
    /// The exit status.
    public var status: Int32
    public var stdoutData: Data
    public var stderrData: Data

    /// Standard output as UTF-8 text.
    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    /// Standard error as UTF-8 text.
    public var stderr: String { String(decoding: stderrData, as: UTF8.self) }
}

/// Runs programs other than the tests — the `passport` binary, pdftoppm, zbarimg, qrencode,
/// python3 — and captures what they say.
public enum ExternalTool {
    /// Runs `program` with `arguments` and waits for it to end.
    ///
    /// - Parameters:
    ///   - program: a path, or a bare name looked up on PATH (through `/usr/bin/env`).
    ///   - directory: the working folder; this process's when nil.
    ///   - input: fed on standard input, which is then closed (it is always closed, so a program
    ///     never waits on the terminal).
    ///   - environment: added to (or replacing entries of) this process's environment.
    /// - Throws: when the program cannot be started. A non-zero exit is not an error: check `status`.
    public static func run(_ program: String, _ arguments: [String], in directory: URL? = nil, input: Data? = nil,
                           environment: [String: String] = [:]) throws -> ToolOutput {
        let process = Process()
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        _ = ignoreBrokenPipes
        try process.run()
        // Both outputs are drained while the input is written, so a chatty program cannot block.
        let output = PipeReader(stdout.fileHandleForReading), errors = PipeReader(stderr.fileHandleForReading)
        if let input {
            // A program may end without reading its input; that is for its status to tell.
            try? stdin.fileHandleForWriting.write(contentsOf: input)
        }
        try stdin.fileHandleForWriting.close()
        let outputData = output.wait(), errorData = errors.wait()
        process.waitUntilExit()
        return ToolOutput(status: process.terminationStatus, stdoutData: outputData, stderrData: errorData)
    }

    /// Writing to a program that has ended must fail the write, not kill the test process.
    private static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()
}

/// Reads a pipe to its end on a background thread.
private final class PipeReader: @unchecked Sendable {
    // @unchecked: `data` is written once on the reading thread before `done` is signalled, and
    // read only after waiting for it.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
