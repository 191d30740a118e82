/// Applies the eight data masks to an encoded symbol, scores each with the penalty rules of
/// ISO/IEC 18004 §7.8.3, and keeps the best one.
///
/// libqrencode does the same, but its scoring takes about three quarters of its encoding time;
/// this version scores whole rows and columns at once as bit lines, which is several times
/// faster and is what lets labels be encoded at printing speed. The input is libqrencode's
/// finished symbol with mask 0; the output equals libqrencode's symbol for the chosen mask
/// (the tests check this for every mask and level).
enum MaskSelector {
    /// Padding bits on each side of a line (see ``BitLine``).
    static let pad = 4

    /// Finishes a symbol.
    /// - Parameters:
    ///   - frame: libqrencode's `width × width` module bytes with mask 0 applied
    ///     (bit 0: dark; bit 7: function module, never masked).
    ///   - forcedMask: use this mask instead of the best-scoring one.
    static func finish(frame: UnsafePointer<UInt8>, version: Int, level: QRErrorCorrection,
                       forcedMask: Int?) -> QRMatrix {
        let width = 17 + 4 * version
        let lineWords = (width + 2 * pad + 63) / 64
        switch lineWords {
        case 1: return finish(Line1.self, frame: frame, version: version, level: level, forcedMask: forcedMask)
        case 2: return finish(Line2.self, frame: frame, version: version, level: level, forcedMask: forcedMask)
        default: return finish(Line3.self, frame: frame, version: version, level: level, forcedMask: forcedMask)
        }
    }

    /// The penalty score of a finished symbol (for tests and diagnostics).
    static func penalty(of matrix: QRMatrix) -> Int {
        let workspace = Workspace(matrix: matrix)
        return workspace.score(mask: matrix.mask, limit: .max)
    }

    private static func finish<L: BitLine>(_: L.Type, frame: UnsafePointer<UInt8>, version: Int,
                                           level: QRErrorCorrection, forcedMask: Int?) -> QRMatrix {
        let workspace = Workspace(frame: frame, version: version, level: level)
        precondition(workspace.lineWords == L.wordCount)
        var best = forcedMask ?? 0
        if forcedMask == nil {
            var bestScore = Int.max
            for mask in 0..<8 {
                let score = workspace.score(L.self, mask: mask, limit: bestScore)
                if score < bestScore { bestScore = score; best = mask }
            }
        }
        workspace.applyMask(best)
        return workspace.matrix(mask: best)
    }
}

/// Bit-line copies of one symbol: the unmasked modules, where the mask applies, and scratch
/// space for one masked version and its transpose. One allocation, freed on deinit.
final class Workspace {
    let width: Int
    let version: Int
    let level: QRErrorCorrection
    let lineWords: Int
    /// Lines per square bit matrix (`64 × lineWords`); row `r` of the symbol is line `r + 4`.
    let side: Int
    private let storage: UnsafeMutablePointer<UInt64>
    let base: UnsafeMutablePointer<UInt64>
    let dataArea: UnsafeMutablePointer<UInt64>
    let masked: UnsafeMutablePointer<UInt64>
    let transposed: UnsafeMutablePointer<UInt64>
    /// Format bit positions as word index and bit mask in a padded matrix, two per bit.
    private var formatSpots: [(word: Int, flag: UInt64)] = []

    private init(version: Int, level: QRErrorCorrection) {
        let width = 17 + 4 * version
        self.width = width
        self.version = version
        self.level = level
        lineWords = (width + 2 * MaskSelector.pad + 63) / 64
        side = 64 * lineWords
        let count = side * lineWords
        storage = .allocate(capacity: 4 * count)
        storage.initialize(repeating: 0, count: 4 * count)
        base = storage
        dataArea = storage + count
        masked = storage + 2 * count
        transposed = storage + 3 * count
        formatSpots.reserveCapacity(30)
        for (first, second) in formatPositions(width: width) {
            for (row, column) in [first, second] {
                let bit = column + MaskSelector.pad
                formatSpots.append(((row + MaskSelector.pad) * lineWords + bit >> 6, 1 << UInt64(bit & 63)))
            }
        }
    }

    deinit { storage.deallocate() }

