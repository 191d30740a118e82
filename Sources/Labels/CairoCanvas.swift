internal import CCairo
import Foundation
import QRCode

/// A cairo drawing context (`cairo_t *`) on a surface it keeps alive, freed in `deinit`.
///
/// Every drawing call of the module goes through here: labels describe what to draw (text runs,
/// badge outlines, codes) in points or dots, and the canvas turns it into cairo calls.
final class CairoCanvas {
    let surface: CairoSurface
    /// `cairo_t *`, one reference owned by this object.
    private let context: OpaquePointer

    /// A context for `surface` (`cairo_create`), with hinting off so text is placed exactly
    /// where layout measured it.
    init(_ surface: CairoSurface, stage: String) throws(LabelError) {
        self.surface = surface
        // cairo_create never returns NULL: on failure it returns a context in an error state,
        // which check() below reports.
        context = cairo_create(surface.pointer)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(context, options)
        cairo_font_options_destroy(options)
        try check(stage)
    }

    deinit { cairo_destroy(context) }

    /// A PDF file being written page by page; `width`/`height` in points.
    static func pdf(path: String, width: Double, height: Double, metadata: PDFMetadata) throws(LabelError) -> CairoCanvas {
        try CairoCanvas(.pdf(path: path, width: width, height: height, metadata: metadata), stage: "starting the PDF \(path)")
    }

    /// An SVG file of `width` × `height` points.
    static func svg(path: String, width: Double, height: Double) throws(LabelError) -> CairoCanvas {
        try CairoCanvas(.svg(path: path, width: width, height: height), stage: "starting the SVG file \(path)")
    }

    /// A white 24-bit image of `width` × `height` pixels.
    static func image(width: Int, height: Int) throws(LabelError) -> CairoCanvas {
        let canvas = try CairoCanvas(.image(width: width, height: height), stage: "making a label image")
        cairo_set_source_rgb(canvas.context, 1, 1, 1)
        cairo_paint(canvas.context)
        return canvas
    }

    /// Drawing recorded for replay, `width` × `height` points (a form in PDF output).
    static func recording(width: Double, height: Double) throws(LabelError) -> CairoCanvas {
        try CairoCanvas(.recording(width: width, height: height), stage: "recording label text")
    }

    /// Throws if cairo has recorded an error on the context or surface, with cairo's message.
    func check(_ stage: String) throws(LabelError) {
        let status = cairo_status(context)
        guard status == CAIRO_STATUS_SUCCESS else { throw CairoSurface.error(status, stage: stage) }
        try surface.check(stage)
    }

    /// Ends the current page and starts the next (`cairo_show_page`).
    func showPage(_ stage: String) throws(LabelError) {
        cairo_show_page(context)
        try check(stage)
    }

    /// Ends the last page and completes the file (`cairo_show_page`, `cairo_surface_finish`).
    func finish(_ stage: String, showingPage: Bool) throws(LabelError) {
        if showingPage { cairo_show_page(context) }
        try check(stage)
        try surface.finish(stage)
    }

    // MARK: Drawing

    /// Draws text runs and badge outlines, offset by (`x`, `y`) points, `scale` device units
    /// per point (a PNG's dots per point).
    func draw(_ artwork: Artwork, fonts: FontSet, x: Double = 0, y: Double = 0, scale: Double = 1) {
        guard !artwork.isEmpty else { return }
        cairo_save(context)
        cairo_scale(context, scale, scale)
        cairo_translate(context, x, y)
        cairo_set_source_rgb(context, 0, 0, 0)
        var glyphs: [cairo_glyph_t] = []
        for run in artwork.runs {
            cairo_set_font_face(context, fonts[run.font].face.pointer)
            cairo_set_font_size(context, run.size)
            glyphs.removeAll(keepingCapacity: true)
            for glyph in run.glyphs { glyphs.append(cairo_glyph_t(index: UInt(glyph.index), x: glyph.x, y: glyph.y)) }
            cairo_show_glyphs(context, glyphs, Int32(glyphs.count))
        }
        if !artwork.outlines.isEmpty {
            // Outlines are filled rings rather than strokes: the same ink, but a PDF can place
            // a filled path without working out the stroke's outline each time it is used.
            cairo_set_fill_rule(context, CAIRO_FILL_RULE_EVEN_ODD)
            for outline in artwork.outlines {
                let half = outline.lineWidth / 2
                roundedRectangle(Rect(x: outline.frame.x - half, y: outline.frame.y - half,
                                      width: outline.frame.width + outline.lineWidth,
                                      height: outline.frame.height + outline.lineWidth),
                                 radius: outline.radius + half)
                roundedRectangle(Rect(x: outline.frame.x + half, y: outline.frame.y + half,
                                      width: outline.frame.width - outline.lineWidth,
                                      height: outline.frame.height - outline.lineWidth),
                                 radius: max(0, outline.radius - half))
            }
            cairo_fill(context)
        }
        cairo_restore(context)
    }

