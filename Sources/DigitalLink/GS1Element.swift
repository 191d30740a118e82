/// One GS1 element: an application identifier and its value, such as (10) ABC123.
public struct GS1Element: Hashable, Sendable, CustomStringConvertible {
    /// The AI number, such as "10".
    public let ai: String
    /// The value, unencoded, such as "ABC123".
    public let value: String

    /// Pairs an AI with a value. Nothing is checked until the element is used in a
    /// `GS1ElementString` or `DigitalLinkURI`; call `validated(options:)` to check it now.
    public init(ai: String, value: String) {
        self.ai = ai
        self.value = value
    }

    /// The AI's definition, if it is one this library knows.
    public var definition: ApplicationIdentifier? { ApplicationIdentifier.named(ai) }

    /// The bracketed human-readable form, such as `(10)ABC123`.
    public var description: String { "(\(ai))\(value)" }

    /// This element checked against its AI's format. With `permitZeroSuppressedGTIN`, a GTIN (01)
    /// of 8, 12 or 13 digits comes back padded to 14.
    ///
    /// - Throws: `DigitalLinkError` naming the AI and what is wrong with the value.
    public func validated(options: DigitalLinkOptions = .strict) throws(DigitalLinkError) -> GS1Element {
        guard let entry = definition else {
            guard options.permitUnknownAIs, ApplicationIdentifier.couldBeUnknownAI(ai) else {
                throw .unknownAI(ai)
            }
            try ApplicationIdentifier.validateUnknown(ai: ai, value: value)
            return self
        }
        var value = self.value
        if ai == "01", options.permitZeroSuppressedGTIN, [8, 12, 13].contains(value.unicodeScalars.count) {
            value = value.leftPadded(to: 14)
        }
        try entry.validate(value)
        return GS1Element(ai: ai, value: value)
    }

    /// Whether an FNC1 separator must follow this element when another element comes after it.
    var needsSeparator: Bool { !ApplicationIdentifier.isPredefinedLength(ai) }

    /// Whether this element may be a Digital Link data attribute under `options`.
    func isDataAttribute(options: DigitalLinkOptions) -> Bool {
        if let entry = definition { return entry.isDataAttribute }
        return options.permitUnknownAIs
    }
}

extension [GS1Element] {
    /// The element string with `^` for FNC1: one leading `^` (FNC1 in first position, as a GS1
    /// barcode starts), then a `^` after each variable-length value that another element follows.
    var caretElementString: String {
        var out = "^"
        for (index, element) in enumerated() {
            out += element.ai + element.value
            if element.needsSeparator && index < count - 1 { out += "^" }
        }
        return out
    }

    /// The bracketed human-readable form, `(01)09506000134352(10)ABC`; a `(` inside a value is
    /// written `\(` so the text reads back the same.
    var bracketedElementString: String {
        map { "(\($0.ai))" + $0.value.replacingAll("(", with: "\\(") }.joined()
    }
}

extension String {
    /// Replaces every occurrence of the character `target` with `replacement`.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
