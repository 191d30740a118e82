import Foundation
import QRCode

/// Codes side by side in one 1-bit picture, one pixel per module, packed without gaps: the
/// one builder of the code images cairo draws (a single code on a PNG label, every code of a
/// PDF page in one image).
struct CodeStrip {
    let symbols: [QRMatrix]
    /// Column where each symbol starts.
    let offsets: [Int]
    let width: Int
    let height: Int

    init(_ symbols: [QRMatrix]) {
        self.symbols = symbols
        var offsets: [Int] = []
        var width = 0
        for symbol in symbols {
            offsets.append(width)
            width += symbol.size
        }
        self.offsets = offsets
        self.width = width
        height = symbols.map(\.size).max() ?? 0
    }

    /// Writes the strip as `CAIRO_FORMAT_A1` pixels into `data`: `height` rows of `stride` bytes
    /// (at least `width` bits each), dark modules set.
    func fill(_ data: UnsafeMutablePointer<UInt8>, stride: Int) {
        var row = [UInt64](repeating: 0, count: (stride + 7) / 8 + 1)
        for y in 0..<height {
            for index in row.indices { row[index] = 0 }
            for (symbol, offset) in zip(symbols, offsets) where y < symbol.size {
                symbol.withRowWords { words in
                    for k in 0..<symbol.wordsPerRow {
                        let word = words[y * symbol.wordsPerRow + k]
                        let bit = offset + 64 * k
                        let shift = UInt64(bit & 63)
                        row[bit >> 6] |= word << shift
                        if shift != 0 { row[(bit >> 6) + 1] |= word >> (64 - shift) }
                    }
                }
            }
            row.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress else { return }
                #if _endian(little)
                // A1 pixels are least significant bit first on little-endian machines, like
                // the matrix's words.
                memcpy(data + y * stride, base, stride)
                #else
                let target = data + y * stride
                memset(target, 0, stride)
                for x in 0..<width where (row[x >> 6] >> UInt64(x & 63)) & 1 == 1 {
                    target[x / 8] |= 0x80 >> UInt8(x % 8)
                }
                #endif
            }
        }
    }
}
