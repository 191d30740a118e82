public import Foundation

/// Where the bundled label templates and fonts are, and the project's own overrides.
///
/// The caller finds these (installed next to the binary, or in the working tree) and passes them
/// in; nothing here depends on the build folder.
public struct ResourceLocator: Sendable, Hashable {
    /// The bundled `Templates/` folder; label templates are in its `labels/` subfolder.
    public var templatesDirectory: URL
    /// The bundled `Fonts/` folder.
    public var fontsDirectory: URL
    /// A project's templates folder (same structure as `Templates/`); its files win over bundled
    /// ones with the same name.
    public var projectTemplatesDirectory: URL?
    /// A project's fonts folder, searched before the bundled one.
    public var projectFontsDirectory: URL?

    /// Resources at explicit locations.
    public init(templatesDirectory: URL, fontsDirectory: URL,
                projectTemplatesDirectory: URL? = nil, projectFontsDirectory: URL? = nil) {
        self.templatesDirectory = templatesDirectory
        self.fontsDirectory = fontsDirectory
        self.projectTemplatesDirectory = projectTemplatesDirectory
        self.projectFontsDirectory = projectFontsDirectory
    }

    /// The bundled resources under one root folder holding `Templates/` and `Fonts/`.
    public init(root: URL) {
        self.init(templatesDirectory: root.appendingPathComponent("Templates", isDirectory: true),
                  fontsDirectory: root.appendingPathComponent("Fonts", isDirectory: true))
    }

    /// Finds the bundled resources: `$PASSPORT_RESOURCES`, then `share/passport` beside or above
    /// the executable, then the executable's folder and its parents (a source checkout), then the
    /// working directory and its parents.
    public static func locate(executable: URL? = Bundle.main.executableURL,
                              workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                              environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(OutputError) -> ResourceLocator
    {
        var candidates: [URL] = []
        if let explicit = environment["PASSPORT_RESOURCES"], !explicit.isEmpty {
            candidates.append(URL(fileURLWithPath: explicit, isDirectory: true))
        }
        if let folder = executable?.resolvingSymlinksInPath().deletingLastPathComponent() {
            candidates.append(folder.appendingPathComponent("../share/passport", isDirectory: true).standardized)
            candidates.append(folder.appendingPathComponent("share/passport", isDirectory: true))
            candidates += ancestors(of: folder)
        }
        candidates += ancestors(of: workingDirectory)
        for candidate in candidates where isResourceRoot(candidate) {
            return ResourceLocator(root: candidate)
        }
        throw .resourcesNotFound(searched: candidates.map(\.path))
    }

    static func isResourceRoot(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        let labels = url.appendingPathComponent("Templates/labels").path
        let fonts = url.appendingPathComponent("Fonts").path
        return FileManager.default.fileExists(atPath: labels, isDirectory: &isDirectory) && isDirectory.boolValue
            && FileManager.default.fileExists(atPath: fonts, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func ancestors(of url: URL) -> [URL] {
        var result: [URL] = []
        var current = url.standardized
        for _ in 0..<8 {
            result.append(current)
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { break }
            current = parent
        }
        return result
    }
}
