import Foundation
import PassportTestSupport

/// Runs the built `passport` binary the way a producer or a shop would, and captures what it says.
enum Command {
    /// Runs `passport arguments…` in `directory`, feeding `input` on stdin. SOURCE_DATE_EPOCH is
    /// fixed (1790000000) unless this process or `environment` sets it.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil, input: String? = nil,
                    environment: [String: String] = [:]) throws -> ToolOutput {
        var settings = ["SOURCE_DATE_EPOCH": ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] ?? "1790000000"]
        settings.merge(environment) { _, given in given }
        return try ExternalTool.run(Checkout.passportBinary.path, arguments, in: directory,
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
