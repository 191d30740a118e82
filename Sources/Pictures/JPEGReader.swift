internal import CJPEG
import Foundation

/// Decodes JPEG files to grayscale with the TurboJPEG API of libjpeg-turbo
/// (`tjDecompressHeader3`, `tjDecompress2`), which reports errors by return value instead of
/// classic libjpeg's `exit()` or `longjmp`. Progressive files are limited to a sane number of
/// scans, so a hostile file cannot keep the decoder busy.
enum JPEGReader {
    static func decode(_ data: Data, name: String) throws(PictureError) -> GrayImage {
        guard let handle = tjInitDecompress() else {
            throw .unreadable(path: name, reason: "the JPEG decoder could not start")
        }
        defer { tjDestroy(handle) }
        guard data.count <= Int(UInt32.max) else {
            throw .unreadable(path: name, reason: "the file is larger than 4 GB")
        }
        return try data.withUnsafeBytes { bytes in Result { () throws(PictureError) in
            try decode(bytes, handle: handle, name: name)
        } }.get()
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer, handle: tjhandle,
                           name: String) throws(PictureError) -> GrayImage {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            throw .unreadable(path: name, reason: "the file is empty")
        }
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
        guard tjDecompressHeader3(handle, base, UInt(bytes.count), &width, &height, &subsampling, &colorspace) == 0 else {
            throw .unreadable(path: name, reason: message(handle))
        }
        try GrayImage.checkSize(width: Int(width), height: Int(height), name: name)
        var pixels = [UInt8](repeating: 255, count: Int(width) * Int(height))
        let status = pixels.withUnsafeMutableBufferPointer { output in
            tjDecompress2(handle, base, UInt(bytes.count), output.baseAddress, width, width, height,
                          Int32(TJPF_GRAY.rawValue), TJFLAG_LIMITSCANS)
        }
        // A warning (a truncated or slightly damaged file) still leaves a usable picture.
        if status != 0, tjGetErrorCode(handle) != Int32(TJERR_WARNING.rawValue) {
            throw .unreadable(path: name, reason: message(handle))
        }
        return GrayImage(width: Int(width), height: Int(height), pixels: pixels)
    }

    private static func message(_ handle: tjhandle) -> String {
        guard let text = tjGetErrorStr2(handle) else { return "the JPEG data is damaged" }
        return "the JPEG data is damaged (libjpeg-turbo: \(String(cString: text)))"
    }
}
