public import Foundation

/// A sheet or roll of labels as the printer sees it: page size, label size and corner radius,
/// how labels are arranged, and the printer's resolution. All lengths in millimetres.
///
/// Read from `Templates/labels/sheets/<name>.json`; the file name is the template's name.
public struct SheetDefinition: Sendable, Hashable {
    /// A cut sheet (laser/inkjet) or a roll (thermal or continuous label printer).
    public enum Kind: String, Sendable, Hashable, Codable {
        case sheet, roll
    }

    /// The template's name, from its file name ("avery-l7160").
    public var name: String
    /// Other names users know it by ("l7160").
    var aliases: [String]
    /// What a producer recognises ("Avery L7160").
    public var title: String
    /// One line: paper, label size, count.
    public var summary: String
    public var kind: Kind
    public var pageWidth: Double
    public var pageHeight: Double
    public var labelWidth: Double
    public var labelHeight: Double
    /// Radius of the die-cut corners (used for proof outlines and to keep content off corners).
    var cornerRadius: Double
    public var columns: Int
    public var rows: Int
    /// Page edge to the first label's top-left corner.
    var marginTop: Double
    var marginLeft: Double
    /// Distance from one label's left (top) edge to the next one's.
    var horizontalPitch: Double
    var verticalPitch: Double
    /// Printer resolution in dots per inch; QR modules are a whole number of these dots.
    public var dpi: Int
    /// The layout used unless another is asked for.
    var defaultLayout: String
    /// The file it was read from.
    public var file: URL

    /// Labels on one page.
    public var labelsPerPage: Int { columns * rows }

    /// Top-left corner of slot `slot` (0-based, row by row) on its page, in millimetres.
    public func labelOrigin(slot: Int) -> (x: Double, y: Double) {
        let column = slot % columns
        let row = slot / columns
        return (marginLeft + Double(column) * horizontalPitch, marginTop + Double(row) * verticalPitch)
    }

    /// Reads and checks a sheet file.
    /// - Parameter data: the file's bytes when the caller read them (a project file); else read from `url`.
    public static func load(from url: URL, data: Data? = nil) throws(LabelError) -> SheetDefinition {
        let file = try TemplateDecoding.decode(SheetFile.self, from: url, data: data, schema: SheetFile.schema)
        let name = url.deletingPathExtension().lastPathComponent
        do {
            return try file.definition(name: name, url: url)
        } catch let problem as TemplateProblem {
            throw .templateInvalid(file: url.path, field: problem.field, problem: problem.problem)
        } catch {
            throw .templateInvalid(file: url.path, field: nil, problem: "\(error)")
        }
    }
}

/// The JSON form of a sheet definition.
private struct SheetFile: Decodable {
    struct Size: Decodable { var width: Length; var height: Length }
    struct Label: Decodable { var width: Length; var height: Length; var cornerRadius: Length? }
    struct Grid: Decodable { var columns: Int; var rows: Int }
    struct Margins: Decodable { var top: Length?; var left: Length? }
    struct Pitch: Decodable { var horizontal: Length?; var vertical: Length? }

    var title: String
    var description: String?
    var aliases: [String]?
    var kind: SheetDefinition.Kind?
    var page: Size
    var label: Label
    var grid: Grid?
    var margins: Margins?
    var pitch: Pitch?
    var dpi: Int
    var layout: String

    static let schema = TemplateDecoding.Schema.object([
        "title": .value, "description": .value, "aliases": .value, "kind": .value, "dpi": .value, "layout": .value,
        "page": .object(["width": .value, "height": .value]),
        "label": .object(["width": .value, "height": .value, "cornerRadius": .value]),
        "grid": .object(["columns": .value, "rows": .value]),
        "margins": .object(["top": .value, "left": .value]),
        "pitch": .object(["horizontal": .value, "vertical": .value]),
    ])

