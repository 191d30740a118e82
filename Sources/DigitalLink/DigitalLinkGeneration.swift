extension DigitalLinkURI {

    /// Makes a Digital Link from GS1 element data, as printed in a barcode, the way the GS1
    /// reference implementation does.
    ///
    /// The first element whose AI is a primary key becomes the key. Of its qualifier paths, the one
    /// covering the most of the other elements is used, and those go in the path in standard order.
    /// Everything else goes in the query: predefined-length AIs first, then the rest, each group in
    /// the order given. An element repeated with the same value is used once.
    ///
    /// - Parameter stem: scheme, host and optional path prefix; a trailing `/` is dropped.
    /// - Throws: `DigitalLinkError.missingPrimaryKey` if no element can be a key,
    ///   `.conflictingValues` for an AI repeated with different values, `.notADataAttribute` or
    ///   `.invalidQualifiers` for an element that fits neither in the path nor in the query, and
    ///   value errors naming the AI.
    public init(elements: [GS1Element], stem: String = DigitalLinkURI.canonicalStem,
                options: DigitalLinkOptions = .strict) throws(DigitalLinkError) {
        let stem = try Self.checkedStem(stem)
        var unique: [GS1Element] = []
        for element in elements {
            let checked = try element.validated(options: options)
            if let earlier = unique.first(where: { $0.ai == checked.ai }) {
                guard earlier.value == checked.value else {
                    throw .conflictingValues(ai: checked.ai, first: earlier.value, second: checked.value)
                }
                continue
            }
            unique.append(checked)
        }
        guard let key = unique.first(where: { $0.definition?.isPrimaryKey == true }),
              let keyEntry = key.definition else { throw .missingPrimaryKey }
        let others = unique.filter { $0.ai != key.ai }
        let path = keyEntry.bestQualifierPath(covering: Set(others.map(\.ai)))
        let qualifiers = path.compactMap { code in others.first { $0.ai == code } }
        let rest = others.filter { !path.contains($0.ai) }
        let attributes = rest.filter { !$0.needsSeparator } + rest.filter(\.needsSeparator)
        try self.init(checkedStem: stem, primaryKey: key, qualifiers: qualifiers, attributes: attributes,
                      otherParameters: [], options: options)
    }

    /// Makes a Digital Link from a parsed element string; see `init(elements:stem:options:)`.
    public init(_ elementString: GS1ElementString, stem: String = DigitalLinkURI.canonicalStem,
                options: DigitalLinkOptions = .strict) throws(DigitalLinkError) {
        try self.init(elements: elementString.elements, stem: stem, options: options)
    }

    /// Reads any of the forms a shop scanner may send: a Digital Link URI, bracketed element data
    /// `(01)…(10)…`, or raw GS1 data with FNC1 separators; element data is turned into a link on
    /// `stem`. Spaces and line ends around the text (a scanner's Enter key) and a symbology
    /// identifier before a URI (`]Q1`) are ignored.
    public init(scanned text: String, stem: String = DigitalLinkURI.canonicalStem,
                options: DigitalLinkOptions = .strict) throws(DigitalLinkError) {
        var trimmed = Substring(text.trimmingLineEnds())
        if trimmed.hasPrefix("]"), trimmed.dropFirst(3).lowercased().hasPrefix("http") {
            trimmed = trimmed.dropFirst(3)
        }
        if trimmed.lowercased().hasPrefix("http") {
            try self.init(parsing: String(trimmed), options: options)
        } else {
            try self.init(GS1ElementString(parsing: String(trimmed), options: options), stem: stem, options: options)
        }
    }
}

extension String {
    /// The text without spaces, tabs, carriage returns and line feeds at either end.
    func trimmingLineEnds() -> String {
        let isPadding: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isPadding($0) }), let last = lastIndex(where: { !isPadding($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
