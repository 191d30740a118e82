import Foundation

/// What had to be done to make a field's text fit its box.
public enum TextFit: Sendable, Hashable, CustomStringConvertible {
    /// Drawn as designed.
    case fits
    /// Drawn smaller, at `size` points.
    case shrunk(size: Double)
    /// Wrapped onto `lines` lines at `size` points.
    case wrapped(lines: Int, size: Double)
    /// Even at the minimum size and wrapped it was too long; the end was cut off with "…".
    case ellipsised(size: Double)

    public var description: String {
        switch self {
        case .fits: "fits"
        case let .shrunk(size): "shrunk to \(points(size)) pt"
        case let .wrapped(lines, size): "wrapped to \(lines) lines at \(points(size)) pt"
        case let .ellipsised(size): "cut short with … at \(points(size)) pt"
        }
    }
}

func points(_ size: Double) -> String {
    size == size.rounded() ? String(Int(size)) : String(format: "%.2f", size).replacingOccurrences(of: "0$", with: "", options: .regularExpression)
}

/// Text as glyphs of one font, split into paragraphs at line breaks, measured in font units.
struct ShapedText: Sendable {
    struct Item: Sendable {
        var glyph: GlyphMetrics
        var scalar: Unicode.Scalar
    }

    var paragraphs: [[Item]]
    /// Characters the font has no glyph for (drawn as the font's empty box).
    var missing: String
    var ascent: Double
    var descent: Double

    init(_ text: String, metrics: FontMetrics) {
        var paragraphs: [[Item]] = [[]]
        var missing = ""
        var ascent = metrics.ascent, descent = metrics.descent
        // Precomposed forms are what fonts have glyphs for; ASCII is already in that form.
        let composed = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
        for var scalar in composed.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x2028, 0x2029:
                paragraphs.append([])
                continue
            case 0x09: scalar = " "
            case 0x00..<0x20, 0x7F..<0xA0, 0xAD, 0x200B...0x200F, 0xFEFF: continue
            default: break
            }
            let glyph: GlyphMetrics
            if let found = metrics.glyph(scalar) {
                glyph = found
            } else {
                if !missing.unicodeScalars.contains(scalar) { missing.unicodeScalars.append(scalar) }
                glyph = metrics.notdef
            }
            ascent = max(ascent, Double(glyph.yMax))
            descent = max(descent, Double(-glyph.yMin))
            paragraphs[paragraphs.count - 1].append(Item(glyph: glyph, scalar: scalar))
        }
        self.paragraphs = paragraphs.filter { !$0.isEmpty }
        self.missing = missing
        self.ascent = ascent
        self.descent = descent
    }
}

/// A line ready to draw: glyphs with pen positions in font units from the line's ink start.
struct FittedLine: Sendable {
    var glyphs: [GlyphMetrics]
    var offsets: [Double]
    var width: Double
}

/// The outcome of fitting a field: size, lines and what was done.
struct FittedText: Sendable {
    var size: Double
    var lines: [FittedLine]
    var fit: TextFit
    var missing: String
    var ascent: Double
    var descent: Double
}

/// Fits text into a box: shrink to the minimum size, then wrap, then cut with an ellipsis.
/// Never lets ink leave the box.
enum TextFitter {
    static let sizeStep = 0.25

    static func fit(_ text: String, style: FieldStyle, box: Rect, metrics: FontMetrics) -> FittedText {
        let shaped = ShapedText(text, metrics: metrics)
        let units = metrics.unitsPerEm
        let extent = (shaped.ascent + shaped.descent) / units
        func linesAllowed(_ size: Double) -> Int {
            guard box.height >= extent * size - 0.001 else { return 0 }
            let extra = Int(((box.height - extent * size) / (style.lineSpacing * size)).rounded(.down) + 1e-9)
            return min(style.maxLines, 1 + extra)
        }
        func result(_ size: Double, _ lines: [[ShapedText.Item]], _ fit: TextFit) -> FittedText {
            FittedText(size: size, lines: lines.map(makeLine), fit: fit, missing: shaped.missing,
                       ascent: shaped.ascent, descent: shaped.descent)
        }
        guard !shaped.paragraphs.isEmpty else { return result(style.size, [], .fits) }

        var sizes: [Double] = []
        var candidate = style.size
        while candidate > style.minSize + 0.001 { sizes.append(candidate); candidate -= sizeStep }
        sizes.append(style.minSize)

        // 1. Shrink: each paragraph on one line.
        let widest = shaped.paragraphs.map { width(of: $0[...]) }.max() ?? 0
        for size in sizes where shaped.paragraphs.count <= linesAllowed(size) && widest * size / units <= box.width + 0.001 {
            return result(size, shaped.paragraphs, size == style.size ? .fits : .shrunk(size: size))
        }
        // 2. Wrap at word breaks, at the largest size that then fits.
        for size in sizes {
            let allowed = linesAllowed(size)
            guard allowed > 0, let lines = wrap(shaped.paragraphs, maxWidth: box.width * units / size, breakWords: false),
                  lines.count <= allowed else { continue }
            return result(size, lines, .wrapped(lines: lines.count, size: size))
        }
        // 3. Cut: wrap at the minimum size, breaking words if need be; end the last line with "…".
        let size = style.minSize
        let maxWidth = box.width * units / size
        let allowed = linesAllowed(size)
        guard allowed > 0 else { return result(size, [], .ellipsised(size: size)) }
        var lines = wrap(shaped.paragraphs, maxWidth: maxWidth, breakWords: true) ?? []
        if lines.count > allowed {
            lines.removeLast(lines.count - allowed)
        }
        if var last = lines.popLast() {
            let ellipsis = ellipsisItems(metrics)
            while let tail = last.last, width(of: (last + ellipsis)[...]) > maxWidth || isDangling(tail.scalar) {
                last.removeLast()
            }
            lines.append(last + ellipsis)
        }
        return result(size, lines, .ellipsised(size: size))
    }

