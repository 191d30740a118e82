import Foundation
import PassportTestSupport

/// Runs the built `passport` binary the way a producer or a shop would, and captures what it says.
enum Command {
    /// Runs `passport arguments…` in `directory`, feeding `input` on stdin. SOURCE_DATE_EPOCH is
    /// fixed (1790000000) unless this process or `environment` sets it.
    ///
    /// `killAfter` (seconds) is a safety net for input that used to hang a command: past it the
    /// process is killed (`timeout -s KILL`, status 137), which the test reports as a failure — it
    /// is not a speed assertion.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil, input: String? = nil,
                    environment: [String: String] = [:], killAfter: Int? = nil) throws -> ToolOutput {
        var settings = ["SOURCE_DATE_EPOCH": ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] ?? "1790000000"]
        settings.merge(environment) { _, given in given }
        let (program, prefix) = killAfter.map { ("/usr/bin/timeout", ["-s", "KILL", String($0), Checkout.passportBinary.path]) }
            ?? (Checkout.passportBinary.path, [])
        return try ExternalTool.run(program, prefix + arguments, in: directory,
                                    input: input.map { Data($0.utf8) }, environment: settings)
    }
}

extension Command {
    /// The outside-truth data the tests check against (see its README for sources and digests).
    static let conformance = Checkout.path("Tests/Conformance")

    /// Runs one of the project's Python checkers with Debian's python3 (which has jsonschema and pyld).
    static func python(_ script: URL, _ arguments: [String]) throws -> ToolOutput {
        try ExternalTool.run("/usr/bin/python3", [script.path] + arguments)
    }
}
