/// Picks the language a reader asked for with `Accept-Language` (RFC 9110 §12.5.4) among those a
/// page exists in.
enum AcceptLanguage {
    /// The best of `offered` (language tags such as `en`, `it`) for `header`; `nil` when the header
    /// names none of them (the caller then uses the site's default language).
    ///
    /// A range matches a tag equal to it or to its first subtag (`it-CH` matches `it`); `*` matches
    /// the first offered language; `q=0` excludes. Ties keep the header's order.
    static func best(_ header: String?, offered: [String]) -> String? {
        guard let header, !header.isEmpty, !offered.isEmpty else { return nil }
        var ranges: [(tag: String, quality: Double, order: Int)] = []
        for (order, part) in header.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";")
            guard let first = pieces.first else { continue }
            let tag = first.trimmingWhitespace().lowercased()
            guard !tag.isEmpty else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() {
                let pair = parameter.trimmingWhitespace()
                if pair.lowercased().hasPrefix("q="), let value = Double(pair.dropFirst(2)) {
                    quality = min(max(value, 0), 1)
                }
            }
            ranges.append((tag, quality, order))
        }
        let lowered = offered.map { $0.lowercased() }
        for range in ranges.sorted(by: { ($0.quality, -$0.order) > ($1.quality, -$1.order) }) where range.quality > 0 {
            if range.tag == "*" { return offered[0] }
            if let index = lowered.firstIndex(of: range.tag) { return offered[index] }
            let primary = range.tag.split(separator: "-").first.map(String.init) ?? range.tag
            if let index = lowered.firstIndex(of: primary) { return offered[index] }
        }
        return nil
    }
}

private extension Substring {
    func trimmingWhitespace() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