    func definition(name: String, url: URL) throws -> SheetDefinition {
        func mm(_ length: Length, _ field: String) throws -> Double {
            if length.isRelative { throw TemplateProblem(field: field, problem: "percentages are only allowed in layouts") }
            let value = length.millimetres()
            if value < 0 { throw TemplateProblem(field: field, problem: "a length cannot be negative") }
            return value
        }
        let pageWidth = try mm(page.width, "page.width"), pageHeight = try mm(page.height, "page.height")
        let labelWidth = try mm(label.width, "label.width"), labelHeight = try mm(label.height, "label.height")
        guard pageWidth > 0, pageHeight > 0 else { throw TemplateProblem(field: "page", problem: "the page has no area") }
        guard labelWidth >= 5, labelHeight >= 5 else {
            throw TemplateProblem(field: "label", problem: "labels smaller than 5 × 5 mm cannot carry a QR code")
        }
        let columns = grid?.columns ?? 1, rows = grid?.rows ?? 1
        guard columns >= 1, rows >= 1, columns * rows <= 1000 else {
            throw TemplateProblem(field: "grid", problem: "columns and rows must be at least 1 (and at most 1000 labels a page)")
        }
        let horizontalPitch = try pitch?.horizontal.map { try mm($0, "pitch.horizontal") } ?? labelWidth
        let verticalPitch = try pitch?.vertical.map { try mm($0, "pitch.vertical") } ?? labelHeight
        if columns > 1 && horizontalPitch < labelWidth - 0.001 {
            throw TemplateProblem(field: "pitch.horizontal", problem: "the pitch (\(horizontalPitch) mm) is less than the label width, so labels would overlap")
        }
        if rows > 1 && verticalPitch < labelHeight - 0.001 {
            throw TemplateProblem(field: "pitch.vertical", problem: "the pitch (\(verticalPitch) mm) is less than the label height, so labels would overlap")
        }
        let usedWidth = Double(columns - 1) * horizontalPitch + labelWidth
        let usedHeight = Double(rows - 1) * verticalPitch + labelHeight
        let marginLeft = try margins?.left.map { try mm($0, "margins.left") } ?? (pageWidth - usedWidth) / 2
        let marginTop = try margins?.top.map { try mm($0, "margins.top") } ?? (pageHeight - usedHeight) / 2
        if marginLeft < -0.001 || marginLeft + usedWidth > pageWidth + 0.05 {
            throw TemplateProblem(field: "margins.left", problem: "\(columns) columns of labels do not fit across the \(pageWidth) mm page")
        }
        if marginTop < -0.001 || marginTop + usedHeight > pageHeight + 0.05 {
            throw TemplateProblem(field: "margins.top", problem: "\(rows) rows of labels do not fit down the \(pageHeight) mm page")
        }
        let cornerRadius = try label.cornerRadius.map { try mm($0, "label.cornerRadius") } ?? 0
        if cornerRadius * 2 > min(labelWidth, labelHeight) {
            throw TemplateProblem(field: "label.cornerRadius", problem: "the corner radius is more than half the label")
        }
        guard (100...2400).contains(dpi) else {
            throw TemplateProblem(field: "dpi", problem: "\(dpi) dpi is not a printer resolution (use e.g. 203, 300 or 600)")
        }
        guard !layout.isEmpty else { throw TemplateProblem(field: "layout", problem: "name the layout to use") }
        return SheetDefinition(
            name: name, aliases: aliases ?? [], title: title, summary: description ?? title,
            kind: kind ?? (columns * rows == 1 ? .roll : .sheet),
            pageWidth: pageWidth, pageHeight: pageHeight, labelWidth: labelWidth, labelHeight: labelHeight,
            cornerRadius: cornerRadius, columns: columns, rows: rows, marginTop: marginTop, marginLeft: marginLeft,
            horizontalPitch: horizontalPitch, verticalPitch: verticalPitch, dpi: dpi, defaultLayout: layout, file: url)
    }
}
