/// The producer's look on the passport pages (`brand:` in `passport.yaml`).
public struct Brand: Sendable, Hashable {
    /// The main colour as `#rrggbb`, lower case; nil keeps the site's own.
    public var colour: String?
    /// A logo file in the project (SVG, PNG, JPEG, WebP), shown in the page header.
    public var logo: String?
    /// The typeface of headings, from the fonts bundled with passport.
    public var typeface: Typeface
    /// Where `logo` was written, for the message when the file is missing.
    public var logoLocation: SourceLocation?

    public init(colour: String? = nil, logo: String? = nil, typeface: Typeface = .system, logoLocation: SourceLocation? = nil) {
        self.colour = colour
        self.logo = logo
        self.typeface = typeface
        self.logoLocation = logoLocation
    }
}

/// A typeface the site can serve from its own folder (no font is fetched from another host).
public enum Typeface: String, Sendable, Hashable, CaseIterable {
    /// The reader's own system font: nothing to download.
    case system
    /// Noto Sans, a clear humanist sans-serif.
    case sans
    /// Noto Serif, a calm book serif.
    case serif
}

/// Reads `brand:`.
enum BrandRecord {
    static let fields = ["colour", "logo", "typeface"]
    static let logoExtensions = ["svg", "png", "jpg", "jpeg", "webp"]

    static func read(_ map: MapReader) -> Brand? {
        guard let brand = map.nested("brand", required: false, allowed: fields,
                                     example: "{colour: \"#5a6b2a\", logo: images/logo.svg, typeface: serif}") else {
            return nil
        }
        var result = Brand()
        if brand.has("colour") {
            // `colour: #5a6b2a` without quotes is a YAML comment: the value arrives empty.
            if let text = brand.string("colour", required: false, example: "\"#5a6b2a\"") {
                result.colour = colour(text)
                if result.colour == nil {
                    brand.reader.report(brand.value("colour"), brand.field("colour"), "\(quoted(text)) is not a colour",
                                        fix: "write a hex colour in quotes, e.g. `colour: \"#5a6b2a\"`")
                }
            } else {
                brand.reader.report(brand.value("colour") ?? brand.node, brand.field("colour"), "the colour is empty",
                                    fix: "put the colour in quotes, e.g. `colour: \"#5a6b2a\"` (an unquoted # starts a comment)")
            }
        }
        if let logo = brand.string("logo", required: false, example: "images/logo.svg") {
            let ext = logo.split(separator: ".").last.map { $0.lowercased() } ?? ""
            if logoExtensions.contains(ext) {
                result.logo = logo
                result.logoLocation = brand.location("logo")
            } else {
                brand.reader.report(brand.value("logo"), brand.field("logo"), "\(quoted(logo)) is not a web image",
                                    fix: "use an SVG, PNG, JPEG or WebP file, e.g. `logo: images/logo.svg`")
            }
        }
        if let name = brand.string("typeface", required: false, example: "serif") {
            if let typeface = Typeface(rawValue: name) {
                result.typeface = typeface
            } else {
                let names = Typeface.allCases.map(\.rawValue)
                let fix = closestMatch(to: name, in: names).map { "did you mean `\($0)`?" }
                    ?? "choose one of the bundled typefaces: \(names.joined(separator: ", "))"
                brand.reader.report(brand.value("typeface"), brand.field("typeface"), "no bundled typeface \(quoted(name))", fix: fix)
            }
        }
        return result
    }

    /// `#rgb` or `#rrggbb` as `#rrggbb` lower case, or nil.
    static func colour(_ text: String) -> String? {
        guard text.hasPrefix("#") else { return nil }
        let hex = text.dropFirst().lowercased()
        guard hex.allSatisfy({ $0.isHexDigit }) else { return nil }
        switch hex.count {
        case 6: return "#" + hex
        case 3: return "#" + hex.map { "\($0)\($0)" }.joined()
        default: return nil
        }
    }
}
