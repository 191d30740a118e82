import Foundation
import PassportModel

/// The producer's colour and typeface as `assets/brand.css`: custom properties that `site.css`
/// reads, worked out so that text keeps WCAG AA contrast (4.5:1) whatever colour the producer picks,
/// in light and dark mode. A stylesheet file, because the pages allow no inline style.
struct BrandStyle: Sendable {
    /// Used when `passport.yaml` names no colour: a slate blue that is neither a pass nor a fail.
    static let defaultColour = RGB(hex: "#2f5d7c")!
    /// The page backgrounds the colours are checked against (as in `site.css`).
    static let paper = RGB(hex: "#ffffff")!, soft = RGB(hex: "#f4f2ec")!
    static let darkPaper = RGB(hex: "#151817")!, darkSoft = RGB(hex: "#1f2321")!
    static let white = RGB(hex: "#ffffff")!

    let css: String
    /// The brand colour darkened for white text on it (the embed card's band and link).
    let fillColour: String
    /// Font files to copy next to it: name in `assets/fonts/` → file in the bundled `Fonts/web/`.
    let fontFiles: [String]

    init(brand: Brand) {
        let base = brand.colour.flatMap(RGB.init(hex:)) ?? Self.defaultColour
        // Filled shapes with white text on them (header band, step numbers, map route).
        let fill = base.darkened(until: { $0.contrast(with: Self.white) >= 4.8 })
        // Text and links on the page's light backgrounds.
        let text = base.darkened(until: { $0.contrast(with: Self.soft) >= 4.8 && $0.contrast(with: Self.paper) >= 4.8 })
        // Text and links on the dark backgrounds.
        let darkText = base.lightened(until: { $0.contrast(with: Self.darkSoft) >= 4.8 })
        var css = "/* The producer's colour and typeface, made by passport from passport.yaml. */\n"
        css += ":root { --brand: \(base.hex); --brand-fill: \(fill.hex); --brand-text: \(text.hex); "
            + "--brand-soft: \(base.mixed(with: Self.paper, amount: 0.86).hex); "
            + "--brand-line: \(base.mixed(with: Self.paper, amount: 0.6).hex); }\n"
        css += "@media (prefers-color-scheme: dark) { :root { --brand-text: \(darkText.hex); "
            + "--brand-soft: \(base.mixed(with: Self.darkPaper, amount: 0.8).hex); "
            + "--brand-line: \(base.mixed(with: Self.darkPaper, amount: 0.5).hex); } }\n"
        var files: [String] = []
        if let face = Self.faces[brand.typeface] {
            for (suffix, range) in [("latin", Self.latinRange), ("extended", Self.extendedRange)] {
                let file = "\(face.file)-\(suffix).woff2"
                files.append(file)
                css += "@font-face { font-family: \"\(face.family)\"; font-weight: 700; font-style: normal; "
                    + "font-display: swap; src: url(\"fonts/\(file)\") format(\"woff2\"); unicode-range: \(range); }\n"
            }
            css += ":root { --heading-font: \"\(face.family)\", \(face.fallback); }\n"
        }
        self.css = css
        fillColour = fill.hex
        fontFiles = files
    }

    static let faces: [Typeface: (file: String, family: String, fallback: String)] = [
        .sans: ("noto-sans-bold", "Passport Noto Sans", "system-ui, sans-serif"),
        .serif: ("noto-serif-bold", "Passport Noto Serif", "Georgia, \"Times New Roman\", serif"),
    ]
    // As made by scripts/webfonts/make.sh.
    static let latinRange = "U+0000-017F, U+0192, U+0218-021B, U+02C6, U+02DA, U+02DC, U+2000-206F, U+20AC, U+2122, U+2190-2193, U+2212"
    static let extendedRange = "U+0180-0191, U+0193-0217, U+021C-024F, U+0259, U+02BB-02BC, U+0300-036F, U+0370-03FF, "
        + "U+0400-052F, U+1E00-1EFF, U+1F00-1FFF, U+20A0-20AB, U+20AD-20CF"
}

/// An sRGB colour with WCAG 2 contrast.
struct RGB: Sendable, Equatable {
    var r: Double, g: Double, b: Double

    init(r: Double, g: Double, b: Double) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// `#rrggbb`.
    init?(hex: String) {
        let digits = Array(hex.utf8.dropFirst())
        guard hex.hasPrefix("#"), digits.count == 6 else { return nil }
        func value(_ i: Int) -> Double? {
            guard let byte = UInt8(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            return Double(byte)
        }
        guard let r = value(0), let g = value(2), let b = value(4) else { return nil }
        self.init(r: r, g: g, b: b)
    }

    var hex: String {
        let digits = Array("0123456789abcdef")
        return "#" + [r, g, b].map { channel -> String in
            let byte = Int(min(255, max(0, channel.rounded())))
            return String(digits[byte >> 4]) + String(digits[byte & 15])
        }.joined()
    }

    /// WCAG 2 relative luminance.
    var luminance: Double {
        func linear(_ channel: Double) -> Double {
            let c = min(255, max(0, channel.rounded())) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    func contrast(with other: RGB) -> Double {
        let a = luminance, b = other.luminance
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// `amount` of the way towards `other`.
    func mixed(with other: RGB, amount: Double) -> RGB {
        RGB(r: r + (other.r - r) * amount, g: g + (other.g - g) * amount, b: b + (other.b - b) * amount)
    }

    /// Mixed towards black in small steps until `good` holds (black itself at worst).
    func darkened(until good: (RGB) -> Bool) -> RGB {
        stepped(towards: RGB(r: 0, g: 0, b: 0), until: good)
    }

    /// Mixed towards white in small steps until `good` holds (white itself at worst).
    func lightened(until good: (RGB) -> Bool) -> RGB {
        stepped(towards: RGB(r: 255, g: 255, b: 255), until: good)
    }

    private func stepped(towards target: RGB, until good: (RGB) -> Bool) -> RGB {
        for step in 0...50 {
            let candidate = mixed(with: target, amount: Double(step) / 50)
            if good(candidate) { return RGB(hex: candidate.hex) ?? candidate }
        }
        return target
    }
}
