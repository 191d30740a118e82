public import Foundation

/// axe-core, the accessibility checker the Chromium tests run on every page type. `scripts/setup.sh`
/// takes `axe.min.js` (axe-core 4.10.2, MPL-2.0) out of the PyPI wheel `axe-selenium-python` 3.0.0,
/// checks its SHA-256 and keeps it in `.build/test-tools/`.
public enum AxeCore {
    /// The script, if setup has fetched it.
    public static var script: URL? {
        let environment = ProcessInfo.processInfo.environment["PASSPORT_AXE_CORE"].map { URL(fileURLWithPath: $0) }
        let local = Checkout.path(".build/test-tools/axe.min.js")
        return [environment, local].compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0.path) }
    }
}