    /// Reads libqrencode's module bytes (mask 0 applied) and undoes mask 0 on the data area,
    /// eight modules at a time.
    convenience init(frame: UnsafePointer<UInt8>, version: Int, level: QRErrorCorrection) {
        self.init(version: version, level: level)
        let pad = MaskSelector.pad
        let raw = UnsafeRawPointer(frame)
        for row in 0..<width {
            let line = (row + pad) * lineWords
            // Mask 0 inverts modules whose row + column is even.
            let maskZero: UInt64 = row & 1 == 0 ? 0x55 : 0xAA
            var column = 0
            while column < width {
                let count = min(8, width - column)
                var bytes: UInt64 = 0
                if count == 8 {
                    bytes = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: row * width + column, as: UInt64.self))
                } else {
                    for k in 0..<count { bytes |= UInt64(frame[row * width + column + k]) << UInt64(8 * k) }
                }
                let valid: UInt64 = count == 8 ? 0xFF : (1 << UInt64(count)) - 1
                let dark = Self.gather(bytes & 0x0101_0101_0101_0101)
                let data = Self.gather((~bytes >> 7) & 0x0101_0101_0101_0101) & valid
                let modules = (dark ^ (data & maskZero)) & valid
                let bit = column + pad
                let word = line + bit >> 6
                let shift = UInt64(bit & 63)
                base[word] |= modules << shift
                dataArea[word] |= data << shift
                if shift > 56 && word + 1 < line + lineWords {
                    base[word + 1] |= modules >> (64 - shift)
                    dataArea[word + 1] |= data >> (64 - shift)
                }
                column += 8
            }
        }
    }

    /// Packs bit 0 of each of eight bytes into one byte (byte `k` → bit `k`).
    @inline(__always)
    static func gather(_ lowBits: UInt64) -> UInt64 {
        (lowBits &* 0x0102_0408_1020_4080) >> 56
    }

    /// A workspace whose unmasked modules are `matrix` as it is, with no data area, so scoring
    /// it with its own mask scores the symbol unchanged.
    convenience init(matrix: QRMatrix) {
        self.init(version: matrix.version, level: matrix.errorCorrection)
        for row in 0..<width {
            for column in 0..<width where matrix[row, column] {
                let bit = column + MaskSelector.pad
                base[(row + MaskSelector.pad) * lineWords + bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
    }

    /// Fills `masked` with the symbol under `mask`, format information included.
    func applyMask(_ mask: Int) {
        let pad = MaskSelector.pad
        var phases = (0, 0, 0)
        phases.0 = columnPhase(ofWord: 0)
        phases.1 = columnPhase(ofWord: 1)
        phases.2 = columnPhase(ofWord: 2)
        maskPatternWords.withUnsafeBufferPointer { patterns in
            for row in 0..<width {
                let line = (row + pad) * lineWords
                let rowPatterns = (mask * 12 + row % 12) * 6
                for k in 0..<lineWords {
                    let phase = k == 0 ? phases.0 : (k == 1 ? phases.1 : phases.2)
                    let pattern = patterns[rowPatterns + phase]
                    masked[line + k] = base[line + k] ^ (pattern & dataArea[line + k])
                }
            }
        }
        let format = formatInformation(level: level, mask: mask)
        for (index, spot) in formatSpots.enumerated() {
            if (format >> UInt32(index / 2)) & 1 == 1 {
                masked[spot.word] |= spot.flag
            } else {
                masked[spot.word] &= ~spot.flag
            }
        }
    }

    /// The penalty of the symbol under `mask`, or any value ≥ `limit` once it is known to be
    /// at least `limit`.
    func score(mask: Int, limit: Int) -> Int {
        switch lineWords {
        case 1: score(Line1.self, mask: mask, limit: limit)
        case 2: score(Line2.self, mask: mask, limit: limit)
        default: score(Line3.self, mask: mask, limit: limit)
        }
    }

    func score<L: BitLine>(_: L.Type, mask: Int, limit: Int) -> Int {
        applyMask(mask)
        let pad = MaskSelector.pad
        let pairs = L(bitsFrom: pad, to: pad + width - 1)
        let finders = L(bitsFrom: pad, to: pad + width - 6)
        var total = 0
        var dark = 0
        var blocks = 0
        var previous = L(masked + pad * lineWords)
        dark += previous.ones
        total += Self.linePenalty(previous, pairs: pairs, finders: finders)
        for row in 1..<width {
            let line = L(masked + (row + pad) * lineWords)
            dark += line.ones
            total += Self.linePenalty(line, pairs: pairs, finders: finders)
            let same = ~(previous ^ line)
            blocks += (same & same.down(1) & ~(line ^ line.down(1)) & pairs).ones
            previous = line
        }
        total += 3 * blocks
        let modules = width * width
        total += 10 * (abs(20 * dark - 10 * modules) / modules)
        if total >= limit { return total }
        transpose()
        for column in 0..<width {
            total += Self.linePenalty(L(transposed + (column + pad) * lineWords), pairs: pairs, finders: finders)
        }
        return total
    }

    /// Rule 1 (runs of five or more same-coloured modules: 3 + run − 5) and rule 3 (a 1:1:3:1:1
    /// finder-like pattern with four light modules before or after it: 40) for one line.
    @inline(__always)
    static func linePenalty<L: BitLine>(_ line: L, pairs: L, finders: L) -> Int {
        let equalNext = ~(line ^ line.down(1)) & pairs
        let runOfFive = equalNext & equalNext.down(1) & equalNext.down(2) & equalNext.down(3)
        var penalty = runOfFive.ones + 2 * (runOfFive & ~runOfFive.up(1)).ones
        let light = ~line
        let finder = line & light.down(1) & line.down(2) & line.down(3) & line.down(4)
            & light.down(5) & line.down(6) & finders
        if finder.ones != 0 {
            let before = light.up(1) & light.up(2) & light.up(3) & light.up(4)
            let after = light.down(7) & light.down(8) & light.down(9) & light.down(10)
            penalty += 40 * (finder & (before | after)).ones
        }
        return penalty
    }

    /// `transposed` = `masked` with rows and columns swapped, 64 × 64 blocks at a time.
    func transpose() {
        let words = lineWords
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 64) { block in
            for blockRow in 0..<words {
                for blockColumn in 0..<words {
                    for i in 0..<64 { block[i] = masked[(64 * blockRow + i) * words + blockColumn] }
                    transpose64(block)
                    for i in 0..<64 { transposed[(64 * blockColumn + i) * words + blockRow] = block[i] }
                }
            }
        }
    }

    /// The finished symbol from `masked`, without padding.
    func matrix(mask: Int) -> QRMatrix {
        let pad = UInt64(MaskSelector.pad)
        let outWords = (width + 63) / 64
        var words = [UInt64](repeating: 0, count: outWords * width)
        for row in 0..<width {
            let line = (row + MaskSelector.pad) * lineWords
            for k in 0..<outWords {
                var word = masked[line + k] >> pad
                if k + 1 < lineWords { word |= masked[line + k + 1] << (64 - pad) }
                words[row * outWords + k] = word & rangeWord(k, 0, width)
            }
        }
        return QRMatrix(version: version, errorCorrection: level, mask: mask,
                        wordsPerRow: outWords, words: words)
    }
}

/// Transposes a 64 × 64 bit matrix in place (bit `c` of word `r` ↔ bit `r` of word `c`) by
/// swapping ever smaller off-diagonal blocks.
@inline(__always)
func transpose64(_ a: UnsafeMutableBufferPointer<UInt64>) {
    var shift = 32
    var mask: UInt64 = 0x0000_0000_FFFF_FFFF
    while shift != 0 {
        var k = 0
        while k < 64 {
            if k & shift == 0 {
                let t = ((a[k] >> UInt64(shift)) ^ a[k + shift]) & mask
                a[k + shift] ^= t
                a[k] ^= t << UInt64(shift)
            }
            k += 1
        }
        shift >>= 1
        mask ^= mask << UInt64(shift)
    }
}

/// Column phase (column mod 6) of bit 0 of a line's word `k`; bit `p` is column `p - 4`.
@inline(__always)
func columnPhase(ofWord k: Int) -> Int {
    ((64 * k - MaskSelector.pad) % 6 + 6) % 6
}

/// Whether data mask `mask` inverts the module at `row`, `column` (ISO/IEC 18004 Table 10).
func maskInverts(_ mask: Int, row i: Int, column j: Int) -> Bool {
    switch mask {
    case 0: (i + j) % 2 == 0
    case 1: i % 2 == 0
    case 2: j % 3 == 0
    case 3: (i + j) % 3 == 0
    case 4: (i / 2 + j / 3) % 2 == 0
    case 5: (i * j) % 2 + (i * j) % 3 == 0
    case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
    default: ((i * j) % 3 + (i + j) % 2) % 2 == 0
    }
}

/// For each mask, row mod 12 and starting column mod 6: 64 bits of that mask's pattern. Every
/// mask repeats every 12 rows and every 6 columns, so these words tile any symbol.
let maskPatternWords: [UInt64] = {
    var table = [UInt64](repeating: 0, count: 8 * 12 * 6)
    for mask in 0..<8 {
        for rowPhase in 0..<12 {
            for columnPhase in 0..<6 {
                var word: UInt64 = 0
                for bit in 0..<64 where maskInverts(mask, row: rowPhase, column: columnPhase + bit) {
                    word |= 1 << UInt64(bit)
                }
                table[(mask * 12 + rowPhase) * 6 + columnPhase] = word
            }
        }
    }
    return table
}()

/// The 15-bit format information for a level and mask: BCH(15,5) code, XOR 0x5412
/// (ISO/IEC 18004 §7.9.1).
func formatInformation(level: QRErrorCorrection, mask: Int) -> UInt32 {
    let data = (level.formatBits << 3) | UInt32(mask)
    var remainder = data << 10
    for bit in stride(from: 14, through: 10, by: -1) where remainder & (1 << UInt32(bit)) != 0 {
        remainder ^= 0x537 << UInt32(bit - 10)
    }
    return ((data << 10) | remainder) ^ 0x5412
}

/// Where format bit `i` (least significant first) goes: two (row, column) positions each.
func formatPositions(width: Int) -> [((Int, Int), (Int, Int))] {
    var positions: [((Int, Int), (Int, Int))] = []
    for i in 0..<8 {
        positions.append(((8, width - 1 - i), (i < 6 ? i : i + 1, 8)))
    }
    for j in 0..<7 {
        positions.append(((width - 7 + j, 8), (8, j == 0 ? 7 : 6 - j)))
    }
    return positions
}
