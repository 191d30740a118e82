import Foundation
public import Output

/// The label templates a run can use: the bundled ones in `Templates/labels/`, and a project's
/// own in its templates folder, where a file with the same name wins.
///
/// `labels/sheets/*.json` are sheet definitions (``SheetDefinition``), `labels/layouts/*.json`
/// layouts (``LabelLayout``). A template is picked by its sheet's name or one of its aliases.
public struct TemplateCatalog: Sendable {
    public let resources: ResourceLocator

    /// The templates in `resources`' bundled and project folders.
    public init(resources: ResourceLocator) {
        self.resources = resources
    }

    /// All sheet definitions, project overrides applied, sorted by name.
    public func sheets() throws(LabelError) -> [SheetDefinition] {
        var result: [SheetDefinition] = []
        for (_, source) in files(kind: "sheets").sorted(by: { $0.key < $1.key }) {
            result.append(try SheetDefinition.load(from: source.url, data: try source.data()))
        }
        return result
    }

    /// All layouts, project overrides applied, sorted by name.
    func layouts() throws(LabelError) -> [LabelLayout] {
        var result: [LabelLayout] = []
        for (_, source) in files(kind: "layouts").sorted(by: { $0.key < $1.key }) {
            result.append(try LabelLayout.load(from: source.url, data: try source.data()))
        }
        return result
    }

    /// The sheet called `name` (case-insensitive; aliases count).
    public func sheet(named name: String) throws(LabelError) -> SheetDefinition {
        let key = name.lowercased()
        let files = files(kind: "sheets")
        if let source = files[key] { return try SheetDefinition.load(from: source.url, data: try source.data()) }
        let all = try sheets()
        if let match = all.first(where: { $0.aliases.contains { $0.lowercased() == key } }) { return match }
        throw .templateNotFound(name: name, kind: "sheet", available: all.map(\.name))
    }

    /// The layout called `name`.
    func layout(named name: String) throws(LabelError) -> LabelLayout {
        let files = files(kind: "layouts")
        if let source = files[name.lowercased()] { return try LabelLayout.load(from: source.url, data: try source.data()) }
        throw .templateNotFound(name: name, kind: "layout", available: files.keys.sorted())
    }

    /// A sheet with its default layout, or with `layout` if given, checked against each other.
    public func template(named name: String, layout: String? = nil) throws(LabelError) -> LabelTemplate {
        let sheet = try sheet(named: name)
        return try LabelTemplate(sheet: sheet, layout: self.layout(named: layout ?? sheet.defaultLayout))
    }

    /// Template files of one kind by lower-cased name; project files replace bundled ones. The
    /// project's are listed and read through `ProjectFolder`: nothing outside its templates folder.
    func files(kind: String) -> [String: TemplateSource] {
        var result: [String: TemplateSource] = [:]
        let relative = "labels/" + kind
        let bundled = resources.templatesDirectory.appendingPathComponent(relative, isDirectory: true)
        for file in (try? FileManager.default.contentsOfDirectory(atPath: bundled.path)) ?? []
        where file.hasSuffix(".json") && !file.hasPrefix(".") {
            result[String(file.dropLast(5)).lowercased()] = TemplateSource(url: bundled.appendingPathComponent(file),
                                                                           project: nil, relative: "")
        }
        if let own = resources.projectTemplatesDirectory {
            let project = ProjectFolder(root: own, displayRoot: "templates")
            for file in (try? project.names(in: relative)) ?? [] where file.hasSuffix(".json") {
                result[String(file.dropLast(5)).lowercased()] = TemplateSource(
                    url: own.appendingPathComponent(relative).appendingPathComponent(file), project: project,
                    relative: relative + "/" + file)
            }
        }
        return result
    }
}

/// Where a template file is: bundled (read by path) or the project's (read through `ProjectFolder`).
struct TemplateSource {
    let url: URL
    let project: ProjectFolder?
    let relative: String

