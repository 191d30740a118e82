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
        canvas.draw(label.fixed, fonts: fonts, scale: Double(dpi) / 72)
        canvas.draw(label.variable, fonts: fonts, scale: Double(dpi) / 72)
        let placement = label.placement
        try canvas.drawCodes(CodeStrip([label.symbol]), at: [(x: Double(placement.originX), y: Double(placement.originY),
                                                              module: Double(placement.moduleDots))])
        var message = [CChar](repeating: 0, count: 512)
        let status = try canvas.surface.withPixels("drawing a label image") { pixels, stride in
            passport_png_write(path, pixels, UInt32(width), UInt32(height), UInt32(stride), 1, UInt32(dpi),
                               &message, message.count)
        }
        guard status == 0 else {
            // libpng's message, or the system's (strerror) when the file cannot be opened.
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
            try canvas.finish("writing the SVG file \(path)", showingPage: false)
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
