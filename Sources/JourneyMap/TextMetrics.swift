/// Text widths from Noto Sans Bold's advance widths (`GlyphWidths.swift`), padded so that the
/// phone's own sans-serif (Roboto, San Francisco, DejaVu at worst) still fits the box.
enum TextMetrics {
    /// Widths are multiplied by this: errs on wide. DejaVu Sans Bold, the widest common
    /// fallback (Linux desktops), runs 12–15% wider than Noto Sans Bold.
    static let safety = 1.16

    static func width(_ text: String, fontSize: Double) -> Double {
        var thousandths = 0
        for scalar in text.unicodeScalars {
            let value = Int(scalar.value)
            switch value {
            case 0x20...0x7E: thousandths += Int(asciiWidths[value - 0x20])
            case 0xA0...0x17F: thousandths += Int(latinWidths[value - 0xA0])
            case 0x300...0x36F, 0x200B...0x200F, 0xFE00...0xFE0F: break  // combining marks, zero widths
            case 0x2007: thousandths += Int(asciiWidths[0x30 - 0x20])  // figure space: a digit's width
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60, 0x1F300...0x1FAFF,
                 0x20000...0x3FFFD:
                thousandths += 1000
            default: thousandths += Int(fallbackWidth)
            }
        }
        return Double(thousandths) / 1000 * fontSize * safety
    }

    /// Lines of at most `maxWidth`, broken at spaces (a single word longer than that keeps its
    /// own, longer line), at most `maxLines`, the last one cut with "…" if text was left out.
    static func wrap(_ text: String, maxWidth: Double, fontSize: Double, maxLines: Int) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var lines: [String] = []
        var current = ""
        for word in words {
            let candidate = current.isEmpty ? word : current + " " + word
            if current.isEmpty || width(candidate, fontSize: fontSize) <= maxWidth {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        guard lines.count > maxLines else { return lines }
        var kept = Array(lines.prefix(maxLines))
        kept[maxLines - 1] = truncated(kept[maxLines - 1] + " " + lines[maxLines], maxWidth: maxWidth, fontSize: fontSize,
                                       force: true)
        return kept
    }

    /// The line cut to fit `maxWidth` with "…" (or with "…" anyway when `force`).
    static func truncated(_ line: String, maxWidth: Double, fontSize: Double, force: Bool = false) -> String {
        if !force, width(line, fontSize: fontSize) <= maxWidth { return line }
        var characters = Array(line)
        while !characters.isEmpty, width(String(characters) + "…", fontSize: fontSize) > maxWidth {
            characters.removeLast()
        }
        while characters.last == " " || characters.last == "," { characters.removeLast() }
        return String(characters) + "…"
    }
}
