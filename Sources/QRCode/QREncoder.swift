internal import CQRencode
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension QRMatrix {
    /// Encodes text (UTF-8, case-sensitive) with libqrencode: digit and upper-case runs get the
    /// compact numeric/alphanumeric modes, the rest is 8-bit (`QRcode_encodeString`, hint
    /// `QR_MODE_8`). The smallest version that holds the text is used.
    /// - Parameters:
    ///   - errorCorrection: the level; retail labels use ``QRErrorCorrection/medium``.
    ///   - minimumVersion: never use a smaller symbol than this (1…40).
    ///   - mask: force a data mask (0…7) instead of the best-scoring one; for tests.
    public init(encoding text: String, errorCorrection: QRErrorCorrection = .medium,
                minimumVersion: Int = 1, mask: Int? = nil) throws(QRCodeError) {
        if text.isEmpty { throw .invalidInput(reason: "the text is empty") }
        if text.utf8.contains(0) { throw .invalidInput(reason: "the text contains a NUL character") }
        self = try Self.encode(byteCount: text.utf8.count, errorCorrection: errorCorrection,
                               minimumVersion: minimumVersion, mask: mask) { input in
            text.withCString { Split_splitStringToQRinput($0, input, QR_MODE_8, 1) }
        }
    }

    /// Encodes bytes entirely in 8-bit mode (`QRcode_encodeData`).
    public init(encodingBytes bytes: [UInt8], errorCorrection: QRErrorCorrection = .medium,
                minimumVersion: Int = 1, mask: Int? = nil) throws(QRCodeError) {
        if bytes.isEmpty { throw .invalidInput(reason: "there are no bytes to encode") }
        self = try Self.encode(byteCount: bytes.count, errorCorrection: errorCorrection,
                               minimumVersion: minimumVersion, mask: mask) { input in
            bytes.withUnsafeBufferPointer { QRinput_append(input, QR_MODE_8, Int32($0.count), $0.baseAddress) }
        }
    }

    /// The symbol exactly as libqrencode makes it, its own mask choice included
    /// (`QRcode_encodeString`), or with mask `mask` forced (`QRcode_encodeMask`).
    ///
    /// Slower than ``init(encoding:errorCorrection:minimumVersion:mask:)``; it exists so tests
    /// can check this module's output against the library's.
    public init(referenceEncoding text: String, errorCorrection: QRErrorCorrection = .medium,
                mask: Int? = nil) throws(QRCodeError) {
        if text.isEmpty || text.utf8.contains(0) { throw .invalidInput(reason: "empty text or NUL character") }
        try Self.checkMask(mask)
        let level = errorCorrection.cLevel
        let code: UnsafeMutablePointer<QRcode>?
        if let mask {
            guard let input = QRinput_new2(0, level) else { throw Self.error(byteCount: text.utf8.count, level: errorCorrection) }
            defer { QRinput_free(input) }
            guard text.withCString({ Split_splitStringToQRinput($0, input, QR_MODE_8, 1) }) == 0 else {
                throw Self.error(byteCount: text.utf8.count, level: errorCorrection)
            }
            code = QRcode_encodeMask(input, Int32(mask))
        } else {
            code = QRcode_encodeString(text, 0, level, QR_MODE_8, 1)
        }
        guard let code else { throw Self.error(byteCount: text.utf8.count, level: errorCorrection) }
        defer { QRcode_free(code) }
        self = Self.copy(code.pointee, level: errorCorrection)
    }

    /// The most bytes an 8-bit-mode symbol of `version` holds at `errorCorrection`
    /// (ISO/IEC 18004 Table 7), found by asking libqrencode.
    public static func byteCapacity(version: Int, errorCorrection: QRErrorCorrection) -> Int {
        var low = 0, high = 2953
        while low < high {
            let middle = (low + high + 1) / 2
            let probe = [UInt8](repeating: 0x61, count: middle)
            let code = probe.withUnsafeBufferPointer {
                QRcode_encodeData(Int32(middle), $0.baseAddress, Int32(version), errorCorrection.cLevel)
            }
            if let code, Int(code.pointee.version) <= version {
                low = middle
            } else {
                high = middle - 1
            }
            if let code { QRcode_free(code) }
        }
        return low
    }

    /// Shared path: fill a `QRinput`, let libqrencode build the symbol with mask 0
    /// (`QRcode_encodeMask`), then choose the mask here — or apply the forced one.
    private static func encode(
        byteCount: Int, errorCorrection: QRErrorCorrection, minimumVersion: Int, mask: Int?,
        fill: (OpaquePointer) -> Int32
    ) throws(QRCodeError) -> QRMatrix {
        guard (1...40).contains(minimumVersion) else { throw .invalidVersion(minimumVersion) }
        try checkMask(mask)
        guard let input = QRinput_new2(Int32(minimumVersion), errorCorrection.cLevel) else {
            throw error(byteCount: byteCount, level: errorCorrection)
        }
        defer { QRinput_free(input) }
        guard fill(input) == 0 else { throw error(byteCount: byteCount, level: errorCorrection) }
        guard let code = QRcode_encodeMask(input, 0) else {
            throw error(byteCount: byteCount, level: errorCorrection)
        }
        defer { QRcode_free(code) }
        let symbol = code.pointee
        guard let data = symbol.data else { throw .encoderFailed(errno: 0, message: "libqrencode returned a symbol without modules") }
        return MaskSelector.finish(frame: data, version: Int(symbol.version), level: errorCorrection,
                                   forcedMask: mask)
    }

    /// Refuses a mask that does not exist, rather than drawing some other one.
    private static func checkMask(_ mask: Int?) throws(QRCodeError) {
        if let mask, !(0..<8).contains(mask) {
            throw .invalidInput(reason: "mask \(mask) does not exist; masks are 0 to 7")
        }
    }

    /// Copies a finished libqrencode symbol; its mask is read back from the format information.
    private static func copy(_ code: QRcode, level: QRErrorCorrection) -> QRMatrix {
        let width = Int(code.width)
        let version = Int(code.version)
        let wordsPerRow = (width + 63) / 64
        var words = [UInt64](repeating: 0, count: wordsPerRow * width)
        if let data = code.data {
            for row in 0..<width {
                for column in 0..<width where data[row * width + column] & 1 == 1 {
                    words[row * wordsPerRow + column / 64] |= 1 << UInt64(column % 64)
                }
            }
        }
        let positions = formatPositions(width: width)
        let mask = (0..<8).first { candidate in
            let format = formatInformation(level: level, mask: candidate)
            return positions.enumerated().allSatisfy { index, position in
                let (row, column) = position.0
                let dark = (words[row * wordsPerRow + column / 64] >> UInt64(column % 64)) & 1 == 1
                return dark == ((format >> UInt32(index)) & 1 == 1)
            }
        } ?? -1
        return QRMatrix(version: version, errorCorrection: level, mask: mask,
                        wordsPerRow: wordsPerRow, words: words)
    }

    /// Turns libqrencode's errno into a typed error.
    private static func error(byteCount: Int, level: QRErrorCorrection) -> QRCodeError {
        let code = errno
        switch code {
        case ERANGE: return .inputTooLong(byteCount: byteCount, errorCorrection: level)
        case EINVAL: return .invalidInput(reason: "libqrencode rejected it as invalid")
        case ENOMEM: return .outOfMemory
        default: return .encoderFailed(errno: code, message: String(cString: strerror(code)))
        }
    }
}

extension QRErrorCorrection {
    var cLevel: QRecLevel {
        switch self {
        case .low: QR_ECLEVEL_L
        case .medium: QR_ECLEVEL_M
        case .quartile: QR_ECLEVEL_Q
        case .high: QR_ECLEVEL_H
        }
    }
}
