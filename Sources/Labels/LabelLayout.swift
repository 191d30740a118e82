import Foundation

/// A piece of label content a layout can place.
public enum LabelField: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case productName, producer, gtin, lot, serial, dates, netQuantity, badges, callToAction

    public var description: String { rawValue }

    /// Fields that usually change from label to label in a run; the rest is drawn once and reused.
    var variesPerLabel: Bool { self == .serial }
}

/// Horizontal placement of text or of the code in its box.
enum HorizontalAlignment: String, Sendable, Hashable, Codable {
    case left, center, right
}

/// Vertical placement of text or of the code in its box.
enum VerticalAlignment: String, Sendable, Hashable, Codable {
    case top, center, bottom
}

/// Which of the layout's fonts a field uses.
enum FontRole: String, Sendable, Hashable, CaseIterable, Codable {
    case regular, bold
}

/// A rectangle on the label, from its top-left corner. Its size is given either directly
/// (`width`, `height`) or as the distance from the label's right and bottom edges (`right`,
/// `bottom`), so one layout can serve labels of slightly different sizes.
struct LayoutBox: Sendable, Hashable {
    var x: Length
    var y: Length
    var width: Length?
    var height: Length?
    var right: Length?
    var bottom: Length?

    /// A box; give `width` or `right`, and `height` or `bottom`.
    init(x: Length, y: Length, width: Length? = nil, height: Length? = nil,
                right: Length? = nil, bottom: Length? = nil) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.right = right
        self.bottom = bottom
    }

    /// Checks that the size is given exactly one way.
    func validated(_ path: String) throws -> LayoutBox {
        guard (width == nil) != (right == nil) else {
            throw TemplateProblem(field: path, problem: "give either width or right (distance from the label's right edge), not both or neither")
        }
        guard (height == nil) != (bottom == nil) else {
            throw TemplateProblem(field: path, problem: "give either height or bottom (distance from the label's bottom edge), not both or neither")
        }
        return self
    }
}

/// Where and how one field is drawn.
struct FieldStyle: Sendable, Hashable {
    var box: LayoutBox
    var font: FontRole
    /// Preferred size in points.
    var size: Double
    /// Text is shrunk down to this size (points) before it is wrapped, then ellipsised.
    var minSize: Double
    /// Most lines the field may wrap to (the box height may allow fewer).
    var maxLines: Int
    var align: HorizontalAlignment
    var verticalAlign: VerticalAlignment
    /// Baseline-to-baseline distance as a multiple of the font size.
    var lineSpacing: Double
    /// Text put before the value, e.g. "Lot ".
    var prefix: String
    /// Badges only: space between badges, inner padding, outline width and corner radius.
    var gap: Length
    var padding: Length
    var borderWidth: Length
    var cornerRadius: Length
}

/// Where the QR code goes.
struct CodeStyle: Sendable, Hashable {
    /// The area for the symbol and its quiet zone.
    var box: LayoutBox
    var align: HorizontalAlignment
    var verticalAlign: VerticalAlignment
    /// Light modules around the symbol, at least 4.
    var quietZone: Int
    /// Largest module to use; by default the code grows to fill its box.
    var maxModuleSize: Length?
}

/// Which field goes where on a label, in which font and size, and where the code goes.
///
/// Read from `Templates/labels/layouts/<name>.json`. Lengths may be percentages of the label.
struct LabelLayout: Sendable, Hashable {
    var name: String
    var title: String
    /// Font file names by role, looked up in the fonts folders.
    var fonts: [FontRole: String]
    var code: CodeStyle
    var fields: [LabelField: FieldStyle]
    var file: URL

    /// Reads and checks a layout file (sizes against a label are checked when it is paired with
    /// a sheet, see ``TemplateCatalog/template(named:layout:)``).
    /// - Parameter data: the file's bytes when the caller read them (a project file); else read from `url`.
    public static func load(from url: URL, data: Data? = nil) throws(LabelError) -> LabelLayout {
        let file = try TemplateDecoding.decode(LayoutFile.self, from: url, data: data, schema: LayoutFile.schema)
        do {
            return try file.layout(name: url.deletingPathExtension().lastPathComponent, url: url)
        } catch let problem as TemplateProblem {
            throw .templateInvalid(file: url.path, field: problem.field, problem: problem.problem)
        } catch {
            throw .templateInvalid(file: url.path, field: nil, problem: "\(error)")
        }
    }
}

/// The JSON form of a layout.
private struct LayoutFile: Decodable {
    struct Code: Decodable {
        var x: Length, y: Length, width: Length?, height: Length?, right: Length?, bottom: Length?
        var align: HorizontalAlignment?
        var verticalAlign: VerticalAlignment?
        var quietZone: Int?
        var maxModuleSize: Length?
    }

