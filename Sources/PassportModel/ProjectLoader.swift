public import Foundation
import Output

/// Loads and validates a producer project folder.
public enum ProjectLoader {
    /// Reads `passport.yaml`, `products/`, `batches/`, `certificates/` and `status/` under `root`, and checks
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

        let productFiles = files.recordFiles(in: "products")
        let products: [Product] = files.read(productFiles)
            .compactMap { (id, path, text) in
            RecordReader(file: files.display(path), sink: sink, defaultLanguage: language)
                .topLevel(text, allowed: ProductRecord.fields).flatMap { ProductRecord.read($0, id: id) }
        }
        let batches: [Batch] = files.records(in: "batches").compactMap { (id, path, text) in
            RecordReader(file: files.display(path), sink: sink, defaultLanguage: language)
                .topLevel(text, allowed: BatchRecord.fields)
                .flatMap { BatchRecord.read($0, id: id, limits: producer?.limits ?? .standard) }
        }
        let certificateFiles = files.recordFiles(in: "certificates")
        let certificates: [Certificate] = files.read(certificateFiles)
            .compactMap { (id, path, text) in
            RecordReader(file: files.display(path), sink: sink, defaultLanguage: language)
                .topLevel(text, allowed: CertificateRecord.fields).flatMap { CertificateRecord.read($0, id: id) }
        }
        let status = StatusRecord.read(files, language: language)
        // References are checked even when records have problems of their own, so that one typo
        // does not hide the next problem; a reference to a record file with problems is not
        // reported again.
        CrossChecks(producer: producer, products: products, batches: batches, certificates: certificates,
                    productFiles: Set(productFiles.map(\.id)), certificateFiles: Set(certificateFiles.map(\.id)),
                    files: files, sink: sink).run()
        guard let producer, sink.isEmpty else { throw ProjectError(diagnostics: sink.diagnostics) }
        let project = Project(root: root.path, producer: producer, products: products, batches: batches,
                              certificates: certificates, status: status)
        return project
    }
}

extension ProjectLoader {
    /// Reads only the `status/` files of a folder (a certifier's, which has no other records).
    public static func loadStatus(root: URL, displayRoot: String = "") throws(ProjectError) -> StatusRecords {
        let sink = DiagnosticSink()
        let status = StatusRecord.read(ProjectFiles(root: root, displayRoot: displayRoot, sink: sink), language: "en")
        guard sink.isEmpty else { throw ProjectError(diagnostics: sink.diagnostics) }
        return status
    }
}

/// The files of a project folder, read in a stable order through the confined `ProjectFolder`:
/// problems reading them become diagnostics naming the file.
struct ProjectFiles {
    let folder: ProjectFolder
    let sink: DiagnosticSink

    init(root: URL, displayRoot: String, sink: DiagnosticSink) {
        folder = ProjectFolder(root: root, displayRoot: displayRoot)
        self.sink = sink
    }

    func display(_ relative: String) -> String { folder.display(relative) }

    func read(_ relative: String) -> String? {
        do {
            return try folder.readText(relative, limit: ProjectFolder.recordLimit)
        } catch {
            let start = SourceLocation(file: display(relative), line: 1, column: 1)
            if relative == "passport.yaml", case .missing = error {
                let root = folder.displayRoot.isEmpty ? "." : folder.displayRoot
                sink.report(start, "", "cannot read this file",
                            fix: "run `passport init \(root)` to start a project, or point to the project folder")
            } else {
                sink.report(start, "", error.problem, fix: error.fix)
            }
            return nil
        }
    }

    /// `(id, relative path, text)` for every `*.yaml`/`*.yml` file in `folder`, sorted by id.
    func records(in folderName: String) -> [(String, String, String)] { read(recordFiles(in: folderName)) }

    /// `(id, relative path, text)` of those of `files` that can be read; the others are reported.
    func read(_ files: [(id: String, path: String)]) -> [(String, String, String)] {
        files.compactMap { file in read(file.path).map { (file.id, file.path, $0) } }
    }

    /// `(id, relative path)` of every `*.yaml`/`*.yml` file in `folder` whose name can be an id,
    /// sorted by id, whether it can be read or not; bad names and duplicate ids are reported.
    func recordFiles(in folderName: String) -> [(id: String, path: String)] {
        let names: [String]
        do { names = try folder.names(in: folderName) } catch {
            sink.report(SourceLocation(file: display(folderName), line: 1, column: 1), "", error.problem, fix: error.fix)
            return []
        }
        var seen: [String: String] = [:]
        var result: [(id: String, path: String)] = []
        for name in names where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let id = String(name.prefix(upTo: name.lastIndex(of: ".") ?? name.endIndex))
            let path = "\(folderName)/\(name)"
            if !FieldRules.isIdentifier(id) {
                sink.report(SourceLocation(file: display(path), line: 1, column: 1), "",
                            "\(quoted(id)) cannot be used as an id (the file name is the id)",
                            fix: "rename the file using lower-case letters, digits and dashes, e.g. `\(folderName)/extra-virgin.yaml`")
                continue
            }
            if let other = seen[id] {
                sink.report(SourceLocation(file: display(path), line: 1, column: 1), "",
                            "`\(id)` is also defined by \(other)", fix: "keep one of the two files")
                continue
            }
            seen[id] = path
            result.append((id, path))
        }
        return result
    }
}

/// The kinds of record file a project holds.
public enum RecordKind: String, Sendable, CaseIterable {
    case producer, product, batch, certificate
}

extension ProjectLoader {
    /// Reads one record's text as `kind` and returns every problem found in it alone (references
    /// to other records are not checked). What `passport check` does per file, without a folder:
    /// for editors and the record reader's fuzz target.
    public static func diagnose(_ text: String, as kind: RecordKind, file: String = "record.yaml") -> [Diagnostic] {
        let sink = DiagnosticSink()
        let reader = RecordReader(file: file, sink: sink, defaultLanguage: "en")
        switch kind {
        case .producer:
            _ = reader.topLevel(text, allowed: ProducerRecord.fields).flatMap { ProducerRecord.read($0) }
        case .product:
            _ = reader.topLevel(text, allowed: ProductRecord.fields).flatMap { ProductRecord.read($0, id: "record") }
        case .batch:
            _ = reader.topLevel(text, allowed: BatchRecord.fields).flatMap { BatchRecord.read($0, id: "record") }
        case .certificate:
            _ = reader.topLevel(text, allowed: CertificateRecord.fields).flatMap { CertificateRecord.read($0, id: "record") }
        }
        return ProjectError(diagnostics: sink.diagnostics).diagnostics
    }
}
