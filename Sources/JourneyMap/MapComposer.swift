/// Lays out a journey map: the view, the markers, the route, the inset, the scale bar and the
/// labels; `SVGDocument` then writes it.
struct MapComposer {
    let base: BaseMap
    let options: MapOptions

    /// A step with its longitude unwrapped along the journey, in Mercator degrees.
    struct Place {
        var step: MapStep
        var isMain: Bool
        var x: Double
        var y: Double
    }

    /// Places drawn as one marker; or, `atEdge`, where the leg from an upstream place off the
    /// map comes in, named after that place.
    struct Cluster {
        var anchor: MapPoint
        var members: [Int]
        var atEdge = false
    }

    static let markerRadius = 14.0
    static let clusterDistance = 26.0
    static let routeClearance = 4.0

    func compose(steps: [MapStep], upstream: [[MapStep]]) -> MapSVG? {
        let (main, journeys) = Self.unwrap(steps: steps, upstream: upstream)
        guard let first = main.first else { return nil }
        let places = main + journeys.flatMap { $0 }
        // Legs as pairs of place indices.
        var legs: [(Int, Int, main: Bool)] = main.indices.dropFirst().map { ($0 - 1, $0, true) }
        var offset = main.count
        for journey in journeys where !journey.isEmpty {
            for index in journey.indices.dropFirst() { legs.append((offset + index - 1, offset + index, false)) }
            legs.append((offset + journey.count - 1, 0, false))
            offset += journey.count
        }
        let countries = focusCountries(places)
        func extent(_ places: [Place]) -> (minX: Double, maxX: Double, minY: Double, maxY: Double) {
            (minX: places.map(\.x).min() ?? first.x, maxX: places.map(\.x).max() ?? first.x,
             minY: places.map(\.y).min() ?? first.y, maxY: places.map(\.y).max() ?? first.y)
        }
        var content = extent(places)
        let w = options.width, h = options.height
        let centerLatitude = Mercator.latitude(y: (content.minY + content.maxY) / 2)
        let minimumWidth = options.minimumWidthKilometres / Mercator.kilometresPerUnit(latitude: centerLatitude)
        let padding = (x: (w * 0.16).rounded(), y: (h * 0.14).rounded())
        var inner = MapRect(x: padding.x, y: padding.y, width: w - 2 * padding.x, height: h - 2 * padding.y)
        // Upstream places that would shrink this batch's own map by more than a sixth are left
        // off it: their legs run off the edge, named where they leave.
        let own = extent(main)
        let ownScale = Viewport.fitting(own, inner: inner, width: w, height: h, minimumWidth: minimumWidth).scale
        if Viewport.fitting(content, inner: inner, width: w, height: h, minimumWidth: minimumWidth).scale < ownScale * 0.85 {
            content = own
        }
        var layout = Layout(composer: self, places: places, legs: legs, content: content, inner: inner,
                            minimumWidth: minimumWidth, countries: countries)
        if options.showsInset, layout.inset == nil, let size = layout.insetSize {
            // No corner is free: keep the journey out of a strip for the inset, on the side
            // that costs the least scale, and lay out again.
            let beside = MapRect(x: inner.x, y: inner.y, width: w - inner.x - size.width - 16, height: inner.height)
            let below = MapRect(x: inner.x, y: size.height + 16, width: inner.width, height: h - inner.y - size.height - 16)
            let spanX = max(content.maxX - content.minX, 1e-9), spanY = max(content.maxY - content.minY, 1e-9)
            let scaleBeside = min(beside.width / spanX, beside.height / spanY)
            let scaleBelow = min(below.width / spanX, below.height / spanY)
            inner = scaleBeside >= scaleBelow ? beside : below
            if inner.width > 0, inner.height > 0 {
                layout = Layout(composer: self, places: places, legs: legs, content: content, inner: inner,
                                minimumWidth: minimumWidth, countries: countries)
            }
        }
        return SVGDocument(composer: self, layout: layout, places: places, countries: countries).map
    }

