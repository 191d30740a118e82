internal import CZBar
public import Pictures
import Foundation

/// Finds and decodes the codes in a picture with libzbar: QR codes (passport labels) and the
/// common product barcodes (EAN-13, EAN-8, UPC-A, GS1-128), so a photo of the wrong barcode gets
/// an answer too.
///
/// Owns a `zbar_image_scanner_t`; use one scanner per thread.
public final class CodeScanner {
    private let scanner: OpaquePointer

    /// A decoded code: its text and what kind of symbol carried it.
    public struct Symbol: Sendable, Equatable {
        /// The data, read as UTF-8 (invalid bytes become U+FFFD).
        public var text: String
        /// `QR-Code`, `EAN-13`, … as zbar names it.
        public var symbology: String
    }

    /// Creates a scanner (`zbar_image_scanner_create`).
    /// - Throws: `VerifyError.unreadableImage` if zbar cannot allocate one.
    public init() throws(VerifyError) {
        guard let scanner = zbar_image_scanner_create() else {
            throw .unreadableImage(path: "", reason: "the zbar barcode reader could not start")
        }
        self.scanner = scanner
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
        for symbology in [ZBAR_QRCODE, ZBAR_EAN13, ZBAR_EAN8, ZBAR_UPCA, ZBAR_CODE128] {
            zbar_image_scanner_set_config(scanner, symbology, ZBAR_CFG_ENABLE, 1)
        }
        // Hand QR bytes over as they are, without zbar's guess at a character set.
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1)
    }

    deinit { zbar_image_scanner_destroy(scanner) }

    /// Every code found in the picture, in the order zbar reports them.
    ///
    /// A first pass reads every second line of pixels, which finds a printed label's code in half
    /// the time; only when it finds nothing is every line read (small or blurred codes in photos).
    public func scan(_ image: GrayImage) -> [Symbol] {
        let quick = scan(image, density: 2)
        return quick.isEmpty ? scan(image, density: 1) : quick
    }

    private func scan(_ image: GrayImage, density: Int32) -> [Symbol] {
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_X_DENSITY, density)
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_Y_DENSITY, density)
        guard image.width > 0, image.height > 0, let zbarImage = zbar_image_create() else { return [] }
        defer { zbar_image_destroy(zbarImage) }
        // "Y800": 8-bit grayscale, as a little-endian four-character code.
        let y800 = UInt(UInt8(ascii: "Y")) | UInt(UInt8(ascii: "8")) << 8 | UInt(UInt8(ascii: "0")) << 16
            | UInt(UInt8(ascii: "0")) << 24
        zbar_image_set_format(zbarImage, y800)
        zbar_image_set_size(zbarImage, UInt32(image.width), UInt32(image.height))
        return image.pixels.withUnsafeBytes { pixels -> [Symbol] in
            // zbar only reads the pixels, during zbar_scan_image, and never frees them (no cleanup handler).
            zbar_image_set_data(zbarImage, pixels.baseAddress, UInt(pixels.count), nil)
            guard zbar_scan_image(scanner, zbarImage) > 0 else { return [] }
            var symbols: [Symbol] = []
            var symbol = zbar_image_first_symbol(zbarImage)
            while let current = symbol {
                let length = Int(zbar_symbol_get_data_length(current))
                let text: String
                if let data = zbar_symbol_get_data(current), length > 0 {
                    text = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
                } else {
                    text = ""
                }
                let name = zbar_get_symbol_name(zbar_symbol_get_type(current)).map { String(cString: $0) } ?? "barcode"
                symbols.append(Symbol(text: text, symbology: name))
                symbol = zbar_symbol_next(current)
            }
            return symbols
        }
    }
}