    /// Paints what `recording` drew, its top-left corner at (`x`, `y`) points.
    func paint(_ recording: CairoCanvas, x: Double, y: Double) {
        cairo_set_source_surface(context, recording.surface.pointer, x, y)
        cairo_paint(context)
    }

    /// Draws the codes of `strip` as one 1-bit image scaled with nearest-neighbour sampling, so
    /// every module stays a crisp square: the strip's symbol `i` with its top-left corner at
    /// `placements[i]`, `module` units per module, clipped to exactly its own modules.
    func drawCodes(_ strip: CodeStrip, at placements: [(x: Double, y: Double, module: Double)]) throws(LabelError) {
        let mask = try CairoSurface.mask(strip)
        let pattern = cairo_pattern_create_for_surface(mask.pointer)
        defer { cairo_pattern_destroy(pattern) }
        cairo_pattern_set_filter(pattern, CAIRO_FILTER_NEAREST)
        cairo_save(context)
        cairo_set_antialias(context, CAIRO_ANTIALIAS_NONE)
        cairo_set_source_rgb(context, 0, 0, 0)
        for (index, placement) in placements.enumerated() where index < strip.symbols.count {
            let side = Double(strip.symbols[index].size) * placement.module
            cairo_save(context)
            cairo_rectangle(context, placement.x, placement.y, side, side)
            cairo_clip(context)
            cairo_translate(context, placement.x - Double(strip.offsets[index]) * placement.module, placement.y)
            cairo_scale(context, placement.module, placement.module)
            cairo_mask(context, pattern)
            cairo_restore(context)
        }
        cairo_restore(context)
        try check("drawing \(placements.count) code\(placements.count == 1 ? "" : "s")")
    }

    /// Draws the code as exact vector rectangles (dark runs merged across rows).
    func drawCodeRectangles(_ symbol: QRMatrix, x: Double, y: Double, module: Double) {
        cairo_save(context)
        cairo_set_antialias(context, CAIRO_ANTIALIAS_NONE)
        cairo_set_source_rgb(context, 0, 0, 0)
        var open: [Range<Int>: Int] = [:]
        func close(_ run: Range<Int>, from top: Int, to bottom: Int) {
            cairo_rectangle(context, x + Double(run.lowerBound) * module, y + Double(top) * module,
                            Double(run.count) * module, Double(bottom - top) * module)
        }
        for row in 0...symbol.size {
            let runs = row < symbol.size ? Set(symbol.darkRuns(inRow: row)) : []
            for (run, top) in open.sorted(by: { ($0.value, $0.key.lowerBound) < ($1.value, $1.key.lowerBound) })
            where !runs.contains(run) {
                close(run, from: top, to: row)
                open[run] = nil
            }
            for run in runs.sorted(by: { $0.lowerBound < $1.lowerBound }) where open[run] == nil { open[run] = row }
        }
        cairo_fill(context)
        cairo_restore(context)
    }

    /// Strokes thin rounded rectangles in `gray` (0 black … 1 white), `lineWidth` points wide.
    func stroke(_ rects: [Rect], radius: Double, gray: Double, lineWidth: Double) {
        cairo_save(context)
        cairo_set_source_rgb(context, gray, gray, gray)
        cairo_set_line_width(context, lineWidth)
        for rect in rects {
            roundedRectangle(rect, radius: radius)
            cairo_stroke(context)
        }
        cairo_restore(context)
    }

    /// Adds a rounded rectangle path.
    private func roundedRectangle(_ rect: Rect, radius: Double) {
        let r = max(0, min(radius, rect.width / 2, rect.height / 2))
        guard r > 0 else {
            cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
            return
        }
        cairo_new_sub_path(context)
        cairo_arc(context, rect.maxX - r, rect.y + r, r, -Double.pi / 2, 0)
        cairo_arc(context, rect.maxX - r, rect.maxY - r, r, 0, Double.pi / 2)
        cairo_arc(context, rect.x + r, rect.maxY - r, r, Double.pi / 2, Double.pi)
        cairo_arc(context, rect.x + r, rect.y + r, r, Double.pi, 3 * Double.pi / 2)
        cairo_close_path(context)
    }
}
