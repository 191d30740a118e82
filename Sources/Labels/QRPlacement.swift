public import QRCode

/// Where a QR code goes on a label and how big its modules are, planned for print safety.
///
/// A module is a whole number of printer dots at the template's resolution and never smaller
/// than GS1's 0.396 mm minimum for QR codes at retail; the quiet zone (at least 4 modules) lies
/// inside the code box, so inside the label. The code is made as large as its box allows
/// (up to the layout's `maxModuleSize`). When it cannot fit, planning fails and says what would.
public struct QRPlacement: Sendable, Hashable {
    /// GS1 General Specifications: smallest X-dimension for QR codes scanned at retail, in mm.
    static let minimumModuleMillimetres = 0.396

    public let dpi: Int
    /// Module size in printer dots.
    public let moduleDots: Int
    /// QR version and modules per side (without quiet zone).
    public let version: Int
    public let modules: Int
    /// Quiet zone, in modules on each side.
    public let quietZone: Int
    /// Top-left corner of the symbol (inside its quiet zone) from the label's top-left corner,
    /// in printer dots.
    public let originX: Int
    public let originY: Int

    /// Module size in millimetres.
    public var moduleMillimetres: Double { Double(moduleDots) * 25.4 / Double(dpi) }
    /// Side of the symbol without quiet zone, in millimetres.
    var symbolMillimetres: Double { Double(modules) * moduleMillimetres }

    /// The fewest whole dots at `dpi` that make a module of at least 0.396 mm.
    public static func minimumModuleDots(dpi: Int) -> Int {
        Int((minimumModuleMillimetres * Double(dpi) / 25.4 - 1e-9).rounded(.up))
    }

    /// Plans `symbol` (made from `text`) in `template`'s code box.
    /// - Parameter label: the label number for the error message, if in a run.
    public static func plan(_ symbol: QRMatrix, text: String, template: LabelTemplate,
                            label: Int? = nil) throws(LabelError) -> QRPlacement {
        let dpi = template.sheet.dpi
        let box = template.geometry.code
        let style = template.layout.code
        let dotsPerPoint = Double(dpi) / 72
        let left = Int((box.x * dotsPerPoint - 1e-6).rounded(.up))
        let top = Int((box.y * dotsPerPoint - 1e-6).rounded(.up))
        let width = Int((box.maxX * dotsPerPoint + 1e-6).rounded(.down)) - left
        let height = Int((box.maxY * dotsPerPoint + 1e-6).rounded(.down)) - top
        let span = symbol.size + 2 * style.quietZone
        let smallest = minimumModuleDots(dpi: dpi)
        var largest = min(width, height) / span
        if let cap = style.maxModuleSize {
            let capDots = Int((cap.millimetres() * Double(dpi) / 25.4 + 1e-9).rounded(.down))
            largest = min(largest, max(capDots, smallest))
        }
        guard largest >= smallest else {
            throw .codeDoesNotFit(problem(symbol, text: text, template: template, label: label,
                                          available: (width, height)))
        }
        let total = span * largest
        var x = left, y = top
        switch style.align {
        case .left: break
        case .center: x += (width - total) / 2
        case .right: x += width - total
        }
        switch style.verticalAlign {
        case .top: break
        case .center: y += (height - total) / 2
        case .bottom: y += height - total
        }
        return QRPlacement(dpi: dpi, moduleDots: largest, version: symbol.version, modules: symbol.size,
                           quietZone: style.quietZone, originX: x + style.quietZone * largest,
                           originY: y + style.quietZone * largest)
    }

    /// Encodes `text` and plans it: a quick check before a long run.
    public static func check(text: String, errorCorrection: QRErrorCorrection = .medium,
                             template: LabelTemplate) throws(LabelError) -> QRPlacement {
        let symbol: QRMatrix
        do {
            symbol = try QRMatrix(encoding: text, errorCorrection: errorCorrection)
        } catch {
            throw .codeEncodingFailed(label: 1, reason: error)
        }
        return try plan(symbol, text: text, template: template)
    }

    private static func problem(_ symbol: QRMatrix, text: String, template: LabelTemplate, label: Int?,
                                available: (width: Int, height: Int)) -> CodeFitProblem {
        let dpi = template.sheet.dpi
        let quiet = template.layout.code.quietZone
        let smallest = minimumModuleDots(dpi: dpi)
        let dotMillimetres = 25.4 / Double(dpi)
        func needed(_ size: Int) -> Double { Double((size + 2 * quiet) * smallest) * dotMillimetres }
        let fitsModules = min(available.width, available.height) / smallest
        var suggestions: [String] = []
        suggestions.append("use a larger label, or a layout whose code box is at least "
            + "\(format(needed(symbol.size))) × \(format(needed(symbol.size))) mm")
        let largestVersion = (fitsModules - 2 * quiet - 17) / 4
        if largestVersion >= 1 {
            let capacity = QRMatrix.byteCapacity(version: min(largestVersion, 40), errorCorrection: symbol.errorCorrection)
            suggestions.append("shorten the text to about \(capacity) bytes or fewer (it is \(text.utf8.count)): "
                + "a shorter domain or path in the Digital Link")
        } else {
            suggestions.append("this code box is too small for any QR code at \(dpi) dpi")
        }
        var level = symbol.errorCorrection.lower
        while let lower = level {
            if let smaller = try? QRMatrix(encoding: text, errorCorrection: lower), smaller.version < symbol.version {
                let fits = smaller.size + 2 * quiet <= fitsModules
                suggestions.append("use error correction \(lower) (version \(smaller.version), "
                    + "\(format(needed(smaller.size))) mm\(fits ? ", which fits" : ", still too big"))")
                if fits { break }
            }
            level = lower.lower
        }
        if dpi < 300 {
            let finer = minimumModuleDots(dpi: 300)
            let side = Double((symbol.size + 2 * quiet) * finer) * 25.4 / 300
            suggestions.append("print at 300 dpi, where modules can be \(format(Double(finer) * 25.4 / 300, decimals: 3)) mm "
                + "(the code would need \(format(side)) mm)")
        }
        return CodeFitProblem(
            template: template.sheet.name, layout: template.layout.name, label: label, version: symbol.version,
            modules: symbol.size, errorCorrection: symbol.errorCorrection, quietZone: quiet, dpi: dpi,
            minimumModuleDots: smallest, neededMillimetres: needed(symbol.size),
            availableWidthMillimetres: Double(available.width) * dotMillimetres,
            availableHeightMillimetres: Double(available.height) * dotMillimetres,
            textBytes: text.utf8.count, suggestions: suggestions)
    }
}
