internal import CCairo
internal import CPNGWriter
import Foundation
import Output

/// Writes one label as a PNG at the template's printer resolution, with that resolution
/// recorded in the file (pHYs). The code is drawn without antialiasing, each module a whole
/// number of pixels on the pixel grid; text is antialiased.
enum PNGLabelWriter {
    static func write(_ label: PreparedLabel, template: LabelTemplate, fonts: FontSet, to path: String) throws(LabelError) {
        let dpi = template.sheet.dpi
        let width = Int((template.sheet.labelWidth * Double(dpi) / 25.4).rounded())
        let height = Int((template.sheet.labelHeight * Double(dpi) / 25.4).rounded())
        let canvas = try CairoCanvas.image(width: width, height: height)
        cairo_save(canvas.context)
        cairo_scale(canvas.context, Double(dpi) / 72, Double(dpi) / 72)
        canvas.draw(label.fixed, fonts: fonts)
        canvas.draw(label.variable, fonts: fonts)
        cairo_restore(canvas.context)
        let placement = label.placement
        canvas.drawCodeImage(label.symbol, x: Double(placement.originX), y: Double(placement.originY),
                             module: Double(placement.moduleDots))
        try canvas.check("drawing a label image")
        cairo_surface_flush(canvas.surface)
        guard let data = cairo_image_surface_get_data(canvas.surface) else {
            throw .renderingFailed(stage: "drawing a label image", reason: "no pixel data")
        }
        let stride = UInt32(cairo_image_surface_get_stride(canvas.surface))
        var message = [CChar](repeating: 0, count: 512)
        let status = data.withMemoryRebound(to: UInt32.self, capacity: Int(stride) / 4 * height) { pixels in
            passport_png_write(path, pixels, UInt32(width), UInt32(height), stride, 1, UInt32(dpi), &message, message.count)
        }
        guard status == 0 else {
            let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw .outputFailed(path: path, reason: reason)
        }
    }
}

/// Writes one label as SVG: vector text (glyph outlines) and the code as exact rectangles.
enum SVGLabelWriter {
    static func write(_ label: PreparedLabel, template: LabelTemplate, fonts: FontSet, to path: String) throws(LabelError) {
        do {
            let canvas = try CairoCanvas.svg(path: path, width: template.geometry.width, height: template.geometry.height)
            canvas.draw(label.fixed, fonts: fonts)
            canvas.draw(label.variable, fonts: fonts)
            let placement = label.placement
            let pointsPerDot = 72 / Double(placement.dpi)
            canvas.drawCodeRectangles(label.symbol, x: Double(placement.originX) * pointsPerDot,
                                      y: Double(placement.originY) * pointsPerDot,
                                      module: Double(placement.moduleDots) * pointsPerDot)
            cairo_surface_finish(canvas.surface)
            try canvas.check("writing an SVG file")
        }
        try makeStable(path)
    }

    /// cairo names the document's group after a process-wide surface counter
    /// (`id="surface17"`), which differs between runs; rename it so equal input gives equal bytes.
    static func makeStable(_ path: String) throws(LabelError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .outputFailed(path: path, reason: "the SVG file cannot be read back")
        }
        let text = String(decoding: data, as: UTF8.self)
        let stable = text.replacingOccurrences(of: #"id="surface\d+""#, with: #"id="label""#, options: .regularExpression)
        guard stable != text else { return }
        do { try FileWriter.write(stable, to: URL(fileURLWithPath: path)) } catch {
            throw .outputFailed(path: path, reason: error.description)
        }
    }
}