    struct Field: Decodable {
        var x: Length, y: Length, width: Length?, height: Length?, right: Length?, bottom: Length?
        var font: FontRole?
        var size: Double?
        var minSize: Double?
        var maxLines: Int?
        var align: HorizontalAlignment?
        var verticalAlign: VerticalAlignment?
        var lineSpacing: Double?
        var prefix: String?
        var gap: Length?
        var padding: Length?
        var borderWidth: Length?
        var cornerRadius: Length?
    }

    var title: String?
    var fonts: [String: String]
    var code: Code
    var fields: [String: Field]

    static let boxKeys: [String: TemplateDecoding.Schema] = [
        "x": .value, "y": .value, "width": .value, "height": .value, "right": .value, "bottom": .value,
    ]
    static let schema = TemplateDecoding.Schema.object([
        "title": .value, "description": .value,
        "fonts": .map(.value),
        "code": .object(boxKeys.merging(["align": .value, "verticalAlign": .value, "quietZone": .value,
                                         "maxModuleSize": .value]) { a, _ in a }),
        "fields": .map(.object(boxKeys.merging([
            "font": .value, "size": .value, "minSize": .value, "maxLines": .value, "align": .value,
            "verticalAlign": .value, "lineSpacing": .value, "prefix": .value, "gap": .value, "padding": .value,
            "borderWidth": .value, "cornerRadius": .value,
        ]) { a, _ in a })),
    ])

    func layout(name: String, url: URL) throws -> LabelLayout {
        var roles: [FontRole: String] = [:]
        for (key, fileName) in fonts {
            guard let role = FontRole(rawValue: key) else {
                throw TemplateProblem(field: "fonts.\(key)", problem: "unknown font role (use regular and bold)")
            }
            roles[role] = fileName
        }
        guard roles[.regular] != nil else {
            throw TemplateProblem(field: "fonts.regular", problem: "a layout needs a regular font file")
        }
        let quietZone = code.quietZone ?? 4
        guard quietZone >= 4 else {
            throw TemplateProblem(field: "code.quietZone", problem: "the quiet zone must be at least 4 modules or phones may not read the code")
        }
        let codeBox = try LayoutBox(x: code.x, y: code.y, width: code.width, height: code.height,
                                    right: code.right, bottom: code.bottom).validated("code")
        let codeStyle = CodeStyle(box: codeBox,
                                  align: code.align ?? .center, verticalAlign: code.verticalAlign ?? .center,
                                  quietZone: quietZone, maxModuleSize: code.maxModuleSize)
        var styles: [LabelField: FieldStyle] = [:]
        for (key, field) in fields {
            guard let which = LabelField(rawValue: key) else {
                let known = LabelField.allCases.map(\.rawValue).joined(separator: ", ")
                throw TemplateProblem(field: "fields.\(key)", problem: "unknown field (known fields: \(known))")
            }
            let path = "fields.\(key)"
            let size = field.size ?? 7
            let minSize = field.minSize ?? min(size, 5)
            guard size >= 3, size <= 200 else {
                throw TemplateProblem(field: path + ".size", problem: "\(size) pt is not a usable text size (3–200)")
            }
            guard minSize >= 3, minSize <= size else {
                throw TemplateProblem(field: path + ".minSize", problem: "the minimum size must be between 3 pt and the size (\(size) pt)")
            }
            let maxLines = field.maxLines ?? (which == .dates ? 4 : 1)
            guard maxLines >= 1 else { throw TemplateProblem(field: path + ".maxLines", problem: "must be at least 1") }
            let lineSpacing = field.lineSpacing ?? 1.15
            guard lineSpacing >= 0.8, lineSpacing <= 3 else {
                throw TemplateProblem(field: path + ".lineSpacing", problem: "must be between 0.8 and 3")
            }
            if let font = field.font, roles[font] == nil {
                throw TemplateProblem(field: path + ".font", problem: "the layout has no '\(font.rawValue)' font under fonts")
            }
            styles[which] = FieldStyle(
                box: try LayoutBox(x: field.x, y: field.y, width: field.width, height: field.height,
                                   right: field.right, bottom: field.bottom).validated(path),
                font: field.font ?? .regular, size: size, minSize: minSize, maxLines: maxLines,
                align: field.align ?? .left, verticalAlign: field.verticalAlign ?? .top, lineSpacing: lineSpacing,
                prefix: field.prefix ?? "", gap: field.gap ?? .millimetres(1), padding: field.padding ?? .millimetres(0.6),
                borderWidth: field.borderWidth ?? .points(0.4), cornerRadius: field.cornerRadius ?? .millimetres(0.6))
        }
        return LabelLayout(name: name, title: title ?? name, fonts: roles, code: codeStyle, fields: styles, file: url)
    }
}
