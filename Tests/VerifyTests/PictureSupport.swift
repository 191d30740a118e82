import CJPEG
import Foundation
import Pictures
import PassportTestSupport
@testable import Verify

/// Pictures for the image tests, made by tools other than ours: QR PNGs from the `qrencode`
/// command (Debian package qrencode), JPEGs from libjpeg-turbo's encoder.
enum PictureSupport {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A QR code PNG of `text`: `dpi` dots per inch, `module` pixels per module, optionally on a
    /// transparent background.
    static func qrPNG(_ text: String, dpi: Int = 300, module: Int = 6, transparent: Bool = false) throws -> Data {
        let folder = try TemporaryFolder("qr")
        let file = folder.appending("code.png")
        try ExternalCodes.drawPNG(text, to: file, dpi: dpi, module: module, transparent: transparent)
        return try Data(contentsOf: file)
    }

    /// `images` side by side on a white canvas, `gap` pixels apart.
    static func sideBySide(_ images: [GrayImage], gap: Int = 40) -> GrayImage {
        let width = images.map(\.width).reduce(0, +) + gap * (images.count + 1)
        let height = (images.map(\.height).max() ?? 0) + 2 * gap
        var pixels = [UInt8](repeating: 255, count: width * height)
        var left = gap
        for image in images {
            for row in 0..<image.height {
                for column in 0..<image.width {
                    pixels[(row + gap) * width + left + column] = image.pixels[row * image.width + column]
                }
            }
            left += image.width + gap
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// The picture as a grayscale JPEG (libjpeg-turbo `tjCompress2`).
    static func jpeg(_ image: GrayImage, quality: Int32 = 90) throws -> Data {
        guard let handle = tjInitCompress() else { throw Failure(description: "tjInitCompress failed") }
        defer { tjDestroy(handle) }
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            tjCompress2(handle, pixels.baseAddress, Int32(image.width), Int32(image.width), Int32(image.height),
                        Int32(TJPF_GRAY.rawValue), &output, &size, Int32(TJSAMP_GRAY.rawValue), quality, 0)
        }
        guard status == 0, let output else { throw Failure(description: "tjCompress2 failed") }
        defer { tjFree(output) }
        return Data(bytes: output, count: Int(size))
    }

    /// A PNG that is only a signature and a header claiming `width × height` pixels (valid CRC).
    static func pngHeader(width: UInt32, height: UInt32) -> Data {
        var chunk = Data("IHDR".utf8)
        for value in [width, height] { withUnsafeBytes(of: value.bigEndian) { chunk.append(contentsOf: $0) } }
        chunk.append(contentsOf: [8, 0, 0, 0, 0])
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        data.append(chunk)
        withUnsafeBytes(of: crc32(chunk).bigEndian) { data.append(contentsOf: $0) }
        for name in ["IDAT", "IEND"] {
            data.append(contentsOf: [0, 0, 0, 0] + Array(name.utf8))
            withUnsafeBytes(of: crc32(Data(name.utf8)).bigEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
