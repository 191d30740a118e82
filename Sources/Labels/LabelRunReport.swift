public import Foundation
public import QRCode

/// What a label run produced, and which labels needed their text adjusted to fit.
public struct LabelRunReport: Sendable {
    public var template: String
    public var labelCount: Int
    /// PDF pages written (0 without a PDF).
    public var pageCount: Int
    public var errorCorrection: QRErrorCorrection
    /// Smallest and largest QR version in the run.
    public var codeVersions: ClosedRange<Int>
    /// Smallest and largest module size, in mm.
    public var moduleMillimetres: ClosedRange<Double>
    /// Fields whose text was shrunk, wrapped or cut, or had characters the font lacks.
    public var textAdjustments: [TextAdjustment]
    /// The files and folders written.
    public var outputs: [URL]

    /// A few lines for a terminal.
    public var summary: String {
        var lines = ["\(labelCount) label\(labelCount == 1 ? "" : "s") on '\(template)'"
            + (pageCount > 0 ? ", \(pageCount) page\(pageCount == 1 ? "" : "s")" : "")
            + "; QR version \(range(codeVersions)) at \(errorCorrection), modules \(range(moduleMillimetres)) mm"]
        for adjustment in textAdjustments { lines.append("  " + adjustment.description) }
        for output in outputs { lines.append("  wrote " + output.path) }
        return lines.joined(separator: "\n")
    }

    private func range(_ versions: ClosedRange<Int>) -> String {
        versions.lowerBound == versions.upperBound ? "\(versions.lowerBound)" : "\(versions.lowerBound)–\(versions.upperBound)"
    }

    private func range(_ sizes: ClosedRange<Double>) -> String {
        let low = format(sizes.lowerBound, decimals: 3), high = format(sizes.upperBound, decimals: 3)
        return low == high ? low : "\(low)–\(high)"
    }
}

/// One field text that had to be adjusted, and on which labels.
public struct TextAdjustment: Sendable, Hashable, CustomStringConvertible {
    public var field: LabelField
    public var text: String
    public var fit: TextFit
    /// Characters the font has no glyph for, drawn as empty boxes.
    public var missingCharacters: String
    /// Label numbers (1-based), as ranges.
    public var labels: [ClosedRange<Int>]

    public var labelCount: Int { labels.reduce(0) { $0 + $1.count } }

    public var description: String {
        var parts: [String] = []
        if fit != .fits { parts.append(fit.description) }
        if !missingCharacters.isEmpty { parts.append("no glyph in the font for \"\(missingCharacters)\"") }
        let shown = labels.prefix(5).map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" }
        let list = shown.joined(separator: ", ") + (labels.count > 5 ? ", …" : "")
        let flat = text.replacingOccurrences(of: "\n", with: " / ")
        let quoted = flat.count > 40 ? String(flat.prefix(39)) + "…" : flat
        return "\(field) \"\(quoted)\": \(parts.joined(separator: "; ")) (label\(labelCount == 1 ? "" : "s") \(list))"
    }
}

/// Collects field fits label by label into ranges, so memory does not grow with the run.
struct AdjustmentCollector {
    private struct Key: Hashable {
        var field: LabelField
        var text: String
        var fit: TextFit
        var missing: String
    }

    private var entries: [Key: [ClosedRange<Int>]] = [:]
    private var order: [Key] = []

    mutating func add(_ fits: [FieldFit], label: Int) {
        for fit in fits {
            let key = Key(field: fit.field, text: fit.text, fit: fit.fit, missing: fit.missing)
            if var ranges = entries[key] {
                if let last = ranges.last, last.upperBound == label - 1 {
                    ranges[ranges.count - 1] = last.lowerBound...label
                } else {
                    ranges.append(label...label)
                }
                entries[key] = ranges
            } else {
                // Per-label texts (serials) that each need adjusting would make one entry per
                // label; keep the first thousand, which is plenty to act on.
                guard order.count < 1000 else { continue }
                entries[key] = [label...label]
                order.append(key)
            }
        }
    }

    var adjustments: [TextAdjustment] {
        order.map { key in
            TextAdjustment(field: key.field, text: key.text, fit: key.fit, missingCharacters: key.missing,
                           labels: entries[key] ?? [])
        }
    }
}
