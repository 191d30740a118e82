import Testing
@testable import QRCode

/// The realistic signed unit URI used across the label tests: 150 characters.
let signedUnitURI = "https://oliveto.example/01/08012345678901/10/L2026A/21/000123?s="
    + "MEUCIQDx3vYq0c7m9Hh2Kq8pZr4tWbN5sLJgUeXoAyVfTdRiPwIgK7nC1uM6aQz0bE9xHcY2vF4jS8lDpGtNr3"

@Suite("QR code encoding")
struct QRCodeTests {
    static let samples = [
        "https://oliveto.example/01/08012345678901/10/L2026A",
        signedUnitURI,
        "HELLO WORLD 12345",
        "Ελαιόλαδο — Оливковое масло",
        String(repeating: "0123456789", count: 40),
    ]

    @Test("every mask and level matches libqrencode's own symbol", arguments: samples)
    func matchesLibrary(text: String) throws {
        for level in QRErrorCorrection.allCases {
            for mask in 0..<8 {
                let mine = try QRMatrix(encoding: text, errorCorrection: level, mask: mask)
                let library = try QRMatrix(referenceEncoding: text, errorCorrection: level, mask: mask)
                #expect(mine == library, "level \(level) mask \(mask)")
                #expect(library.mask == mask)
            }
        }
    }

    @Test("a mask that does not exist is refused, never replaced by another", arguments: [-1, 8, 42])
    func unknownMaskIsRefused(mask: Int) {
        let expected = QRCodeError.invalidInput(reason: "mask \(mask) does not exist; masks are 0 to 7")
        #expect(throws: expected) { try QRMatrix(encoding: "HELLO", mask: mask) }
        #expect(throws: expected) { try QRMatrix(encodingBytes: [0x41], mask: mask) }
        #expect(throws: expected) { try QRMatrix(referenceEncoding: "HELLO", mask: mask) }
    }

    @Test("the chosen mask has the lowest penalty, scored module by module", arguments: samples)
    func choosesLowestPenalty(text: String) throws {
        for level in QRErrorCorrection.allCases {
            let chosen = try QRMatrix(encoding: text, errorCorrection: level)
            let scores = try (0..<8).map { mask in
                let symbol = try QRMatrix(encoding: text, errorCorrection: level, mask: mask)
                let naive = naivePenalty(symbol)
                #expect(MaskSelector.penalty(of: symbol) == naive, "level \(level) mask \(mask)")
                return naive
            }
            let best = scores.indices.min { scores[$0] < scores[$1] }
            #expect(chosen.mask == best, "scores \(scores)")
        }
    }

    @Test func realisticURIVersion() throws {
        let symbol = try QRMatrix(encoding: signedUnitURI)
        #expect(signedUnitURI.utf8.count == 150)
        #expect(symbol.version == 8)
        #expect(symbol.size == 49)
        #expect(symbol.errorCorrection == .medium)
    }

    @Test func tooLongSaysSo() {
        let text = String(repeating: "x", count: 3000)
        #expect(throws: QRCodeError.inputTooLong(byteCount: 3000, errorCorrection: .high)) {
            try QRMatrix(encoding: text, errorCorrection: .high)
        }
        let message = QRCodeError.inputTooLong(byteCount: 3000, errorCorrection: .high).description
        #expect(message.contains("too long") && message.contains("lower error correction"))
    }

    @Test func emptyAndNULAreRejected() {
        #expect(throws: QRCodeError.self) { try QRMatrix(encoding: "") }
        #expect(throws: QRCodeError.self) { try QRMatrix(encoding: "a\u{0}b") }
        #expect(throws: QRCodeError.invalidVersion(41)) { try QRMatrix(encoding: "a", minimumVersion: 41) }
    }

    @Test func capacityTable() {
        // ISO/IEC 18004 Table 7, byte mode.
        #expect(QRMatrix.byteCapacity(version: 1, errorCorrection: .low) == 17)
        #expect(QRMatrix.byteCapacity(version: 8, errorCorrection: .medium) == 152)
        #expect(QRMatrix.byteCapacity(version: 40, errorCorrection: .low) == 2953)
    }

    @Test func bytesAndLayouts() throws {
        let symbol = try QRMatrix(encodingBytes: Array("hello".utf8), errorCorrection: .low)
        #expect(symbol.version == 1)
        let packed = symbol.packedRows()
        #expect(packed.count == 3 * 21)
        #expect(packed[0] & 0xFE == 0xFE)  // finder pattern top row: 7 dark modules
        #expect(symbol.darkRuns(inRow: 0).first == 0..<7)
        #expect(symbol.textDiagram(quietZone: 0).split(separator: "\n").count == 21)
    }
}

/// ISO/IEC 18004 §7.8.3 penalty, one module at a time, with the area outside the symbol light.
func naivePenalty(_ m: QRMatrix) -> Int {
    let n = m.size
    func dark(_ r: Int, _ c: Int) -> Bool { r >= 0 && r < n && c >= 0 && c < n && m[r, c] }
    var total = 0
    for horizontal in [true, false] {
        for a in 0..<n {
            func at(_ b: Int) -> Bool { horizontal ? dark(a, b) : dark(b, a) }
            var run = 1
            for b in 1...n {
                if b < n && at(b) == at(b - 1) { run += 1 } else {
                    if run >= 5 { total += 3 + run - 5 }
                    run = 1
                }
            }
            for b in 0...(n - 7) {
                let pattern = [true, false, true, true, true, false, true]
                guard (0..<7).allSatisfy({ at(b + $0) == pattern[$0] }) else { continue }
                let before = (1...4).allSatisfy { !at(b - $0) }
                let after = (7...10).allSatisfy { !at(b + $0) }
                if before || after { total += 40 }
            }
        }
    }
    for r in 0..<(n - 1) {
        for c in 0..<(n - 1) where dark(r, c) == dark(r + 1, c) && dark(r, c) == dark(r, c + 1)
            && dark(r, c) == dark(r + 1, c + 1) {
            total += 3
        }
    }
    let darkCount = m.darkModuleCount
    total += 10 * (abs(20 * darkCount - 10 * n * n) / (n * n))
    return total
}
