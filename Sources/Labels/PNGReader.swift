internal import CPNGWriter
import Foundation

/// A PNG read back as 8-bit gray, with its recorded resolution — to check written labels.
struct GrayImage: Sendable {
    let width: Int
    let height: Int
    /// Dots per inch from the pHYs chunk, 0 if the file has none.
    let dpi: Int
    let pixels: [UInt8]

    subscript(x: Int, y: Int) -> UInt8 { pixels[y * width + x] }

    init(contentsOf path: String) throws(LabelError) {
        var width: UInt32 = 0, height: UInt32 = 0, dpi: UInt32 = 0
        var message = [CChar](repeating: 0, count: 512)
        guard let buffer = passport_png_read_gray(path, &width, &height, &dpi, &message, message.count) else {
            let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw .outputFailed(path: path, reason: "cannot read it back: \(reason)")
        }
        defer { free(buffer) }
        self.width = Int(width)
        self.height = Int(height)
        self.dpi = Int(dpi)
        pixels = Array(UnsafeBufferPointer(start: buffer, count: Int(width) * Int(height)))
    }
}
