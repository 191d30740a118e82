public import Foundation

/// An 8-bit grayscale picture (the Y800 layout zbar reads): `width × height` bytes, row by row,
/// 0 black to 255 white.
public struct GrayImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]

    /// The pixel in column `x`, row `y` (0 black … 255 white).
    public subscript(x: Int, y: Int) -> UInt8 { pixels[y * width + x] }

    /// Pictures larger than this many pixels are refused, so a hostile file cannot exhaust memory
    /// (a 60-megapixel phone photo fits easily).
    static let maximumPixels = 200_000_000

    /// - Precondition: `pixels.count == width * height`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height, "pixel count must be width × height")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Reads a PNG or JPEG file; messages name it by `path` as given.
    /// - Throws: `PictureError.unreadable` naming the problem.
    public init(contentsOfFile path: String) throws(PictureError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: "the file cannot be read (\(error.localizedDescription))")
        }
        try self.init(decoding: data, name: path)
    }

    /// Decodes PNG or JPEG bytes, recognised by their signature. `name` is used in messages.
    /// - Throws: `PictureError.unreadable` naming the problem.
    public init(decoding data: Data, name: String) throws(PictureError) {
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = try PNGReader.decode(data, name: name)
        } else if data.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = try JPEGReader.decode(data, name: name)
        } else {
            throw .unreadable(path: name, reason: data.isEmpty ? "the file is empty" : "it is neither a PNG nor a JPEG file")
        }
    }

    /// Checks a size read from a file header before any pixel memory is allocated.
    static func checkSize(width: Int, height: Int, name: String) throws(PictureError) {
        guard width > 0, height > 0 else {
            throw .unreadable(path: name, reason: "the picture has no pixels (\(width) × \(height))")
        }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels <= maximumPixels else {
            throw .unreadable(path: name, reason: "the picture is \(width) × \(height) pixels, more than the \(maximumPixels / 1_000_000) megapixels accepted; crop or scale it down")
        }
    }
}
