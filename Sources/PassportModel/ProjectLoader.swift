public import Foundation

/// Loads and validates a producer project folder.
public enum ProjectLoader {
    /// Reads `passport.yaml`, `products/`, `batches/` and `certificates/` under `root`, and checks
    /// every record and every reference between them. All problems are thrown together.
    ///
    /// - Parameter displayRoot: how `root` is shown in messages (as the user typed it); paths in
    ///   diagnostics are `displayRoot/relative/path`, or just the relative path when empty.
    public static func load(root: URL, displayRoot: String = "") throws(ProjectError) -> Project {
        let sink = DiagnosticSink()
        let files = ProjectFiles(root: root, displayRoot: displayRoot, sink: sink)
        var isFolder: ObjCBool = false
        let folderExists = FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder) && isFolder.boolValue
        guard folderExists, FileManager.default.fileExists(atPath: root.appendingPathComponent("passport.yaml").path) else {
            throw ProjectError(missingProjectIn: displayRoot, folderExists: folderExists)
        }
        guard let producerText = files.read("passport.yaml") else {
            throw ProjectError(diagnostics: sink.diagnostics)
        }
        let producerReader = RecordReader(file: files.display("passport.yaml"), sink: sink, defaultLanguage: "en")
        let producer = producerReader.topLevel(producerText, allowed: ProducerRecord.fields)
            .flatMap { ProducerRecord.read($0) }
        let language = producer?.defaultLanguage ?? "en"

        let productFiles = files.records(in: "products")
        let products: [Product] = productFiles.compactMap { (id, path, text) in
            RecordReader(file: files.display(path), sink: sink, defaultLanguage: language)
                .topLevel(text, allowed: ProductRecord.fields).flatMap { ProductRecord.read($0, id: id) }
        }
        let batches: [Batch] = files.records(in: "batches").compactMap { (id, path, text) in
            RecordReader(file: files.display(path), sink: sink, defaultLanguage: language)
                .topLevel(text, allowed: BatchRecord.fields).flatMap { BatchRecord.read($0, id: id) }
        }
        let certificateFiles = files.records(in: "certificates")
        let certificates: [Certificate] = certificateFiles.compactMap { (id, path, text) in
            RecordReader(file: files.display(path), sink: sink, defaultLanguage: language)
                .topLevel(text, allowed: CertificateRecord.fields).flatMap { CertificateRecord.read($0, id: id) }
        }
        // References are checked even when records have problems of their own, so that one typo
        // does not hide the next problem; a reference to a record file with problems is not
        // reported again.
        CrossChecks(producer: producer, products: products, batches: batches, certificates: certificates,
                    productFiles: Set(productFiles.map(\.0)), certificateFiles: Set(certificateFiles.map(\.0)),
                    files: files, sink: sink).run()
        guard let producer, sink.isEmpty else { throw ProjectError(diagnostics: sink.diagnostics) }
        let project = Project(root: root.path, producer: producer, products: products, batches: batches,
                              certificates: certificates)
        return project
    }
}

/// The files of a project folder, read in a stable order.
struct ProjectFiles {
    let root: URL
    let displayRoot: String
    let sink: DiagnosticSink

    func display(_ relative: String) -> String {
        displayRoot.isEmpty ? relative : (displayRoot.hasSuffix("/") ? displayRoot : displayRoot + "/") + relative
    }

    func exists(_ relative: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path,
                                              isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    func read(_ relative: String) -> String? {
        let url = root.appendingPathComponent(relative)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            sink.report(SourceLocation(file: display(relative), line: 1, column: 1), "",
                        "cannot read this file", fix: "check that you may read it")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            sink.report(SourceLocation(file: display(relative), line: 1, column: 1), "",
                        "the file is not UTF-8 text", fix: "save it as UTF-8")
            return nil
        }
        return text
    }

    /// `(id, relative path, text)` for every `*.yaml`/`*.yml` file in `folder`, sorted by id.
    func records(in folder: String) -> [(String, String, String)] {
        let directory = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var seen: [String: String] = [:]
        var result: [(String, String, String)] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let id = String(name.prefix(upTo: name.lastIndex(of: ".") ?? name.endIndex))
            let path = "\(folder)/\(name)"
            if !FieldRules.isIdentifier(id) {
                sink.report(SourceLocation(file: display(path), line: 1, column: 1), "",
                            "`\(id)` cannot be used as an id (the file name is the id)",
                            fix: "rename the file using lower-case letters, digits and dashes, e.g. `\(folder)/extra-virgin.yaml`")
                continue
            }
            if let other = seen[id] {
                sink.report(SourceLocation(file: display(path), line: 1, column: 1), "",
                            "`\(id)` is also defined by \(other)", fix: "keep one of the two files")
                continue
            }
            seen[id] = path
            if let text = read(path) { result.append((id, path, text)) }
        }
        return result
    }
}
