/// A QR code symbol as a square grid of dark and light modules, without its quiet zone.
///
/// A value type: it owns no C memory. Rows are stored as 64-bit words, least significant bit
/// first, so module `x` of a row is bit `x % 64` of word `x / 64`; see ``withRowWords(_:)``.
public struct QRMatrix: Sendable, Hashable {
    /// The symbol version, 1…40; the side is `17 + 4 × version` modules.
    public let version: Int
    /// The error correction level the symbol was encoded with.
    public let errorCorrection: QRErrorCorrection
    /// The data mask pattern, 0…7 (ISO/IEC 18004 §7.8.2).
    public let mask: Int
    /// Number of 64-bit words per row in ``withRowWords(_:)``.
    public let wordsPerRow: Int
    let words: [UInt64]

    init(version: Int, errorCorrection: QRErrorCorrection, mask: Int, wordsPerRow: Int, words: [UInt64]) {
        self.version = version
        self.errorCorrection = errorCorrection
        self.mask = mask
        self.wordsPerRow = wordsPerRow
        self.words = words
    }

    /// Modules per side, without the quiet zone.
    public var size: Int { 17 + 4 * version }

    /// Whether the module at `row`, `column` (both from the top-left, 0-based) is dark.
    public subscript(row: Int, column: Int) -> Bool {
        precondition(row >= 0 && row < size && column >= 0 && column < size, "module outside the symbol")
        let word = words[row * wordsPerRow + column >> 6]
        return (word >> UInt64(column & 63)) & 1 == 1
    }

    /// How many modules are dark.
    public var darkModuleCount: Int {
        words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// Calls `body` with all rows, `wordsPerRow` words each, top row first. Module `x` of a row is
    /// bit `x % 64` (least significant first) of the row's word `x / 64`; bits past ``size`` are 0.
    ///
    /// On a little-endian machine this is byte for byte the layout of a 1-bit image whose rows
    /// are `8 × wordsPerRow` bytes apart (e.g. cairo's `CAIRO_FORMAT_A1`).
    public func withRowWords<R>(_ body: (UnsafeBufferPointer<UInt64>) throws -> R) rethrows -> R {
        try words.withUnsafeBufferPointer(body)
    }

    /// Rows packed 8 modules per byte, most significant bit first, `(size + 7) / 8` bytes per row
    /// (the layout of PBM and of 1-bit PNG rows).
    public func packedRows() -> [UInt8] {
        let stride = (size + 7) / 8
        var out = [UInt8](repeating: 0, count: stride * size)
        for row in 0..<size {
            for column in 0..<size where self[row, column] {
                out[row * stride + column / 8] |= 0x80 >> UInt8(column % 8)
            }
        }
        return out
    }

    /// The horizontal runs of dark modules in `row`, left to right — a compact way to draw the
    /// symbol as vector rectangles.
    public func darkRuns(inRow row: Int) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var column = 0
        while column < size {
            if self[row, column] {
                let start = column
                while column < size && self[row, column] { column += 1 }
                runs.append(start..<column)
            } else {
                column += 1
            }
        }
        return runs
    }

    /// The symbol as text, two characters per module ("██" dark, "  " light), with a quiet zone
    /// of `quietZone` modules — for logs and terminals.
    public func textDiagram(quietZone: Int = 4) -> String {
        var lines: [String] = []
        let side = size + 2 * quietZone
        for y in 0..<side {
            var line = ""
            for x in 0..<side {
                let r = y - quietZone, c = x - quietZone
                let dark = r >= 0 && r < size && c >= 0 && c < size && self[r, c]
                line += dark ? "██" : "  "
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
