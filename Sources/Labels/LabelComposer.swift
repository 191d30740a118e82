import QRCode
import Foundation

/// Glyphs of one font and size, positioned in points from the label's top-left corner.
struct GlyphRun: Sendable {
    var font: FontRole
    var size: Double
    var glyphs: [PlacedGlyph]
}

/// A glyph of a font and where its origin goes on the baseline, in points.
struct PlacedGlyph: Sendable {
    var index: UInt32
    var x: Double
    var y: Double
}

/// A stroked rounded rectangle (a badge), in points on the label.
struct Outline: Sendable {
    var frame: Rect
    var radius: Double
    var lineWidth: Double
}

/// How one field's text was fitted, for the run report.
struct FieldFit: Sendable {
    var field: LabelField
    var text: String
    var fit: TextFit
    var missing: String
}

/// Everything drawn on a label apart from the code. `key` identifies the content, so output
/// drawn once (a PDF form, for instance) can be reused for every label with the same key.
final class Artwork: Sendable {
    let key: String
    let runs: [GlyphRun]
    let outlines: [Outline]
    let fits: [FieldFit]

    init(key: String, runs: [GlyphRun], outlines: [Outline], fits: [FieldFit]) {
        self.key = key
        self.runs = runs
        self.outlines = outlines
        self.fits = fits
    }

    var isEmpty: Bool { runs.isEmpty && outlines.isEmpty }
}

/// One label, laid out and encoded, ready to draw on any surface.
struct PreparedLabel: Sendable {
    /// 0-based position in the run.
    let index: Int
    let serial: String?
    let codeText: String
    let symbol: QRMatrix
    let placement: QRPlacement
    /// The parts that are usually the same for every label of a batch.
    let fixed: Artwork
    /// The parts that change per label (the serial).
    let variable: Artwork
}

/// Lays out a label's text for one template: fits every field into its box.
final class LabelComposer: Sendable {
    let template: LabelTemplate
    private let regular: FontMetrics
    private let bold: FontMetrics

    init(template: LabelTemplate, fonts: FontSet) throws(LabelError) {
        self.template = template
        regular = fonts.regular.metrics
        bold = fonts.bold.metrics
        for (field, box, style) in template.geometry.fields {
            let metrics = self.metrics(style.font)
            let line = (metrics.ascent + metrics.descent) / metrics.unitsPerEm * style.minSize
                + (field == .badges ? style.padding.points(side: box.width) : 0)
            if line > box.height + 0.01 {
                throw .templateInvalid(
                    file: template.layout.file.path, field: "fields.\(field.rawValue)",
                    problem: "the box is \(format(box.height / Length.pointsPerMillimetre, decimals: 2)) mm high, but one "
                        + "line at the minimum size (\(points(style.minSize)) pt) needs "
                        + "\(format(line / Length.pointsPerMillimetre, decimals: 2)) mm; make the box taller or minSize smaller")
            }
        }
    }

    func metrics(_ role: FontRole) -> FontMetrics {
        role == .bold ? bold : regular
    }

    /// The key of a label's fixed artwork: all text that is not drawn per label.
    func fixedKey(_ content: LabelContent) -> String {
        var key = ""
        for (field, _, _) in template.geometry.fields where !field.variesPerLabel {
            key += content.text(of: field)
            key.unicodeScalars.append("\u{1F}")
        }
        return key
    }

    /// Lays out the fields selected by `variable` (per-label ones, or the fixed ones).
    func artwork(_ content: LabelContent, variable: Bool, key: String) -> Artwork {
        var runs: [GlyphRun] = []
        var outlines: [Outline] = []
        var fits: [FieldFit] = []
        for (field, box, style) in template.geometry.fields where field.variesPerLabel == variable {
            let value = content.text(of: field)
            guard !value.isEmpty else { continue }
            let metrics = self.metrics(style.font)
            if field == .badges {
                let fitted = BadgeFitter.fit(content.badges.map { style.prefix + $0 }, style: style, box: box, metrics: metrics)
                if fitted.fit != .fits || !fitted.missing.isEmpty {
                    fits.append(FieldFit(field: field, text: content.badges.joined(separator: ", "),
                                         fit: fitted.fit, missing: fitted.missing))
                }
                let scale = fitted.size / metrics.unitsPerEm
                let padding = style.padding.points(side: box.width)
                let lineWidth = style.borderWidth.points(side: box.width)
                var glyphs: [PlacedGlyph] = []
                for badge in fitted.badges {
                    let inset = lineWidth / 2
                    outlines.append(Outline(
                        frame: Rect(x: badge.frame.x + inset, y: badge.frame.y + inset,
                                    width: badge.frame.width - lineWidth, height: badge.frame.height - lineWidth),
                        radius: style.cornerRadius.points(side: box.width), lineWidth: lineWidth))
                    let baseline = badge.frame.y + padding / 2 + fitted.ascent * scale
                    let x = badge.frame.x + padding
                    for (glyph, offset) in zip(badge.line.glyphs, badge.line.offsets) {
                        glyphs.append(PlacedGlyph(index: glyph.index, x: x + offset * scale, y: baseline))
                    }
                }
                if !glyphs.isEmpty { runs.append(GlyphRun(font: style.font, size: fitted.size, glyphs: glyphs)) }
                continue
            }
            let fitted = TextFitter.fit(style.prefix + value, style: style, box: box, metrics: metrics)
            if fitted.fit != .fits || !fitted.missing.isEmpty {
                fits.append(FieldFit(field: field, text: style.prefix + value, fit: fitted.fit, missing: fitted.missing))
            }
            if let run = glyphRun(fitted, style: style, box: box, metrics: metrics) { runs.append(run) }
        }
        return Artwork(key: key, runs: runs, outlines: outlines, fits: fits)
    }

    private func glyphRun(_ text: FittedText, style: FieldStyle, box: Rect, metrics: FontMetrics) -> GlyphRun? {
        guard !text.lines.isEmpty else { return nil }
        let scale = text.size / metrics.unitsPerEm
        let leading = style.lineSpacing * text.size
        let block = (text.ascent + text.descent) * scale + Double(text.lines.count - 1) * leading
        var top = box.y
        switch style.verticalAlign {
        case .top: break
        case .center: top += (box.height - block) / 2
        case .bottom: top += box.height - block
        }
        var glyphs: [PlacedGlyph] = []
        glyphs.reserveCapacity(text.lines.reduce(0) { $0 + $1.glyphs.count })
        for (number, line) in text.lines.enumerated() {
            let baseline = top + text.ascent * scale + Double(number) * leading
            let width = line.width * scale
            var x = box.x
            switch style.align {
            case .left: break
            case .center: x += (box.width - width) / 2
            case .right: x += box.width - width
            }
            for (glyph, offset) in zip(line.glyphs, line.offsets) {
                glyphs.append(PlacedGlyph(index: glyph.index, x: x + offset * scale, y: baseline))
            }
        }
        return GlyphRun(font: style.font, size: text.size, glyphs: glyphs)
    }
}
