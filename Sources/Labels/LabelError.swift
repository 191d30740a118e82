import Foundation
public import QRCode

/// Everything that can stop labels from being rendered, each with a message that says what to do.
///
/// Rendering refuses rather than printing garbage: a code that would not scan, a template that
/// does not describe a real sheet, or a missing font is an error before any file is written.
public enum LabelError: Error, Sendable, CustomStringConvertible {
    /// No sheet or layout template has this name.
    case templateNotFound(name: String, kind: String, available: [String])
    /// A template file cannot be used; `field` is the JSON path of the bad value, if known.
    case templateInvalid(file: String, field: String?, problem: String)
    /// A font file a layout names is in neither the project's fonts folder nor the bundled one.
    case fontMissing(file: String, searched: [String])
    /// FreeType could not read a font file.
    case fontUnreadable(path: String, reason: String)
    /// The code for a label does not fit its template at a printable module size.
    case codeDoesNotFit(CodeFitProblem)
    /// The code text could not be encoded at all.
    case codeEncodingFailed(label: Int, reason: QRCodeError)
    /// The caller's content closure failed for a label.
    case contentFailed(label: Int, reason: String)
    /// The run was asked for something impossible (no labels, a start position past the sheet…).
    case invalidRequest(String)
    /// Two labels in one run have the same serial, so their files would overwrite each other.
    case duplicateSerial(String)
    /// An output file or folder could not be written.
    case outputFailed(path: String, reason: String)
    /// cairo reported an error while drawing.
    case renderingFailed(stage: String, reason: String)

    public var description: String {
        switch self {
        case let .templateNotFound(name, kind, available):
            let list = available.isEmpty ? "none are installed" : "available: " + available.joined(separator: ", ")
            return "There is no label \(kind) called '\(name)' (\(list)). "
                + "Pick one of these, or add \(kind == "layout" ? "layouts" : "sheets")/\(name).json "
                + "to your project's templates/labels folder."
        case let .templateInvalid(file, field, problem):
            let place = field.map { " at '\($0)'" } ?? ""
            return "The label template \(file) cannot be used\(place): \(problem). "
                + "Fix the file (see Templates/labels/README.md for the format) or remove it to use the bundled one."
        case let .fontMissing(file, searched):
            return "The font file '\(file)' was not found (looked in: \(searched.joined(separator: ", "))). "
                + "Labels only use bundled fonts: reinstall passport so Fonts/ is complete, or put the "
                + "file in your project's fonts folder."
        case let .fontUnreadable(path, reason):
            return "The font file \(path) cannot be read (\(reason)). Replace it with a TrueType or "
                + "OpenType font file."
        case let .codeDoesNotFit(problem):
            return problem.description
        case let .codeEncodingFailed(label, reason):
            return "Label \(label): \(reason.description)"
        case let .contentFailed(label, reason):
            return "Label \(label) could not be prepared: \(reason)"
        case let .invalidRequest(message):
            return message
        case let .duplicateSerial(serial):
            return "Serial '\(serial)' appears twice in this run; each label needs its own serial. "
                + "Check the serial range."
        case let .outputFailed(path, reason):
            return "Cannot write \(path): \(reason). Check that the folder exists and is writable "
                + "and that the disk is not full."
        case let .renderingFailed(stage, reason):
            return "Drawing failed while \(stage): \(reason)."
        }
    }
}

/// Why a code does not fit its label, with what would make it fit.
public struct CodeFitProblem: Sendable, Hashable, CustomStringConvertible {
    /// The sheet template's name.
    public var template: String
    /// The layout's name.
    public var layout: String
    /// The label number (1-based) in the run, if the problem came up while rendering.
    public var label: Int?
    /// QR version and side in modules of the code that did not fit.
    public var version: Int
    public var modules: Int
    public var errorCorrection: QRErrorCorrection
    /// Quiet zone, in modules on each side.
    public var quietZone: Int
    /// The printer resolution and the smallest allowed module there.
    public var dpi: Int
    public var minimumModuleDots: Int
    /// Space the code needs (quiet zone included) and the code box's width and height, in mm.
    var neededMillimetres: Double
    var availableWidthMillimetres: Double
    var availableHeightMillimetres: Double
    /// Length of the code text in bytes.
    var textBytes: Int
    /// What would make it fit, one suggestion per entry, written for a producer.
    public var suggestions: [String]

    public var description: String {
        let module = Double(minimumModuleDots) * 25.4 / Double(dpi)
        var text = "The QR code does not fit on template '\(template)' (layout '\(layout)')"
        if let label { text += " for label \(label)" }
        text += ": the \(textBytes)-byte text needs QR version \(version) at error correction "
            + "\(errorCorrection) (\(modules)×\(modules) modules plus a \(quietZone)-module quiet zone "
            + "each side). At the smallest printable module, \(format(module, decimals: 3)) mm (\(minimumModuleDots) "
            + "dots at \(dpi) dpi), that is \(format(neededMillimetres)) × \(format(neededMillimetres)) mm, "
            + "but the code box is \(format(availableWidthMillimetres)) × \(format(availableHeightMillimetres)) mm."
        if !suggestions.isEmpty {
            text += " To make it fit: " + suggestions.joined(separator: "; ") + "."
        }
        return text
    }
}

/// Millimetres with one decimal (the precision a label designer works in), or more if asked.
func format(_ millimetres: Double, decimals: Int = 1) -> String {
    String(format: "%.\(decimals)f", millimetres)
}
