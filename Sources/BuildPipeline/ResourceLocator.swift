import Foundation

/// Finds the shipped `Templates/` and `Fonts/` folders at run time, without depending on the
/// build folder: `$PASSPORT_HOME`, then `<binary>/../share/passport`, then the nearest parent of
/// the binary or of the working folder that holds both.
public struct ResourceLocator: Sendable {
    public let templatesDirectory: URL
    public let fontsDirectory: URL

    public init(templatesDirectory: URL, fontsDirectory: URL) {
        self.templatesDirectory = templatesDirectory
        self.fontsDirectory = fontsDirectory
    }

    public static func locate() throws(BuildError) -> ResourceLocator {
        var roots: [URL] = []
        if let home = ProcessInfo.processInfo.environment["PASSPORT_HOME"], !home.isEmpty {
            roots.append(URL(fileURLWithPath: home))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        roots.append(executable.deletingLastPathComponent().appendingPathComponent("../share/passport").standardized)
        roots.append(contentsOf: ancestors(of: executable.deletingLastPathComponent()))
        roots.append(contentsOf: ancestors(of: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
        for root in roots {
            let templates = root.appendingPathComponent("Templates"), fonts = root.appendingPathComponent("Fonts")
            if isDirectory(templates.appendingPathComponent("starter")) && isDirectory(fonts) {
                return ResourceLocator(templatesDirectory: templates, fontsDirectory: fonts)
            }
        }
        throw .resources("cannot find passport's Templates/ and Fonts/ folders — set PASSPORT_HOME to the folder that holds them (the passport source folder, or where it was installed)")
    }

    private static func ancestors(of url: URL) -> [URL] {
        var result: [URL] = []
        var current = url.standardized
        while current.path != "/" {
            result.append(current)
            current = current.deletingLastPathComponent()
        }
        return result
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }
}
