/// Certification marks as short text badges: outlined rounded boxes in rows, fitted like text —
/// shrunk to the minimum size, then wrapped onto more rows, then cut down to "+N" for the rest.
struct FittedBadges: Sendable {
    struct Badge: Sendable {
        /// Outer box in points on the label.
        var frame: Rect
        var line: FittedLine
    }

    var size: Double
    var badges: [Badge]
    var fit: TextFit
    var missing: String
    var ascent: Double
    var descent: Double
}

enum BadgeFitter {
    static func fit(_ names: [String], style: FieldStyle, box: Rect, metrics: FontMetrics) -> FittedBadges {
        let units = metrics.unitsPerEm
        let shaped = names.map { ShapedText($0, metrics: metrics) }
        let texts = shaped.map { $0.paragraphs.flatMap { $0 } }.filter { !$0.isEmpty }
        let ascent = shaped.map(\.ascent).max() ?? metrics.ascent
        let descent = shaped.map(\.descent).max() ?? metrics.descent
        let missing = String(String.UnicodeScalarView(Set(shaped.flatMap { $0.missing.unicodeScalars }).sorted()))
        let padding = style.padding.points(side: box.width)
        let gap = style.gap.points(side: box.width)

        func badgeHeight(_ size: Double) -> Double { (ascent + descent) / units * size + padding }
        func badgeWidth(_ text: [ShapedText.Item], _ size: Double) -> Double {
            TextFitter.width(of: text[...]) / units * size + 2 * padding
        }
        func rowsAllowed(_ size: Double) -> Int {
            let height = badgeHeight(size)
            guard box.height >= height - 0.001 else { return 0 }
            return min(style.maxLines, Int(((box.height + gap) / (height + gap)).rounded(.down) + 1e-9))
        }
        /// Greedy rows of badge indices; nil if one badge is wider than the box.
        func rows(_ items: [[ShapedText.Item]], _ size: Double) -> [[Int]]? {
            var rows: [[Int]] = []
            var used = 0.0
            for (index, text) in items.enumerated() {
                let width = badgeWidth(text, size)
                if width > box.width + 0.001 { return nil }
                if let last = rows.indices.last, used + gap + width <= box.width + 0.001 {
                    rows[last].append(index)
                    used += gap + width
                } else {
                    rows.append([index])
                    used = width
                }
            }
            return rows
        }
        func result(_ size: Double, _ items: [[ShapedText.Item]], _ rows: [[Int]], _ fit: TextFit) -> FittedBadges {
            let height = badgeHeight(size)
            let block = Double(rows.count) * height + Double(max(rows.count - 1, 0)) * gap
            var y = box.y
            switch style.verticalAlign {
            case .top: break
            case .center: y += (box.height - block) / 2
            case .bottom: y += box.height - block
            }
            var badges: [FittedBadges.Badge] = []
            for row in rows {
                let widths = row.map { badgeWidth(items[$0], size) }
                let total = widths.reduce(0, +) + gap * Double(row.count - 1)
                var x = box.x
                switch style.align {
                case .left: break
                case .center: x += (box.width - total) / 2
                case .right: x += box.width - total
                }
                for (index, width) in zip(row, widths) {
                    badges.append(.init(frame: Rect(x: x, y: y, width: width, height: height),
                                        line: TextFitter.makeLine(items[index])))
                    x += width + gap
                }
                y += height + gap
            }
            return FittedBadges(size: size, badges: badges, fit: fit, missing: missing, ascent: ascent, descent: descent)
        }
        guard !texts.isEmpty else { return result(style.size, [], [], .fits) }

        var sizes: [Double] = []
        var candidate = style.size
        while candidate > style.minSize + 0.001 { sizes.append(candidate); candidate -= TextFitter.sizeStep }
        sizes.append(style.minSize)

        for size in sizes where rowsAllowed(size) >= 1 {
            if let rows = rows(texts, size), rows.count == 1 {
                return result(size, texts, rows, size == style.size ? .fits : .shrunk(size: size))
            }
        }
        for size in sizes {
            if let rows = rows(texts, size), rows.count <= rowsAllowed(size) {
                return result(size, texts, rows, .wrapped(lines: rows.count, size: size))
            }
        }
        // Cut: shorten badges wider than the box, then drop badges from the end behind "+N".
        let size = style.minSize
        let allowed = rowsAllowed(size)
        guard allowed > 0 else { return result(size, [], [], .ellipsised(size: size)) }
        let maxText = (box.width - 2 * padding) * units / size
        let ellipsis = TextFitter.ellipsisItems(metrics)
        var items = texts.map { text -> [ShapedText.Item] in
            guard TextFitter.width(of: text[...]) > maxText else { return text }
            var cut = text
            while !cut.isEmpty && TextFitter.width(of: (cut + ellipsis)[...]) > maxText { cut.removeLast() }
            return cut + ellipsis
        }
        var shown = items.count
        while shown > 0 {
            var candidate = Array(items[0..<shown])
            if shown < items.count {
                let more = "+\(items.count - shown)".unicodeScalars.map {
                    ShapedText.Item(glyph: metrics.glyph($0) ?? metrics.notdef, scalar: $0)
                }
                candidate.append(more)
            }
            if let rows = rows(candidate, size), rows.count <= allowed {
                items = candidate
                return result(size, items, rows, .ellipsised(size: size))
            }
            shown -= 1
        }
        return result(size, [], [], .ellipsised(size: size))
    }
}
