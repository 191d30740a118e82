import Foundation
import Output

/// The page templates, partials, interface strings and assets, shipped ones overridden by the project's.
///
/// Everything is checked when loading: a template that does not parse, a page template that is
/// missing, or a `{{>partial}}` that names no file is an error naming the file — Mustache itself
/// would render a missing partial as nothing. Templates are compiled once (see `TemplateProgram`)
/// and rendered by the site's own Mustache engine, byte for byte as swift-mustache rendered them.
struct TemplateSet: Sendable {
    /// Page templates the builder renders.
    static let pages = ["batch", "product", "home", "not-found", "unit"]
    /// Prepended to every template, as when swift-mustache rendered them: `{{…}}` escapes by bytes.
    /// It shares the first line, so line numbers stay those of the file.
    static let pragma = "{{% CONTENT_TYPE: PASSPORT_HTML}}"

    let program: TemplateProgram
    /// Template name → its text as read (before the pragma), for comparing with another engine.
    let sources: [String: String]
    /// Called with every page rendered: the differential test replays the same contexts in swift-mustache.
    var renderObserver: (@Sendable (_ name: String, _ context: TemplateValue, _ output: [UInt8]) -> Void)?
    /// Language code → interface strings, merged over English.
    let strings: [String: [String: String]]
    /// Asset file name → bytes, copied to `assets/`.
    let assets: [String: Data]

    init(shipped: URL, override: URL?) throws(SiteError) {
        let folders = [override, shipped].compactMap { $0 }
        let searched = folders.map(\.path)
        var sources: [String: (file: String, text: String)] = [:]
        var assets: [String: Data] = [:]
        var stringFiles: [(language: String, file: String, data: Data)] = []
        // Shipped first, override second: the later assignment wins. The project's override folder is
        // read through the confined reader: regular files inside it only, of bounded size.
        for folder in folders.reversed() {
            let files = TemplateFiles(folder: folder, confinedAs: folder == override ? "templates/site" : nil)
            for name in try files.names("") {
                let data = try files.read(name, limit: name.hasSuffix(".mustache") ? ProjectFolder.documentLimit
                                                                                   : ProjectFolder.publishedLimit)
                let path = folder.appendingPathComponent(name).path
                if name.hasSuffix(".mustache") {
                    sources[String(name.dropLast(".mustache".count))] = (path, String(decoding: data, as: UTF8.self))
                } else {
                    assets[name] = data
                }
            }
            for name in try files.names("strings") where name.hasSuffix(".json") {
                let data = try files.read("strings/" + name, limit: ProjectFolder.documentLimit)
                stringFiles.append((String(name.dropLast(".json".count)), folder.appendingPathComponent("strings/" + name).path, data))
            }
        }
        var parsed: [String: [TemplateNode]] = [:]
        for name in sources.keys.sorted() {
            guard let source = sources[name] else { continue }
            do throws(TemplateSyntaxError) {
                parsed[name] = try TemplateParser.parse(Self.pragma + source.text)
            } catch {
                // The pragma shares line 1: columns there count from the file's own first character.
                let column = error.line == 1 ? error.column - Self.pragma.count : error.column
                throw .templateSyntax(file: source.file, line: error.line, column: max(1, column), problem: error.problem)
            }
        }
        for page in Self.pages where sources[page] == nil {
            throw .missingTemplate(name: page, neededBy: nil, searched: searched)
        }
        let program = TemplateProgram(parsed)
        if let missing = program.missingPartials.first {
            throw .missingTemplate(name: missing.partial, neededBy: sources[missing.template]?.file, searched: searched)
        }
        self.program = program
        self.sources = sources.mapValues(\.text)
        self.assets = assets
        self.strings = try Self.mergeStrings(stringFiles)
    }

    /// Renders page template `name` (checked to exist when loading).
    func render(_ name: String, _ context: [String: Any]) -> String {
        String(decoding: renderBytes(name, TemplateValue(context)), as: UTF8.self)
    }

    /// Renders page template `name` from a context built as `TemplateValue` (no conversion).
    func render(_ name: String, _ context: TemplateValue) -> String {
        String(decoding: renderBytes(name, context), as: UTF8.self)
    }

    /// Renders page template `name` as UTF-8 bytes.
    func renderBytes(_ name: String, _ context: TemplateValue) -> [UInt8] {
        guard let template = program.index[name] else { return [] }
        var renderer = TemplateRenderer(program: program)
        renderer.render(template, context)
        renderObserver?(name, context, renderer.output)
        return renderer.output
    }

    /// Strings merge key by key: the project's file over the shipped one, every language over English.
    private static func mergeStrings(_ files: [(language: String, file: String, data: Data)]) throws(SiteError) -> [String: [String: String]] {
        var parsed: [String: [String: String]] = [:]
        for source in files {
            guard let object = try? JSONSerialization.jsonObject(with: source.data),
                  let table = object as? [String: Any] else {
                throw .invalidStrings(file: source.file, problem: "not a JSON object")
            }
            var texts: [String: String] = [:]
            for (key, value) in table {
                guard let text = value as? String else {
                    throw .invalidStrings(file: source.file, problem: "the value of `\(key)` is not text")
                }
                texts[key] = text
            }
            parsed[source.language, default: [:]].merge(texts) { _, override in override }
        }
        let english = parsed["en"] ?? [:]
        return parsed.mapValues { english.merging($0) { _, own in own } }
    }

}

/// The files of one template folder: the shipped one read as it is, the project's override read
/// through `ProjectFolder` so nothing outside it (or under a `keys` folder) is copied to the site.
struct TemplateFiles {
    let folder: URL
    /// How the project's override folder is shown in messages; nil for the shipped folder.
    let confinedAs: String?

    private var project: ProjectFolder? { confinedAs.map { ProjectFolder(root: folder, displayRoot: $0) } }

    /// Regular files (not folders, not hidden) in `relative`, sorted.
    func names(_ relative: String) throws(SiteError) -> [String] {
        if let project {
            do {
                return try project.names(in: relative).filter { !project.hasFolder(relative.isEmpty ? $0 : relative + "/" + $0) }
            } catch { throw .projectFile(error) }
        }
        let url = relative.isEmpty ? folder : folder.appendingPathComponent(relative)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.sorted().filter { name in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path,
                                                        isDirectory: &isDirectory)
            return exists && !isDirectory.boolValue && !name.hasPrefix(".")
        }
    }

    func read(_ relative: String, limit: Int) throws(SiteError) -> Data {
        if let project {
            do { return try project.read(relative, limit: limit) } catch {
                throw .projectFile(error)
            }
        }
        let url = folder.appendingPathComponent(relative)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .unreadableFile(path: url.path) }
        return data
    }
}
