import Foundation
import Mustache
import Output

/// The page templates, partials, interface strings and assets, shipped ones overridden by the project's.
///
/// Everything is checked when loading: a template that does not parse, a page template that is
/// missing, or a `{{>partial}}` that names no file is an error naming the file — Mustache itself
/// would render a missing partial as nothing.
struct TemplateSet: Sendable {
    /// Page templates the builder renders.
    static let pages = ["batch", "product", "home", "not-found", "unit"]

    let library: MustacheLibrary
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
        var library = MustacheLibrary()
        _ = FastHTMLContentType.registered
        for name in sources.keys.sorted() {
            guard let source = sources[name] else { continue }
            do {
                // Same line numbers: the pragma shares the first line.
                library.register(try MustacheTemplate(string: FastHTMLContentType.pragma + source.text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw .templateSyntax(file: source.file, line: error.context.lineNumber,
                                      column: error.context.columnNumber, problem: "\(error.error)")
            } catch {
                throw .templateSyntax(file: source.file, line: nil, column: nil, problem: "\(error)")
            }
        }
        try Self.checkReferences(sources: sources, searched: searched)
        self.library = library
        self.assets = assets
        self.strings = try Self.mergeStrings(stringFiles)
    }

    /// Renders page template `name` (checked to exist when loading).
    func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(ContextNode.box(context), withTemplate: name) ?? ""
    }

    /// Every page template exists and every partial any template includes exists.
    private static func checkReferences(sources: [String: (file: String, text: String)],
                                        searched: [String]) throws(SiteError) {
        for page in pages where sources[page] == nil {
            throw .missingTemplate(name: page, neededBy: nil, searched: searched)
        }
        for name in sources.keys.sorted() {
            guard let source = sources[name] else { continue }
            for partial in partialNames(in: source.text) where sources[partial] == nil {
                throw .missingTemplate(name: partial, neededBy: source.file, searched: searched)
            }
        }
    }

    /// Names in `{{> name}}` and `{{< name}}` tags (dynamic `{{>*name}}` partials are not allowed).
    static func partialNames(in text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let first = rest.first, first == ">" || first == "<" else { continue }
            guard let close = rest.range(of: "}}") else { break }
            let name = rest[rest.index(after: rest.startIndex)..<close.lowerBound]
                .trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { names.append(name) }
            rest = rest[close.upperBound...]
        }
        return names
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