    /// The project file's bytes, or nil for a bundled file (read by its path).
    func data() throws(LabelError) -> Data? {
        guard let project else { return nil }
        do { return try project.read(relative, limit: ProjectFolder.documentLimit) } catch {
            throw .templateInvalid(file: error.path, field: nil, problem: "\(error.problem) — \(error.fix)")
        }
    }
}

/// A sheet paired with a layout, with every box resolved to points and checked to lie on the
/// label and to keep clear of the code.
public struct LabelTemplate: Sendable {
    public let sheet: SheetDefinition
    let layout: LabelLayout
    let geometry: LabelGeometry

    /// The sheet's name, which is how users pick a template.
    public var name: String { sheet.name }

    /// Pairs a sheet with a layout, checking every box against the sheet's label.
    init(sheet: SheetDefinition, layout: LabelLayout) throws(LabelError) {
        self.sheet = sheet
        self.layout = layout
        geometry = try LabelGeometry(sheet: sheet, layout: layout)
    }
}

/// A rectangle in points, from the label's top-left corner.
struct Rect: Sendable, Hashable {
    var x: Double, y: Double, width: Double, height: Double
    var maxX: Double { x + width }
    var maxY: Double { y + height }

    func overlaps(_ other: Rect) -> Bool {
        min(maxX, other.maxX) - max(x, other.x) > 0.05 && min(maxY, other.maxY) - max(y, other.y) > 0.05
    }
}

/// A layout's boxes on one sheet's label, in points.
struct LabelGeometry: Sendable {
    let width: Double
    let height: Double
    let code: Rect
    let fields: [(field: LabelField, box: Rect, style: FieldStyle)]

    init(sheet: SheetDefinition, layout: LabelLayout) throws(LabelError) {
        let width = sheet.labelWidth * Length.pointsPerMillimetre
        let height = sheet.labelHeight * Length.pointsPerMillimetre
        self.width = width
        self.height = height
        let file = layout.file.path
        let labelSize = "\(format(sheet.labelWidth)) × \(format(sheet.labelHeight)) mm"
        func resolve(_ box: LayoutBox, _ path: String) throws(LabelError) -> Rect {
            let x = box.x.points(side: width), y = box.y.points(side: height)
            let boxWidth = box.width?.points(side: width) ?? (width - x - (box.right?.points(side: width) ?? 0))
            let boxHeight = box.height?.points(side: height) ?? (height - y - (box.bottom?.points(side: height) ?? 0))
            let rect = Rect(x: x, y: y, width: boxWidth, height: boxHeight)
            guard rect.width > 0, rect.height > 0 else {
                throw .templateInvalid(file: file, field: path, problem: "the box has no area")
            }
            let tolerance = 0.05
            if rect.x < -tolerance || rect.y < -tolerance || rect.maxX > width + tolerance || rect.maxY > height + tolerance {
                throw .templateInvalid(
                    file: file, field: path,
                    problem: "the box (\(format(rect.x / Length.pointsPerMillimetre)), \(format(rect.y / Length.pointsPerMillimetre)), "
                        + "\(format(rect.width / Length.pointsPerMillimetre)) × \(format(rect.height / Length.pointsPerMillimetre)) mm) "
                        + "reaches outside the \(labelSize) label of sheet '\(sheet.name)'")
            }
            return rect
        }
        let code = try resolve(layout.code.box, "code")
        self.code = code
        var fields: [(LabelField, Rect, FieldStyle)] = []
        for field in LabelField.allCases {
            guard let style = layout.fields[field] else { continue }
            let box = try resolve(style.box, "fields.\(field.rawValue)")
            if box.overlaps(code) {
                throw .templateInvalid(file: file, field: "fields.\(field.rawValue)",
                                       problem: "the box overlaps the code box; text there would spoil the code's quiet zone")
            }
            fields.append((field, box, style))
        }
        self.fields = fields
    }
}
