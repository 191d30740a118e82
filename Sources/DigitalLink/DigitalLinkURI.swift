/// A GS1 Digital Link URI: a web address that names a GS1 identifier, such as
/// `https://id.gs1.org/01/09506000134352/10/ABC?17=251231`.
///
/// It has a stem (scheme, host and optional path prefix), a primary key such as a GTIN (01),
/// key qualifiers in the path in the order the standard fixes (for a GTIN: 22, then 10, then 21),
/// data attributes in the query (17 expiry, 3103 net weight, …), and any other query parameters,
/// kept as given (this project signs units with one). Every value is checked when the URI is made,
/// so a `DigitalLinkURI` is always valid.
public struct DigitalLinkURI: Hashable, Sendable, CustomStringConvertible {
    /// The GS1 resolver, the stem of canonical Digital Link URIs.
    public static let canonicalStem = "https://id.gs1.org"

    /// Scheme, host and optional path prefix, without a trailing `/`: `https://example.com/dl`.
    public private(set) var stem: String
    /// The GS1 key the URI identifies, such as (01) and a 14-digit GTIN.
    public private(set) var primaryKey: GS1Element
    /// The key qualifiers in the path, in the order the standard requires.
    public private(set) var qualifiers: [GS1Element]
    /// The AI data attributes in the query string, in order.
    public private(set) var attributes: [GS1Element]
    /// Query parameters that are not GS1 AIs, in order, decoded.
    public private(set) var otherParameters: [QueryParameter]

    /// Makes a Digital Link from its parts, checking every value and the rules of the standard.
    ///
    /// Qualifiers may be given in any order; they are put in the order the standard requires.
    /// - Throws: `DigitalLinkError` if a value is malformed, the key is not a primary key, the
    ///   qualifiers do not belong to the key, or an attribute may not be in the query.
    public init(stem: String = DigitalLinkURI.canonicalStem, primaryKey: GS1Element,
                qualifiers: [GS1Element] = [], attributes: [GS1Element] = [],
                otherParameters: [QueryParameter] = [],
                options: DigitalLinkOptions = .strict) throws(DigitalLinkError) {
        let stem = try Self.checkedStem(stem)
        let key = try primaryKey.validated(options: options)
        guard let keyEntry = key.definition, keyEntry.isPrimaryKey else { throw .notAPrimaryKey(key.ai) }
        var checkedQualifiers: [GS1Element] = []
        for q in qualifiers { checkedQualifiers.append(try q.validated(options: options)) }
        let codes = checkedQualifiers.map(\.ai)
        if let path = keyEntry.qualifierPaths.first(where: { path in codes.allSatisfy(path.contains) }) {
            checkedQualifiers.sort { (path.firstIndex(of: $0.ai) ?? 0) < (path.firstIndex(of: $1.ai) ?? 0) }
        }
        var checkedAttributes: [GS1Element] = []
        for a in attributes { checkedAttributes.append(try a.validated(options: options)) }
        for p in otherParameters where !QueryParameter.isUsableName(p.name) { throw .invalidParameterName(p.name) }
        try self.init(checkedStem: stem, primaryKey: key, qualifiers: checkedQualifiers,
                      attributes: checkedAttributes, otherParameters: otherParameters, options: options)
    }

    /// A product, batch or unit link for a GTIN: `/01/<gtin>`, plus `/10/<lot>` and `/21/<serial>`.
    public init(gtin: GTIN, lot: String? = nil, serial: String? = nil,
                stem: String = DigitalLinkURI.canonicalStem) throws(DigitalLinkError) {
        var qualifiers: [GS1Element] = []
        if let lot { qualifiers.append(GS1Element(ai: "10", value: lot)) }
        if let serial { qualifiers.append(GS1Element(ai: "21", value: serial)) }
        try self.init(stem: stem, primaryKey: GS1Element(ai: "01", value: gtin.digits), qualifiers: qualifiers)
    }

    /// The final step of every initialiser: values are already checked; this checks how they fit.
    init(checkedStem stem: String, primaryKey: GS1Element, qualifiers: [GS1Element], attributes: [GS1Element],
         otherParameters: [QueryParameter], options: DigitalLinkOptions) throws(DigitalLinkError) {
        guard let keyEntry = primaryKey.definition, keyEntry.isPrimaryKey else { throw .notAPrimaryKey(primaryKey.ai) }
        let qualifierCodes = qualifiers.map(\.ai)
        guard keyEntry.allowsQualifiers(qualifierCodes) else {
            throw .invalidQualifiers(key: keyEntry.code, qualifiers: qualifierCodes, allowed: keyEntry.qualifierPaths)
        }
        var seen: Set<String> = [primaryKey.ai]
        seen.formUnion(qualifierCodes)
        for attribute in attributes {
            guard seen.insert(attribute.ai).inserted else { throw .duplicateAI(attribute.ai) }
            if keyEntry.acceptsQualifier(attribute.ai, alongside: qualifierCodes) {
                throw .belongsInPath(ai: attribute.ai, key: keyEntry.code)
            }
            guard attribute.isDataAttribute(options: options) else {
                if keyEntry.qualifierPaths.contains(where: { $0.contains(attribute.ai) }) {
                    throw .invalidQualifiers(key: keyEntry.code, qualifiers: qualifierCodes + [attribute.ai],
                                             allowed: keyEntry.qualifierPaths)
                }
                throw .notADataAttribute(attribute.ai)
            }
        }
        self.stem = stem
        self.primaryKey = primaryKey
        self.qualifiers = qualifiers
        self.attributes = attributes
        self.otherParameters = otherParameters
    }

    // MARK: Output