    /// Width of a line in font units: advances without trailing spaces, plus ink that hangs out
    /// on the left of the first glyph or the right of the last.
    static func width(of items: ArraySlice<ShapedText.Item>) -> Double {
        var end = items.endIndex
        while end > items.startIndex && items[end - 1].scalar == " " { end -= 1 }
        guard end > items.startIndex else { return 0 }
        var advance = 0.0
        for item in items[items.startIndex..<end] { advance += Double(item.glyph.advance) }
        let first = items[items.startIndex].glyph, last = items[end - 1].glyph
        return max(0, -Double(first.xMin)) + advance + max(0, Double(last.xMax) - Double(last.advance))
    }

    /// Greedy line breaking after spaces, hyphens, slashes and dashes. Returns nil when a word
    /// is wider than a line and `breakWords` is false.
    static func wrap(_ paragraphs: [[ShapedText.Item]], maxWidth: Double, breakWords: Bool) -> [[ShapedText.Item]]? {
        var lines: [[ShapedText.Item]] = []
        for paragraph in paragraphs {
            var start = 0
            while start < paragraph.count {
                while start < paragraph.count && paragraph[start].scalar == " " { start += 1 }
                guard start < paragraph.count else { break }
                var end = start
                var lastBreak: Int? = nil
                while end < paragraph.count {
                    let next = end + 1
                    if paragraph[end].scalar != " " && width(of: paragraph[start..<next]) > maxWidth { break }
                    if isBreak(after: paragraph[end].scalar) || next == paragraph.count { lastBreak = next }
                    end = next
                }
                if end == paragraph.count {
                    lines.append(Array(paragraph[start..<end]))
                    break
                }
                if let lastBreak, lastBreak > start {
                    lines.append(Array(paragraph[start..<lastBreak]))
                    start = lastBreak
                } else if breakWords {
                    let cut = max(end, start + 1)
                    lines.append(Array(paragraph[start..<cut]))
                    start = cut
                } else {
                    return nil
                }
            }
        }
        return lines.map { line in
            var line = line
            while line.last?.scalar == " " { line.removeLast() }
            return line
        }
    }

    /// Spaces and separators that should not be left just before an ellipsis.
    static func isDangling(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "-", "/", ",", ";", ":", "\u{00B7}", "\u{2013}", "\u{2014}", "(": true
        default: false
        }
    }

    static func isBreak(after scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "-", "/", "\u{2013}", "\u{2014}", "\u{00B7}": true
        default: false
        }
    }

    static func ellipsisItems(_ metrics: FontMetrics) -> [ShapedText.Item] {
        if let glyph = metrics.glyph("\u{2026}") { return [ShapedText.Item(glyph: glyph, scalar: "\u{2026}")] }
        let dot = metrics.glyph(".") ?? metrics.notdef
        return Array(repeating: ShapedText.Item(glyph: dot, scalar: "."), count: 3)
    }

    static func makeLine(_ items: [ShapedText.Item]) -> FittedLine {
        let slice = items[...]
        let lead = items.first.map { max(0, -Double($0.glyph.xMin)) } ?? 0
        var pen = lead
        var offsets: [Double] = []
        offsets.reserveCapacity(items.count)
        for item in items {
            offsets.append(pen)
            pen += Double(item.glyph.advance)
        }
        return FittedLine(glyphs: items.map(\.glyph), offsets: offsets, width: width(of: slice))
    }
}