    /// This batch's places with continuous longitudes, and each upstream journey unwrapped
    /// backwards from this batch's first place, which it leads to.
    static func unwrap(steps: [MapStep], upstream: [[MapStep]]) -> (main: [Place], upstream: [[Place]]) {
        func usable(_ step: MapStep) -> Bool { step.latitude.isFinite && step.longitude.isFinite }
        func place(_ step: MapStep, main: Bool, longitude: Double) -> Place {
            Place(step: step, isMain: main, x: longitude, y: Mercator.y(latitude: min(max(step.latitude, -90), 90)))
        }
        var main: [Place] = []
        for step in steps where usable(step) {
            let longitude = main.last.map { Unwrap.near(step.longitude, $0.x) } ?? Unwrap.normalized(step.longitude)
            main.append(place(step, main: true, longitude: longitude))
        }
        guard let first = main.first else { return ([], []) }
        let journeys: [[Place]] = upstream.map { journey in
            var places: [Place] = []
            var next = first.x
            for step in journey.reversed() where usable(step) {
                let longitude = Unwrap.near(step.longitude, next)
                places.insert(place(step, main: false, longitude: longitude), at: 0)
                next = longitude
            }
            return places
        }
        return (main, journeys)
    }

    /// The countries the places lie in (indices, the same in both layers), in order of first
    /// appearance.
    func focusCountries(_ places: [Place]) -> [Int] {
        var indices: [Int] = []
        for place in places {
            guard let index = base.detail.countryIndex(latitude: place.step.latitude, longitude: place.step.longitude),
                  !indices.contains(index) else { continue }
            indices.append(index)
        }
        return indices
    }

    /// The detailed layer unless its coarse twin is within a unit at this scale.
    func layer(forScale scale: Double) -> MapLayer {
        scale < 13 ? base.coarse : base.detail
    }

    /// The numbers a marker shows: runs of three or more as ranges ("1–3·5").
    static func markerText(_ numbers: [Int]) -> String {
        let sorted = Array(Set(numbers)).sorted()
        var parts: [String] = []
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count, sorted[end + 1] == sorted[end] + 1 { end += 1 }
            if end - index >= 2 {
                parts.append("\(sorted[index])–\(sorted[end])")
            } else {
                parts += sorted[index...end].map(String.init)
            }
            index = end + 1
        }
        return parts.joined(separator: "·")
    }
}

/// Everything placed on the drawing for one choice of view.
struct Layout {
    let viewport: Viewport
    let clusters: [MapComposer.Cluster]
    let markers: [MapRect]
    let markerTexts: [String]
    let route: [(MapSegment, main: Bool)]
    /// Upstream places beyond the map's edge.
    let offMap: [MapStep]
    let inset: Inset?
    /// The inset's size when one is wanted, placed or not.
    let insetSize: (width: Double, height: Double)?
    let scaleBar: ScaleBar?

