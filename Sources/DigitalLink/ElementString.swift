/// A sequence of GS1 elements, as a GS1 barcode (GS1-128, GS1 DataMatrix, GS1 QR) carries them.
///
/// Reads the bracketed human form `(01)09506000134352(10)ABC` and the raw form a scanner sends,
/// where FNC1 is the ASCII group separator (GS, U+001D) or `^`, optionally after a symbology
/// identifier such as `]d2`. Every value is checked against its AI.
public struct GS1ElementString: Hashable, Sendable, CustomStringConvertible {
    /// The elements in the order they were given.
    public let elements: [GS1Element]

    /// Checks each element and keeps them in order.
    public init(_ elements: [GS1Element], options: DigitalLinkOptions = .strict) throws(DigitalLinkError) {
        var checked: [GS1Element] = []
        for element in elements { checked.append(try element.validated(options: options)) }
        self.elements = checked
    }

    /// Keeps elements that were already checked.
    init(unchecked elements: [GS1Element]) {
        self.elements = elements
    }

    /// Reads either form: text starting with `(` as bracketed, anything else as scanner data.
    /// Spaces and line ends around the text are ignored.
    public init(parsing text: String, options: DigitalLinkOptions = .strict) throws(DigitalLinkError) {
        let trimmed = text.trimmingLineEnds()
        if trimmed.hasPrefix("(") {
            try self.init(bracketed: trimmed, options: options)
        } else {
            try self.init(scanned: text, options: options)
        }
    }

    /// Reads the bracketed form `(01)09506000134352(10)ABC`.
    ///
    /// A value runs to the next `(` that opens an AI number of 2 to 4 digits; write `\(` for a
    /// literal parenthesis that would otherwise look like one.
    public init(bracketed text: String, options: DigitalLinkOptions = .strict) throws(DigitalLinkError) {
        guard !text.isEmpty else { throw .emptyInput }
        let chars = Array(text)
        var found: [GS1Element] = []
        var i = 0
        while i < chars.count {
            guard chars[i] == "(", let close = Self.aiEnd(in: chars, openingAt: i) else {
                throw .invalidElementString(text, reason: "expected an AI number in brackets, such as (01), at position \(i + 1)")
            }
            let ai = String(chars[(i + 1)..<close])
            var value = ""
            i = close + 1
            while i < chars.count {
                if chars[i] == "\\", i + 1 < chars.count, chars[i + 1] == "(" {
                    value.append("(")
                    i += 2
                    continue
                }
                if chars[i] == "(", Self.aiEnd(in: chars, openingAt: i) != nil { break }
                value.append(chars[i])
                i += 1
            }
            guard !value.isEmpty else { throw .emptyValue(ai: ai) }
            found.append(GS1Element(ai: ai, value: value))
        }
        try self.init(found, options: options)
    }

    /// Reads the raw data a scanner sends: AIs and values run together, with FNC1 (GS, U+001D, or
    /// `^`) after each variable-length value. A leading symbology identifier (`]C1`, `]e0`, `]d2`,
    /// `]Q3`, `]J1`) and leading FNC1 are skipped; EAN/UPC data (`]E0`, `]E4`) is read as a GTIN.
    /// Spaces and line ends around the data (a scanner's Enter key) are ignored.
    public init(scanned text: String, options: DigitalLinkOptions = .strict) throws(DigitalLinkError) {
        var rest = Substring(text.trimmingLineEnds())
        if rest.hasPrefix("]") {
            let identifier = String(rest.prefix(3))
            rest = rest.dropFirst(3)
            switch identifier {
            case "]C1", "]e0", "]e1", "]e2", "]d2", "]Q3", "]J1":
                break
            case "]E0", "]E4", "]E3":
                let gtin = try GTIN(String(rest))
                self.init(unchecked: [GS1Element(ai: "01", value: gtin.digits)])
                return
            default:
                throw .invalidElementString(text, reason: "the symbology identifier \(identifier) does not announce GS1 data")
            }
        }
        while let first = rest.first, Self.isFNC1(first) { rest = rest.dropFirst() }
        guard !rest.isEmpty else { throw .emptyInput }

        var found: [GS1Element] = []
        while !rest.isEmpty {
            guard let entry = ApplicationIdentifier.prefixMatch(of: rest) else {
                let shown = String(rest.prefix(4))
                throw .invalidElementString(text, reason: "'\(shown)…' does not start with a known AI")
            }
            rest = rest.dropFirst(entry.code.count)
            let value: Substring
            if entry.isPredefinedLength {
                let length = entry.lengthRange.upperBound
                guard rest.count >= length, !rest.prefix(length).contains(where: Self.isFNC1) else {
                    throw .invalidLength(ai: entry.code, value: String(rest.prefix { !Self.isFNC1($0) }),
                                         allowed: entry.lengthRange, format: entry.format)
                }
                value = rest.prefix(length)
            } else {
                value = rest.prefix { !Self.isFNC1($0) }
            }
            rest = rest.dropFirst(value.count)
            while let first = rest.first, Self.isFNC1(first) { rest = rest.dropFirst() }
            guard !value.isEmpty else { throw .emptyValue(ai: entry.code) }
            found.append(GS1Element(ai: entry.code, value: String(value)))
        }
        try self.init(found, options: options)
    }

    /// The element string with `^` for FNC1, starting with `^`: `^0109506000134352^10ABC` has
    /// no `^` after (01) because its length is predefined.
    public var elementString: String { elements.caretElementString }

    /// The bracketed human-readable form, `(01)09506000134352(10)ABC`.
    public var bracketed: String { elements.bracketedElementString }

    /// The data as a scanner would send it, with `separator` (GS by default) after each
    /// variable-length value that another element follows, and no leading FNC1.
    public func scannerData(separator: Character = "\u{1D}") -> String {
        String(elementString.dropFirst()).replacingAll("^", with: String(separator))
    }

    /// The value of the first element with this AI.
    public func value(of ai: String) -> String? { elements.first { $0.ai == ai }?.value }

    /// The bracketed form.
    public var description: String { bracketed }

    private static func isFNC1(_ c: Character) -> Bool { c == "\u{1D}" || c == "^" }

    /// If `chars[open]` starts `(NN)`, `(NNN)` or `(NNNN)`, the index of the `)`.
    private static func aiEnd(in chars: [Character], openingAt open: Int) -> Int? {
        guard chars[open] == "(" else { return nil }
        var i = open + 1
        while i < chars.count, i - open <= 5, chars[i].isASCII, chars[i].isNumber { i += 1 }
        let digits = i - open - 1
        guard (2...4).contains(digits), i < chars.count, chars[i] == ")" else { return nil }
        return i
    }
}
