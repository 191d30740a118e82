extension DigitalLinkURI {

    /// Reads a Digital Link URI, checking it the way the GS1 reference implementation does.
    ///
    /// The primary key is the rightmost `/AI/value` pair in the path whose AI is a GS1 primary key;
    /// whatever precedes it is the stem. Values are percent-decoded (and `+` is a space in the
    /// query). Query parameters whose names are not numbers are kept in `otherParameters`; numeric
    /// names must be GS1 AIs. A fragment (`#…`) is ignored.
    ///
    /// - Throws: `DigitalLinkError` saying which part of the URI is wrong and how.
    public init(parsing uri: String, options: DigitalLinkOptions = .strict) throws(DigitalLinkError) {
        guard !uri.isEmpty else { throw .emptyInput }
        for (offset, scalar) in uri.unicodeScalars.enumerated() where !URISyntax.isURICharacter(scalar) {
            throw .illegalURICharacter(Character(scalar), offset: offset)
        }
        // From here on the text is ASCII, so characters, scalars and bytes coincide.
        guard let schemeLength = URISyntax.schemeLength(of: uri) else {
            let shown = uri.firstRange(of: "://").map { String(uri[..<$0.upperBound]) } ?? String(uri.prefix(8))
            throw .unsupportedScheme(shown)
        }
        let afterScheme = uri.dropFirst(schemeLength)
        guard let slash = afterScheme.firstIndex(of: "/") else {
            throw afterScheme.isEmpty ? .missingHost : .missingPath
        }
        let host = afterScheme[..<slash]
        guard !host.isEmpty else { throw .missingHost }
        if let bad = host.first(where: URISyntax.isBadHostCharacter) {
            throw .illegalHostCharacter(bad, host: String(host))
        }
        var rest = afterScheme[slash...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let path = rest.prefix { $0 != "?" }
        let query = rest.dropFirst(path.count + 1)

        // Find the primary key: walk back over /AI/value pairs from the end of the path.
        let segments = Array(path.split(separator: "/", omittingEmptySubsequences: false).dropFirst())
        let search = Self.findPrimaryKey(in: segments, options: options)
        guard case let .found(keyIndex) = search else {
            if case let .stopped(at: index) = search, segments[index].isEmpty { throw .emptyPathSegment }
            if segments.count > 1, segments.last == "",
               case .found = Self.findPrimaryKey(in: segments.dropLast(), options: options) { throw .trailingSlash }
            throw .noPrimaryKey(path: String(path))
        }

        var pathElements: [GS1Element] = []
        for pair in stride(from: keyIndex, to: segments.count - 1, by: 2) {
            guard let code = Self.resolveAI(segments[pair], options: options) else {
                throw .unknownAI(String(segments[pair]))
            }
            let raw = segments[pair + 1]
            guard !raw.isEmpty else { throw .emptyValue(ai: code) }
            let value = try Self.decode(raw, ai: code, plusIsSpace: false)
            pathElements.append(try GS1Element(ai: code, value: value).validated(options: options))
        }

        var attributes: [GS1Element] = []
        var others: [QueryParameter] = []
        for item in query.split(separator: "&") {
            guard let equals = item.firstIndex(of: "=") else {
                others.append(QueryParameter(name: Self.decodeLeniently(item), value: nil))
                continue
            }
            let name = item[..<equals]
            let raw = item[item.index(after: equals)...]
            guard !name.isEmpty, name.unicodeScalars.allSatisfy(AICharacterSet.numeric.contains) else {
                others.append(QueryParameter(name: Self.decodeLeniently(name), value: Self.decodeLeniently(raw)))
                continue
            }
            let code = String(name)
            guard ApplicationIdentifier.named(code) != nil
                    || (options.permitUnknownAIs && ApplicationIdentifier.couldBeUnknownAI(code)) else {
                throw ApplicationIdentifier.couldBeUnknownAI(code) ? .unknownAI(code) : .numericParameterNotAnAI(code)
            }
            guard !raw.isEmpty else { throw .emptyValue(ai: code) }
            let value = try Self.decode(raw, ai: code, plusIsSpace: true)
            attributes.append(try GS1Element(ai: code, value: value).validated(options: options))
        }

        let stem = String(uri.prefix(schemeLength)) + host
            + segments[..<keyIndex].map { "/" + $0 }.joined()
        guard let key = pathElements.first else { throw .noPrimaryKey(path: String(path)) }
        try self.init(checkedStem: stem, primaryKey: key, qualifiers: Array(pathElements.dropFirst()),
                      attributes: attributes, otherParameters: others, options: options)
    }

    private enum KeySearch { case found(Int), stopped(at: Int), exhausted }

    /// Walks back over `/AI/value` pairs from the end of the path to the rightmost primary key.
    private static func findPrimaryKey(in segments: some RandomAccessCollection<Substring>,
                                       options: DigitalLinkOptions) -> KeySearch {
        let segments = Array(segments)
        var index = segments.count - 2
        while index >= 0 {
            guard let code = resolveAI(segments[index], options: options) else { return .stopped(at: index) }
            if ApplicationIdentifier.named(code)?.isPrimaryKey == true { return .found(index) }
            index -= 2
        }
        return .exhausted
    }

    /// The AI number a path segment names: a known AI, a Digital Link 1.0 short name (if
    /// permitted), or a plausible unassigned AI (if permitted).
    private static func resolveAI(_ segment: Substring, options: DigitalLinkOptions) -> String? {
        let text = String(segment)
        if ApplicationIdentifier.named(text) != nil { return text }
        if options.permitConvenienceAlphas, let code = convenienceAlphas[text] { return code }
        if options.permitUnknownAIs && ApplicationIdentifier.couldBeUnknownAI(text) { return text }
        return nil
    }

    private static func decode(_ raw: Substring, ai: String, plusIsSpace: Bool) throws(DigitalLinkError) -> String {
        switch PercentEncoding.decode(raw, plusIsSpace: plusIsSpace) {
        case let .text(value): return value
        case .containsNull: throw .encodedNull(ai: ai)
        case .notUTF8:
            throw .invalidComponent(ai: ai, value: String(raw), reason: "its percent-encoding does not decode to UTF-8 text")
        }
    }

    /// Decodes a non-AI parameter; if it cannot be decoded it is kept exactly as written.
    private static func decodeLeniently(_ raw: Substring) -> String {
        if case let .text(value) = PercentEncoding.decode(raw, plusIsSpace: true) { return value }
        return String(raw)
    }

    /// The deprecated short names of GS1 Digital Link 1.0 path segments.
    private static let convenienceAlphas: [String: String] = [
        "cpid": "8010", "cpsn": "8011", "cpv": "22", "gcn": "255", "gdti": "253", "giai": "8004",
        "ginc": "401", "gln": "414", "glnx": "254", "gmn": "8013", "grai": "8003", "gsin": "402",
        "gsrn": "8018", "gsrnp": "8017", "gtin": "01", "itip": "8006", "lot": "10", "party": "417",
        "refno": "8020", "ser": "21", "srin": "8019", "sscc": "00",
    ]
}

/// The URI character rules a Digital Link must follow.
enum URISyntax {
    /// RFC 3986 characters: unreserved, reserved, and `%`.
    static func isURICharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        let byte = UInt8(scalar.value)
        return PercentEncoding.isUnreserved(byte) || uriPunctuation.contains(byte)
    }

    private static let uriPunctuation: Set<UInt8> = Set(":/?#[]@!$&'()*+,;=%".utf8)

    /// Characters allowed in a URI but not in a host name.
    static func isBadHostCharacter(_ c: Character) -> Bool { "_~?#@!$&'()*+,;=%".contains(c) }

    /// The length of a `https://` or `http://` prefix (all lower or all upper case), if present.
    static func schemeLength(of text: some StringProtocol) -> Int? {
        for scheme in ["https://", "HTTPS://", "http://", "HTTP://"] where text.hasPrefix(scheme) {
            return scheme.count
        }
        return nil
    }
}
