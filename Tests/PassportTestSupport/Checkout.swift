public import Foundation

/// The package checkout the tests run from: its files and the `passport` binary of this build.
public enum Checkout {
    /// The package root (the folder holding Package.swift), found from this file's path, so tests
    /// run from any working folder.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Tests/PassportTestSupport
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()

    /// `relative` below the package root, e.g. `Templates/site`.
    public static func path(_ relative: String) -> URL {
        root.appendingPathComponent(relative)
    }

    /// The `passport` executable built with the tests (beside the test bundle), else `.build/debug/passport`.
    public static let passportBinary: URL = {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            root.appendingPathComponent(".build/debug"),
        ].compactMap { $0 }
        for directory in candidates {
            let url = directory.appendingPathComponent("passport")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return root.appendingPathComponent(".build/debug/passport")
    }()
}