    init(composer: MapComposer, places: [MapComposer.Place], legs: [(Int, Int, main: Bool)],
         content: (minX: Double, maxX: Double, minY: Double, maxY: Double), inner: MapRect, minimumWidth: Double,
         countries: [Int]) {
        let options = composer.options
        let viewport = Viewport.fitting(content, inner: inner, width: options.width, height: options.height,
                                        minimumWidth: minimumWidth)
        self.viewport = viewport
        let points = places.map { viewport.project(longitude: $0.x, mercatorY: $0.y) }
        // Only upstream places can be off the map; their legs run to the edge.
        let drawing = MapRect(x: 0, y: 0, width: options.width, height: options.height)
        let onMap = places.indices.filter { places[$0].isMain || drawing.expanded(by: -8).contains(points[$0]) }
        offMap = places.indices.filter { !onMap.contains($0) }.map { places[$0].step }
        let (groups, clustered, markers, texts) = Self.cluster(onMap.map { points[$0] }, places: onMap.map { places[$0] })
        var clusterOf = [Int?](repeating: nil, count: places.count)
        for (position, index) in onMap.enumerated() { clusterOf[index] = clustered[position] }
        var all = groups.map { MapComposer.Cluster(anchor: $0.anchor, members: $0.members.map { onMap[$0] }) }
        var boxes = markers, numbers = texts
        let entry = drawing.expanded(by: -14)
        for leg in legs where (clusterOf[leg.0] == nil) != (clusterOf[leg.1] == nil) {
            let (outside, inside) = clusterOf[leg.0] == nil ? (leg.0, leg.1) : (leg.1, leg.0)
            guard let inner = entry.clip(MapSegment(from: points[outside], to: points[inside])),
                  !all.contains(where: { $0.atEdge && $0.members == [outside] }) else { continue }
            all.append(MapComposer.Cluster(anchor: inner.from, members: [outside], atEdge: true))
            boxes.append(MapRect(x: inner.from.x - 5, y: inner.from.y - 5, width: 10, height: 10))
            numbers.append("")
        }
        clusters = all
        self.markers = boxes
        markerTexts = numbers
        var route: [(MapSegment, main: Bool)] = []
        var seen: Set<[Int]> = []
        for leg in legs {
            let a = clusterOf[leg.0] ?? -1 - leg.0, b = clusterOf[leg.1] ?? -1 - leg.1
            guard a != b, seen.insert([min(a, b), max(a, b), leg.main ? 1 : 0]).inserted else { continue }
            let segment = MapSegment(from: a >= 0 ? groups[a].anchor : points[leg.0], to: b >= 0 ? groups[b].anchor : points[leg.1])
            guard drawing.intersects(segment) else { continue }
            route.append((segment, leg.main))
        }
        self.route = route
        // The inset, in the first free corner.
        let wanted = options.showsInset ? Inset.extent(composer: composer, viewport: viewport, countries: countries) : nil
        insetSize = wanted.map { Inset.size(of: $0, options: options) }
        var inset: Inset?
        if let extent = wanted, let size = insetSize {
            let margin = 8.0, w = options.width, h = options.height
            let corners = [MapPoint(x: w - margin - size.width, y: margin), MapPoint(x: w - margin - size.width, y: h - margin - size.height),
                           MapPoint(x: margin, y: margin), MapPoint(x: margin, y: h - margin - size.height)]
            for corner in corners {
                let frame = MapRect(x: corner.x, y: corner.y, width: size.width, height: size.height)
                let keepOut = frame.expanded(by: 6)
                guard !markers.contains(where: keepOut.intersects), !route.contains(where: { keepOut.intersects($0.0) }) else { continue }
                inset = Inset(frame: frame, extent: extent, composer: composer, main: viewport, countries: countries)
                break
            }
        }
        self.inset = inset
        var scaleBar: ScaleBar?
        if options.showsScaleBar, let bar = ScaleBar(viewport: viewport, avoiding: inset.map { [$0.frame.expanded(by: 4)] } ?? []) {
            let keepOut = bar.frame.expanded(by: 4)
            if !markers.contains(where: keepOut.intersects), !route.contains(where: { keepOut.intersects($0.0) }) { scaleBar = bar }
        }
        self.scaleBar = scaleBar
    }

    /// Places within a marker's width of an earlier one share its marker; then markers that
    /// would still overlap (a wide "1·2·4" beside a "5") are merged too, into the earlier one.
    /// Returns the clusters, each place's cluster, and each cluster's marker box and numbers.
    static func cluster(_ points: [MapPoint], places: [MapComposer.Place])
        -> ([MapComposer.Cluster], [Int], [MapRect], [String]) {
        var groups: [MapComposer.Cluster] = []
        var clusterOf: [Int] = []
        for (index, point) in points.enumerated() {
            let near = groups.indices.filter { groups[$0].anchor.distance(to: point) < MapComposer.clusterDistance }
            if let nearest = near.min(by: { groups[$0].anchor.distance(to: point) < groups[$1].anchor.distance(to: point) }) {
                groups[nearest].members.append(index)
                clusterOf.append(nearest)
            } else {
                clusterOf.append(groups.count)
                groups.append(MapComposer.Cluster(anchor: point, members: [index]))
            }
        }
        func marker(_ cluster: MapComposer.Cluster) -> (MapRect, String) {
            let numbers = cluster.members.filter { places[$0].isMain }.map { places[$0].step.number }
            let text = numbers.isEmpty ? "" : MapComposer.markerText(numbers)
            let r = numbers.isEmpty ? 7.0 : MapComposer.markerRadius
            let width = max(2 * r, text.isEmpty ? 0 : TextMetrics.width(text, fontSize: SVGDocument.markerFontSize) + 12)
            return (MapRect(x: cluster.anchor.x - width / 2, y: cluster.anchor.y - r, width: width, height: 2 * r), text)
        }
        var boxes = groups.map(marker)
        merging: while true {
            for i in groups.indices {
                for j in groups.indices where j > i && boxes[i].0.expanded(by: 1).intersects(boxes[j].0) {
                    groups[i].members += groups[j].members
                    groups[i].members.sort()
                    groups.remove(at: j)
                    clusterOf = clusterOf.map { $0 == j ? i : ($0 > j ? $0 - 1 : $0) }
                    boxes = groups.map(marker)
                    continue merging
                }
            }
            break
        }
        return (groups, clusterOf, boxes.map(\.0), boxes.map(\.1))
    }
}
