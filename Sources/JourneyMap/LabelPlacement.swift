/// Places one label beside each marker so that no label touches another label, a marker, a
/// line of the route, the inset or the scale bar, or the drawing's edge.
///
/// Candidates are tried around each marker (right, left, the diagonals, above, below, and
/// shifted variants), then farther out with a leader line, then with the text wrapped
/// narrower or cut short. Markers with the fewest free candidates go first (greedy); then
/// passes move each label to a cheaper free place, or trade places with the one label in
/// its way when that lowers the total cost, which also places labels the greedy pass left
/// out. Same input, same placement: there is no randomness.
struct LabelPlacer {
    /// A label's text in one of its forms.
    struct Text {
        var lines: [String]
        /// Extra cost of this form (a narrower wrap, a cut).
        var cost: Double
        /// One line per place: aligned at the start wherever the box sits.
        var isList = false
    }

    struct Item {
        var anchor: MapPoint
        var marker: MapRect
        var texts: [Text]
    }

    /// How a label's lines are aligned in its box.
    enum Alignment: Sendable { case start, middle, end }

    struct Placement {
        var box: MapRect
        var lines: [String]
        var alignment: Alignment
        var leader: MapSegment?
        var cost: Double
    }

    static let fontSize = 22.0
    static let lineHeight = 25.0
    /// From a line's top to its baseline.
    static let baseline = 18.0
    static let padding = 3.0
    static let gap = 4.0

    var bounds: MapRect
    var markers: [MapRect]
    var route: [MapSegment]
    /// Half the route's drawn width plus a little air.
    var routeClearance: Double
    var reserved: [MapRect]

    func place(_ items: [Item]) -> [Placement?] {
        let candidates = items.indices.map { index in
            self.candidates(for: items[index]).filter { isFree($0, markerIndex: index) }.sorted { $0.cost < $1.cost }
        }
        let order = items.indices.sorted { (candidates[$0].count, $0) < (candidates[$1].count, $1) }
        var choice = [Int?](repeating: nil, count: items.count)
        let unplaced = 1_000.0

        func cost(_ item: Int) -> Double { choice[item].map { candidates[item][$0].cost } ?? unplaced }
        func clear(_ placement: Placement, ignoring: Set<Int>) -> Bool {
            choice.indices.allSatisfy { other in
                ignoring.contains(other) || choice[other].map { !Self.conflict(placement, candidates[other][$0]) } ?? true
            }
        }
        /// Moves `item` to candidate `k` if that lowers the total cost, moving the one label in
        /// the way (if any) to its cheapest free alternative.
        func improve(_ item: Int, to k: Int) -> Bool {
            let placement = candidates[item][k]
            let blockers = choice.indices.filter { other in
                other != item && choice[other].map { Self.conflict(placement, candidates[other][$0]) } == true
            }
            if blockers.isEmpty {
                choice[item] = k
                return true
            }
            guard blockers.count == 1, let blocker = blockers.first else { return false }
            for (m, alternative) in candidates[blocker].enumerated() where m != choice[blocker] {
                guard !Self.conflict(alternative, placement), clear(alternative, ignoring: [blocker, item]) else { continue }
                guard placement.cost + alternative.cost < cost(item) + cost(blocker) else { return false }
                choice[item] = k
                choice[blocker] = m
                return true
            }
            return false
        }

        // Greedy, hardest first; then passes that place what is left and trade labels into
        // cheaper places, until nothing changes.
        for item in order {
            choice[item] = candidates[item].indices.first { clear(candidates[item][$0], ignoring: [item]) }
        }
        for _ in 0..<8 {
            var changed = false
            for item in order {
                for k in candidates[item].indices {
                    guard candidates[item][k].cost < cost(item) else { break }
                    if improve(item, to: k) {
                        changed = true
                        break
                    }
                }
            }
            if !changed { break }
        }
        return choice.indices.map { item in choice[item].map { candidates[item][$0] } }
    }

    static func size(of lines: [String]) -> (width: Double, height: Double) {
        let width = lines.map { TextMetrics.width($0, fontSize: fontSize) }.max() ?? 0
        return (width + 2 * padding, Double(lines.count) * lineHeight + 2 * padding)
    }

