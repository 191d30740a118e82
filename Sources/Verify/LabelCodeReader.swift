import Credentials

extension ScannedCode {
    /// Reads the form passport labels print — `https://<host>/01/<gtin14>/10/<lot>[/21/<serial>][?s=<86 chars>]`
    /// on a lower-case host, with lot and serial in plain characters — straight from the bytes.
    ///
    /// This is the hot path of a busy counter. It accepts only text the general Digital Link
    /// parser reads to the same result (the tests check this on thousands of variations) and
    /// returns `nil` for everything else, which then goes through the general parser.
    static func readLabelCode(_ text: String) -> ScannedCode? {
        text.utf8.withContiguousStorageIfAvailable { readLabelCode(bytes: $0) } ?? nil
    }

    private static func readLabelCode(bytes: UnsafeBufferPointer<UInt8>) -> ScannedCode? {
        var reader = ByteReader(bytes: bytes)
        guard reader.skip("https://") || reader.skip("http://") else { return nil }
        let hostStart = reader.position
        while let byte = reader.peek, byte != UInt8(ascii: "/") {
            guard isHostByte(byte) else { return nil }
            reader.position += 1
        }
        guard reader.position > hostStart else { return nil }
        let stem = reader.text(0, reader.position)
        guard reader.skip("/01/"), let gtin = reader.digits(14), hasValidCheckDigit(gtin) else { return nil }
        guard reader.skip("/10/"), let lot = reader.value() else { return nil }
        var serial: String?
        if reader.skip("/21/") {
            guard let value = reader.value() else { return nil }
            serial = value
        }
        var signature: String?
        if !reader.atEnd {
            guard reader.skip("?s="), reader.remaining == UnitSignature.textLength else { return nil }
            let start = reader.position
            while let byte = reader.peek {
                guard isBase64URLByte(byte) else { return nil }
                reader.position += 1
            }
            signature = reader.text(start, reader.position)
        }
        return ScannedCode(form: .digitalLink, stem: stem, gtin: gtin, lot: lot, serial: serial, signature: signature)
    }

    /// The path the unit signature covers, `UnitCode.canonicalPath`; built directly when the lot
    /// and serial are plain characters, which percent-encoding leaves as they are.
    func signedPath(serial: String) -> String {
        guard lot.utf8.allSatisfy(isPlainValueByte), serial.utf8.allSatisfy(isPlainValueByte) else {
            return UnitCode.canonicalPath(gtin: gtin, lot: lot, serial: serial)
        }
        return "/01/" + gtin + "/10/" + lot + "/21/" + serial
    }

    private static func isHostByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }

    private static func isBase64URLByte(_ byte: UInt8) -> Bool {
        isPlainValueByte(byte) && byte != UInt8(ascii: ".")
    }

    /// The GS1 mod-10 check digit of a 14-digit GTIN.
    private static func hasValidCheckDigit(_ gtin: String) -> Bool {
        var sum = 0
        for (index, byte) in gtin.utf8.dropLast().enumerated() {
            sum += Int(byte - UInt8(ascii: "0")) * (index.isMultiple(of: 2) ? 3 : 1)
        }
        return (10 - sum % 10) % 10 == Int((gtin.utf8.last ?? 0) &- UInt8(ascii: "0"))
    }
}

/// Reads a byte buffer front to back.
private struct ByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    var atEnd: Bool { position == bytes.count }
    var remaining: Int { bytes.count - position }
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// Consumes `literal` if the bytes continue with it.
    mutating func skip(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard remaining >= count else { return false }
        for offset in 0..<count where bytes[position + offset] != literal.utf8Start[offset] { return false }
        position += count
        return true
    }

    /// Exactly `count` ASCII digits.
    mutating func digits(_ count: Int) -> String? {
        guard remaining >= count else { return nil }
        for offset in 0..<count where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position + offset]) {
            return nil
        }
        position += count
        return text(position - count, position)
    }

    /// A lot or serial: 1 to 20 plain characters, up to `/`, `?` or the end.
    mutating func value() -> String? {
        let start = position
        while let byte = peek, byte != UInt8(ascii: "/"), byte != UInt8(ascii: "?") {
            guard isPlainValueByte(byte) else { return nil }
            position += 1
        }
        guard (1...20).contains(position - start) else { return nil }
        return text(start, position)
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}

/// Letters, digits, `-`, `.` and `_`: characters of GS1 set 82 that need no percent-encoding.
private func isPlainValueByte(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
}
