import Foundation

/// Writing to the terminal: results on stdout, problems on stderr.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// Exit codes shared by every subcommand (documented in `--help` and docs/verification.md).
enum ExitStatus {
    static let success: Int32 = 0
    /// The records (or the code being verified) have a problem.
    static let problem: Int32 = 1
    /// The command was used wrongly (ArgumentParser's own validation code).
    static let usage: Int32 = 64
}