    /// Boxes around a marker, with their cost (lower is better).
    func candidates(for item: Item) -> [Placement] {
        var result: [Placement] = []
        let c = item.anchor, m = item.marker
        let ringExtras: [(distance: Double, cost: Double)] = [(0, 0), (22, 5), (46, 7), (72, 9), (100, 11)]
        for text in item.texts {
            let (w, h) = Self.size(of: text.lines)
            for ring in ringExtras {
                let g = Self.gap + ring.distance
                let dx = m.width / 2 * 0.75 + g, dy = m.height / 2 * 0.75 + g
                let half = Self.lineHeight / 2 + Self.padding
                var boxes: [(MapRect, Alignment, Double)] = [
                    (MapRect(x: m.maxX + g, y: c.y - h / 2, width: w, height: h), .start, 0),
                    (MapRect(x: m.x - g - w, y: c.y - h / 2, width: w, height: h), .end, 0.6),
                    (MapRect(x: c.x + dx, y: c.y - dy - h, width: w, height: h), .start, 1.0),
                    (MapRect(x: c.x + dx, y: c.y + dy, width: w, height: h), .start, 1.3),
                    (MapRect(x: c.x - dx - w, y: c.y - dy - h, width: w, height: h), .end, 1.5),
                    (MapRect(x: c.x - dx - w, y: c.y + dy, width: w, height: h), .end, 1.8),
                    (MapRect(x: c.x - w / 2, y: m.y - g - h, width: w, height: h), .middle, 2.0),
                    (MapRect(x: c.x - w / 2, y: m.maxY + g, width: w, height: h), .middle, 2.2),
                ]
                if text.lines.count > 1 {
                    // Beside the marker with the first or last line level with it.
                    boxes += [
                        (MapRect(x: m.maxX + g, y: c.y - half, width: w, height: h), .start, 0.3),
                        (MapRect(x: m.maxX + g, y: c.y + half - h, width: w, height: h), .start, 0.4),
                        (MapRect(x: m.x - g - w, y: c.y - half, width: w, height: h), .end, 0.9),
                        (MapRect(x: m.x - g - w, y: c.y + half - h, width: w, height: h), .end, 1.0),
                    ]
                }
                // Above and below, slid sideways.
                boxes += [
                    (MapRect(x: c.x - m.width / 2, y: m.y - g - h, width: w, height: h), .start, 2.4),
                    (MapRect(x: c.x + m.width / 2 - w, y: m.y - g - h, width: w, height: h), .end, 2.5),
                    (MapRect(x: c.x - m.width / 2, y: m.maxY + g, width: w, height: h), .start, 2.6),
                    (MapRect(x: c.x + m.width / 2 - w, y: m.maxY + g, width: w, height: h), .end, 2.7),
                ]
                // Finer slides, for tight spots between lines of the route.
                for fraction in [0.2, 0.35, 0.65, 0.8] {
                    let x = c.x + m.width / 2 - fraction * (w + m.width)
                    boxes += [
                        (MapRect(x: x, y: m.y - g - h, width: w, height: h), .middle, 2.8),
                        (MapRect(x: x, y: m.maxY + g, width: w, height: h), .middle, 2.9),
                    ]
                    if h > 2 * half {
                        let slid = c.y - fraction * h
                        boxes += [
                            (MapRect(x: m.maxX + g, y: slid, width: w, height: h), .start, 0.5),
                            (MapRect(x: m.x - g - w, y: slid, width: w, height: h), .end, 1.1),
                        ]
                    }
                }
                for (box, alignment, cost) in boxes {
                    let leader = ring.distance > 0 ? Self.leader(from: c, marker: m, to: box) : nil
                    result.append(Placement(box: box, lines: text.lines, alignment: text.isList ? .start : alignment, leader: leader,
                                            cost: cost + ring.cost + text.cost + ambiguity(box, own: item)))
                }
            }
        }
        return result
    }

    /// A penalty when the box sits nearer another marker than its own.
    private func ambiguity(_ box: MapRect, own item: Item) -> Double {
        let own = box.distance(to: item.anchor)
        for marker in markers where marker != item.marker {
            if box.distance(to: MapPoint(x: marker.midX, y: marker.midY)) < own { return 3 }
        }
        return 0
    }

    /// A line from the marker's edge to the nearest point of the box.
    static func leader(from center: MapPoint, marker: MapRect, to box: MapRect) -> MapSegment {
        let end = box.nearest(to: center)
        let dx = end.x - center.x, dy = end.y - center.y
        let length = max((dx * dx + dy * dy).squareRoot(), 1e-9)
        let radius = min(marker.width, marker.height) / 2 + 1
        return MapSegment(from: MapPoint(x: center.x + dx / length * radius, y: center.y + dy / length * radius), to: end)
    }

    /// Free of the drawing's edge, every marker, the route and the reserved boxes.
    func isFree(_ placement: Placement, markerIndex: Int) -> Bool {
        let box = placement.box
        guard bounds.contains(box) else { return false }
        if markers.contains(where: { $0.intersects(box.expanded(by: 1)) }) { return false }
        let thick = box.expanded(by: routeClearance)
        if route.contains(where: { thick.intersects($0) }) { return false }
        if reserved.contains(where: { $0.intersects(box) }) { return false }
        if let leader = placement.leader {
            let others = markers.indices.filter { $0 != markerIndex }
            if others.contains(where: { markers[$0].expanded(by: 2).intersects(leader) }) { return false }
            if reserved.contains(where: { $0.intersects(leader) }) { return false }
            if route.contains(where: { Self.cross(leader, $0) }) { return false }
        }
        return true
    }

    /// Whether two labels (with their leaders) are in each other's way.
    static func conflict(_ a: Placement, _ b: Placement) -> Bool {
        if a.box.expanded(by: 2).intersects(b.box) { return true }
        if let leader = a.leader, b.box.expanded(by: 1).intersects(leader) { return true }
        if let leader = b.leader, a.box.expanded(by: 1).intersects(leader) { return true }
        if let first = a.leader, let second = b.leader, cross(first, second) { return true }
        return false
    }

    /// Whether two segments cross or touch.
    static func cross(_ a: MapSegment, _ b: MapSegment) -> Bool {
        func orientation(_ p: MapPoint, _ q: MapPoint, _ r: MapPoint) -> Double {
            (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x)
        }
        func within(_ p: MapPoint, _ q: MapPoint, _ r: MapPoint) -> Bool {
            min(p.x, q.x) <= r.x && r.x <= max(p.x, q.x) && min(p.y, q.y) <= r.y && r.y <= max(p.y, q.y)
        }
        let d1 = orientation(b.from, b.to, a.from), d2 = orientation(b.from, b.to, a.to)
        let d3 = orientation(a.from, a.to, b.from), d4 = orientation(a.from, a.to, b.to)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        return (d1 == 0 && within(b.from, b.to, a.from)) || (d2 == 0 && within(b.from, b.to, a.to))
            || (d3 == 0 && within(a.from, a.to, b.from)) || (d4 == 0 && within(a.from, a.to, b.to))
    }
}
