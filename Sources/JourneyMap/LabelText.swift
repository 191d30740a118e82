import Foundation

/// What a marker's label says, in the forms the placer may choose from, best first.
enum LabelText {
    /// Starts a line that continues the name above it; drawn as an indent, never as text.
    static let indent = "\u{2007}"

    /// Widths in ems of the label font: the usual wrap, a narrower one, and the last resort
    /// of one cut line.
    static let wrapWidths = (wide: 11.5, list: 14.0, narrow: 8.0, narrowest: 5.5, cut: 6.0, listCut: 9.0)

    /// One place: its name, wrapped. Several names at one marker: one per line, numbered
    /// when this batch's steps are among them, and a shared town written once on top
    /// ("Montalcino", "1 Podere Rossi", "4 Frantoio Cooperativo"). Narrower and cut forms
    /// cost more. Empty when no step has a name.
    static func forms(_ steps: [(step: MapStep, isMain: Bool)]) -> [LabelPlacer.Text] {
        var entries: [(label: String, numbers: [Int])] = []
        for (step, isMain) in steps {
            let label = step.label.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard !label.isEmpty else { continue }
            if let index = entries.firstIndex(where: { $0.label == label }) {
                if isMain { entries[index].numbers.append(step.number) }
            } else {
                entries.append((label, isMain ? [step.number] : []))
            }
        }
        let size = LabelPlacer.fontSize
        let wide = wrapWidths.wide * size, narrow = wrapWidths.narrow * size, cut = wrapWidths.cut * size
        guard entries.count > 1 else {
            guard let label = entries.first?.label else { return [] }
            return [LabelPlacer.Text(lines: TextMetrics.wrap(label, maxWidth: wide, fontSize: size, maxLines: 3), cost: 0),
                    LabelPlacer.Text(lines: TextMetrics.wrap(label, maxWidth: narrow, fontSize: size, maxLines: 4), cost: 1.5),
                    LabelPlacer.Text(lines: TextMetrics.wrap(label, maxWidth: wrapWidths.narrowest * size, fontSize: size,
                                                             maxLines: 4), cost: 3),
                    LabelPlacer.Text(lines: [TextMetrics.truncated(label, maxWidth: cut, fontSize: size)], cost: 14)]
        }
        var header: [String] = []
        let split = entries.map { entry -> (name: String, town: String)? in
            guard let comma = entry.label.range(of: ", ", options: .backwards) else { return nil }
            let name = String(entry.label[..<comma.lowerBound]), town = String(entry.label[comma.upperBound...])
            return name.isEmpty || town.isEmpty ? nil : (name, town)
        }
        if let town = split.first??.town, split.allSatisfy({ $0?.town == town }) {
            header = [town]
            for index in entries.indices { entries[index].label = split[index]?.name ?? entries[index].label }
        }
        var named = entries.map { $0.numbers.isEmpty ? $0.label : MapComposer.markerText($0.numbers) + " " + $0.label }
        if named.count > 8 { named = Array(named.prefix(7)) + ["+\(named.count - 7)"] }
        let perEntry = named.count == 2 ? 2 : 1
        func lines(_ width: Double) -> [String] {
            // A name's second line is indented under it.
            header.map { TextMetrics.truncated($0, maxWidth: width, fontSize: size) }
                + named.flatMap { name in
                    TextMetrics.wrap(name, maxWidth: width, fontSize: size, maxLines: perEntry).enumerated()
                        .map { $0 == 0 ? $1 : indent + $1 }
                }
        }
        return [LabelPlacer.Text(lines: lines(wrapWidths.list * size), cost: 0, isList: true),
                LabelPlacer.Text(lines: lines(narrow), cost: 3, isList: true),
                LabelPlacer.Text(lines: (header + named).map { TextMetrics.truncated($0, maxWidth: wrapWidths.listCut * size, fontSize: size) },
                                 cost: 14, isList: true)]
    }
}
