internal import CPNG
import Foundation

/// Decodes PNG files to grayscale with libpng's simplified API (`png_image_*`), which handles
/// every PNG colour type and bit depth and reports errors by return value (libpng's own
/// `setjmp` stays inside libpng). Transparent pixels are laid on white, as on a label.
enum PNGReader {
    static func decode(_ data: Data, name: String) throws(PictureError) -> GrayImage {
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        let begun = data.withUnsafeBytes { bytes -> Int32 in
            guard let base = bytes.baseAddress else { return 0 }
            return png_image_begin_read_from_memory(&image, base, bytes.count)
        }
        guard begun != 0 else { throw .unreadable(path: name, reason: message(of: image)) }
        let width = Int(image.width), height = Int(image.height)
        try GrayImage.checkSize(width: width, height: height, name: name)
        image.format = png_uint_32(PNG_FORMAT_GRAY)
        var pixels = [UInt8](repeating: 255, count: width * height)
        var white = png_color(red: 255, green: 255, blue: 255)
        // libpng reads the data again from the memory given to begin_read: keep it alive.
        let finished = data.withUnsafeBytes { _ in
            pixels.withUnsafeMutableBytes { buffer -> Int32 in
                png_image_finish_read(&image, &white, buffer.baseAddress, png_int_32(width), nil)
            }
        }
        guard finished != 0 else { throw .unreadable(path: name, reason: message(of: image)) }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// libpng's message for the last failure.
    private static func message(of image: png_image) -> String {
        var copy = image.message
        let text = withUnsafeBytes(of: &copy) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return text.isEmpty ? "the PNG data is damaged" : "the PNG data is damaged (libpng: \(text))"
    }
}
