internal import CCairo
import Foundation
import QRCode

/// A cairo drawing context and the surface it draws on, owned together and freed on deinit.
final class CairoCanvas {
    /// `cairo_surface_t *` and `cairo_t *`.
    let surface: OpaquePointer
    let context: OpaquePointer

    /// Takes over `surface` (one reference) and makes a context for it.
    init(surface: OpaquePointer?, stage: String) throws(LabelError) {
        guard let surface else { throw .renderingFailed(stage: stage, reason: "cairo could not create a surface") }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            let reason = Self.message(status)
            cairo_surface_destroy(surface)
            throw .renderingFailed(stage: stage, reason: reason)
        }
        self.surface = surface
        context = cairo_create(surface)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(context, options)
        cairo_font_options_destroy(options)
        try check(stage)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// A PDF file being written page by page; `width`/`height` in points.
    static func pdf(path: String, width: Double, height: Double, metadata: [(cairo_pdf_metadata_t, String)])
        throws(LabelError) -> CairoCanvas
    {
        let canvas = try CairoCanvas(surface: cairo_pdf_surface_create(path, width, height), stage: "starting the PDF")
        for (key, value) in metadata { cairo_pdf_surface_set_metadata(canvas.surface, key, value) }
        return canvas
    }

    /// An SVG file of `width` × `height` points.
    static func svg(path: String, width: Double, height: Double) throws(LabelError) -> CairoCanvas {
        try CairoCanvas(surface: cairo_svg_surface_create(path, width, height), stage: "starting an SVG file")
    }

    /// A white 24-bit image of `width` × `height` pixels.
    static func image(width: Int, height: Int) throws(LabelError) -> CairoCanvas {
        let canvas = try CairoCanvas(surface: cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)),
                                     stage: "making a label image")
        cairo_set_source_rgb(canvas.context, 1, 1, 1)
        cairo_paint(canvas.context)
        return canvas
    }

    /// Drawing recorded for replay, `width` × `height` points (a form in PDF output).
    static func recording(width: Double, height: Double) throws(LabelError) -> CairoCanvas {
        var extents = cairo_rectangle_t(x: 0, y: 0, width: width, height: height)
        return try CairoCanvas(surface: cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents),
                               stage: "recording label text")
    }

    /// Throws if cairo has recorded an error on the context or surface.
    func check(_ stage: String) throws(LabelError) {
        var status = cairo_status(context)
        if status == CAIRO_STATUS_SUCCESS { status = cairo_surface_status(surface) }
        guard status == CAIRO_STATUS_SUCCESS else { throw .renderingFailed(stage: stage, reason: Self.message(status)) }
    }

    static func message(_ status: cairo_status_t) -> String {
        guard let text = cairo_status_to_string(status) else { return "cairo status \(status.rawValue)" }
        return String(cString: text)
    }

    // MARK: Drawing

    /// Draws text runs and badge outlines, offset by (`x`, `y`) points.
    func draw(_ artwork: Artwork, fonts: FontSet, x: Double = 0, y: Double = 0) {
        guard !artwork.isEmpty else { return }
        cairo_save(context)
        cairo_translate(context, x, y)
        cairo_set_source_rgb(context, 0, 0, 0)
        for run in artwork.runs {
            cairo_set_font_face(context, fonts[run.font].face)
            cairo_set_font_size(context, run.size)
            run.glyphs.withUnsafeBufferPointer { glyphs in
                cairo_show_glyphs(context, glyphs.baseAddress, Int32(glyphs.count))
            }
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

    /// Paints a recorded surface at (`x`, `y`) points.
    func paint(_ recording: CairoCanvas, x: Double, y: Double) {
        cairo_set_source_surface(context, recording.surface, x, y)
        cairo_paint(context)
    }

    /// Draws the code as a 1-bit image scaled with nearest-neighbour sampling, so every module
    /// stays a crisp square: top-left corner at (`x`, `y`), `module` units per module.
    func drawCodeImage(_ symbol: QRMatrix, x: Double, y: Double, module: Double) {
        guard let mask = Self.maskSurface(symbol) else { return }
        defer { cairo_surface_destroy(mask) }
        cairo_save(context)
        cairo_set_antialias(context, CAIRO_ANTIALIAS_NONE)
        cairo_translate(context, x, y)
        cairo_scale(context, module, module)
        cairo_set_source_rgb(context, 0, 0, 0)
        let pattern = cairo_pattern_create_for_surface(mask)
        cairo_pattern_set_filter(pattern, CAIRO_FILTER_NEAREST)
        cairo_mask(context, pattern)
        cairo_pattern_destroy(pattern)
        cairo_restore(context)
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

    /// Adds a rounded rectangle path.
    func roundedRectangle(_ rect: Rect, radius: Double) {
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

    /// A 1-bit (`CAIRO_FORMAT_A1`) image of the symbol, one pixel per module.
    static func maskSurface(_ symbol: QRMatrix) -> OpaquePointer? {
        let size = symbol.size
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_A1, Int32(size), Int32(size)),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS,
              let data = cairo_image_surface_get_data(surface) else { return nil }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        symbol.withRowWords { words in
            guard let base = words.baseAddress else { return }
            let rowBytes = symbol.wordsPerRow * 8
            for row in 0..<size {
                let target = data + row * stride
                #if _endian(little)
                // A1 pixels are packed least significant bit first on little-endian machines,
                // exactly like the matrix's words.
                let source = UnsafeRawPointer(base + row * symbol.wordsPerRow)
                memcpy(target, source, min(stride, rowBytes))
                if stride > rowBytes { memset(target + rowBytes, 0, stride - rowBytes) }
                #else
                memset(target, 0, stride)
                for column in 0..<size where symbol[row, column] {
                    target[column / 8] |= 0x80 >> UInt8(column % 8)
                }
                #endif
            }
        }
        cairo_surface_mark_dirty(surface)
        return surface
    }
}