    /// The URI text. Path and query values are percent-encoded outside the RFC 3986 unreserved
    /// set (`A–Z a–z 0–9 - . _ ~`); AI attributes come first in the query, then other parameters.
    public var uriString: String {
        var text = stem
        for element in [primaryKey] + qualifiers {
            text += "/" + element.ai + "/" + PercentEncoding.encode(element.value)
        }
        var query = attributes.map { $0.ai + "=" + PercentEncoding.encode($0.value) }
        query += otherParameters.map { p in
            PercentEncoding.encode(p.name) + (p.value.map { "=" + PercentEncoding.encode($0) } ?? "")
        }
        if !query.isEmpty { text += "?" + query.joined(separator: "&") }
        return text
    }

    /// The URI text.
    public var description: String { uriString }

    /// All GS1 elements: primary key, qualifiers, then attributes.
    public var elements: [GS1Element] { [primaryKey] + qualifiers + attributes }

    /// The GS1 element string with `^` for FNC1, in URI order, as the GS1 reference
    /// implementation gives it: `^0109506000134352^10ABC` starts with `^` and has a `^` after each
    /// variable-length value that another element follows.
    public var elementString: String { elements.caretElementString }

    /// The bracketed human-readable form, `(01)09506000134352(10)ABC`.
    public var bracketedElementString: String { elements.bracketedElementString }

    /// The elements as a `GS1ElementString`, ready to encode in a GS1 barcode.
    public var gs1ElementString: GS1ElementString {
        GS1ElementString(unchecked: elements)   // checked when this URI was made
    }

    /// The GTIN, when the primary key is a GTIN (01).
    public var gtin: GTIN? { primaryKey.ai == "01" ? try? GTIN(primaryKey.value) : nil }

    /// The value of the AI anywhere in the URI (key, qualifier or attribute).
    public func value(of ai: String) -> String? { elements.first { $0.ai == ai }?.value }

    /// The first non-AI query parameter with this name.
    public func otherParameter(named name: String) -> QueryParameter? {
        otherParameters.first { $0.name == name }
    }

    // MARK: Variants

    /// The canonical form: the `id.gs1.org` stem, AI numbers, a 14-digit GTIN, qualifiers in
    /// standard order, and attributes with predefined-length AIs first. Non-AI query parameters are
    /// dropped unless `keepingOtherParameters` is true, so two links to the same thing compare equal.
    public func canonical(keepingOtherParameters: Bool = false) -> DigitalLinkURI {
        var copy = self
        copy.stem = Self.canonicalStem
        copy.attributes = attributes.filter { !$0.needsSeparator } + attributes.filter(\.needsSeparator)
        if !keepingOtherParameters { copy.otherParameters = [] }
        return copy
    }

    /// The canonical form on another stem, such as a brand's own resolver.
    ///
    /// - Throws: `DigitalLinkError.invalidStem` if `stem` is not `https://host[/path]`.
    public func canonical(stem: String, keepingOtherParameters: Bool = false) throws(DigitalLinkError) -> DigitalLinkURI {
        var copy = canonical(keepingOtherParameters: keepingOtherParameters)
        copy.stem = try Self.checkedStem(stem)
        return copy
    }

    /// This URI with a non-AI query parameter set, replacing any with the same name, else added at
    /// the end. Use it to attach a signature: `uri.settingParameter("s", to: signature)`.
    public func settingParameter(_ name: String, to value: String?) throws(DigitalLinkError) -> DigitalLinkURI {
        guard QueryParameter.isUsableName(name) else { throw .invalidParameterName(name) }
        var copy = self
        let parameter = QueryParameter(name: name, value: value)
        if let index = otherParameters.firstIndex(where: { $0.name == name }) {
            copy.otherParameters = otherParameters.filter { $0.name != name }
            copy.otherParameters.insert(parameter, at: min(index, copy.otherParameters.count))
        } else {
            copy.otherParameters.append(parameter)
        }
        return copy
    }

    /// This URI without any non-AI query parameter of this name.
    public func removingParameter(named name: String) -> DigitalLinkURI {
        var copy = self
        copy.otherParameters = otherParameters.filter { $0.name != name }
        return copy
    }

    // MARK: Stem

    /// Checks a stem and drops trailing slashes: scheme `https://` or `http://`, a host, and an
    /// optional path prefix, with no query or fragment.
    static func checkedStem(_ stem: String) throws(DigitalLinkError) -> String {
        var trimmed = Substring(stem)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let text = String(trimmed)
        for scalar in text.unicodeScalars where !URISyntax.isURICharacter(scalar) || scalar == "?" || scalar == "#" {
            throw .invalidStem(stem, reason: "it contains '\(scalar)'; a stem is scheme, host and path only, with no query or fragment")
        }
        guard let schemeLength = URISyntax.schemeLength(of: text) else {
            throw .invalidStem(stem, reason: "it must start with https:// (or http://)")
        }
        let rest = text.dropFirst(schemeLength)
        let host = rest.prefix { $0 != "/" }
        guard !host.isEmpty else { throw .invalidStem(stem, reason: "it has no host name") }
        if let bad = host.first(where: URISyntax.isBadHostCharacter) {
            throw .invalidStem(stem, reason: "its host name contains '\(bad)'")
        }
        return text
    }
}

extension DigitalLinkURI: Codable {
    /// Decodes a URI string, read with `.strict` options.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes as the URI string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(uriString)
    }
}

/// A query parameter that is not a GS1 AI, such as `s=…` carrying this project's unit signature.
public struct QueryParameter: Hashable, Sendable {
    /// The name, decoded.
    public let name: String
    /// The value, decoded; `nil` for a bare name with no `=`.
    public let value: String?

    /// A parameter. Its name must contain a non-digit (numeric names are GS1 AIs).
    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }

    static func isUsableName(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.allSatisfy(AICharacterSet.numeric.contains)
    }
}
