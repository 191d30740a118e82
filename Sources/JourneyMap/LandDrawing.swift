/// The land, coastlines and borders inside a viewport, as SVG path data in whole drawing units.
struct LandDrawing {
    /// All land, as one fill.
    var land = PathData()
    /// Countries the journey passes through, filled again on top.
    var focus = PathData()
    var borders = PathData()
    /// The coastline on its own, only when the land's outline runs along the 180th meridian or
    /// the pole in view (those edges must not be stroked); otherwise the land's outline is the
    /// coastline and is stroked directly.
    var coast = PathData()
    var strokesLandOutline = true

    /// Draws `layer` through `viewport`, clipped to `clip` (a little larger than the drawing,
    /// so cut edges stay out of sight). Lines are simplified to `tolerance` drawing units,
    /// each arc once, so neighbours still meet exactly; rings under `minimumArea` square
    /// units are left out.
    init(layer: MapLayer, viewport: Viewport, clip: MapRect, focus countries: Set<Int>, borders drawBorders: Bool,
         tolerance: Double, minimumArea: Double) {
        let grid = layer.grid
        let margin = 10 / viewport.scale
        let west = (viewport.left - margin) * grid, east = (viewport.right + margin) * grid
        let south = max(viewport.minLatitude - margin, -90) * grid, north = min(viewport.maxLatitude + margin, 90) * grid
        var simplified: [ArcKey: [MapPoint]] = [:]

        func arcPoints(_ key: ArcKey) -> [MapPoint] {
            if let done = simplified[key] { return done }
            let arc = layer.arcs[key.arc]
            let shift = Double(key.turns) * 360
            // An arc wholly beyond one side of the clip may be cut short to its ends: the chord
            // lies beyond that side too, and clipping gives the same result.
            let corner = viewport.project(longitude: Double(arc.minLongitude) / grid + shift, latitude: Double(arc.maxLatitude) / grid)
            let opposite = viewport.project(longitude: Double(arc.maxLongitude) / grid + shift, latitude: Double(arc.minLatitude) / grid)
            if opposite.x < clip.x || corner.x > clip.maxX || opposite.y < clip.y || corner.y > clip.maxY {
                let last = arc.longitudes.count - 1
                let chord = [0, last].map { viewport.project(longitude: Double(arc.longitudes[$0]) / grid + shift,
                                                             latitude: Double(arc.latitudes[$0]) / grid) }
                simplified[key] = chord
                return chord
            }
            var points: [MapPoint] = []
            points.reserveCapacity(arc.longitudes.count)
            for index in arc.longitudes.indices {
                points.append(viewport.project(longitude: Double(arc.longitudes[index]) / grid + shift,
                                               latitude: Double(arc.latitudes[index]) / grid))
            }
            let result = Geometry.simplify(points, tolerance: tolerance)
            simplified[key] = result
            return result
        }
        /// The whole turns east at which a box of the data lies in view.
        func turns(minLongitude: Int32, maxLongitude: Int32, minLatitude: Int32, maxLatitude: Int32) -> [Int] {
            guard Double(maxLatitude) >= south, Double(minLatitude) <= north else { return [] }
            return (-2...2).filter { turns in
                let shift = Double(turns) * 360 * grid
                return Double(maxLongitude) + shift >= west && Double(minLongitude) + shift <= east
            }
        }
        func fill(_ polygon: Polygon, into path: inout PathData) {
            for turn in turns(minLongitude: polygon.minLongitude, maxLongitude: polygon.maxLongitude,
                              minLatitude: polygon.minLatitude, maxLatitude: polygon.maxLatitude) {
                for ring in polygon.rings {
                    var points: [MapPoint] = []
                    for ref in ring {
                        let arc = arcPoints(ArcKey(arc: Int(ref >= 0 ? ref : -1 - ref), turns: turn))
                        points.append(contentsOf: (ref >= 0 ? arc : arc.reversed()).dropFirst(points.isEmpty ? 0 : 1))
                    }
                    let whole = Self.rounded(Geometry.clip(polygon: points, to: clip), closed: true)
                    // An enclave and the hole it fills have the same area: both go or both stay.
                    guard whole.count >= 3, Double(abs(Geometry.doubleArea(whole))) >= 2 * minimumArea else { continue }
                    path.add(whole, closed: true)
                }
            }
        }
        /// Arcs of a kind used by polygons in view, each once, in order of first use.
        func lines(_ polygons: [Polygon], kind: ArcKind) -> PathData {
            var path = PathData()
            var seen: Set<ArcKey> = []
            for polygon in polygons {
                for ring in polygon.rings {
                    for ref in ring {
                        let index = Int(ref >= 0 ? ref : -1 - ref), arc = layer.arcs[index]
                        guard arc.kind == kind else { continue }
                        for turn in turns(minLongitude: arc.minLongitude, maxLongitude: arc.maxLongitude,
                                          minLatitude: arc.minLatitude, maxLatitude: arc.maxLatitude) {
                            let key = ArcKey(arc: index, turns: turn)
                            guard seen.insert(key).inserted else { continue }
                            for run in Geometry.clip(polyline: arcPoints(key), to: clip) {
                                let whole = Self.rounded(run, closed: false)
                                if whole.count >= 2 { path.add(whole, closed: false) }
                            }
                        }
                    }
                }
            }
            return path
        }

        for polygon in layer.land { fill(polygon, into: &land) }
        for index in countries.sorted() {
            for polygon in layer.countries[index].polygons { fill(polygon, into: &focus) }
        }
        if drawBorders {
            borders = lines(layer.countries.flatMap(\.polygons), kind: .border)
        }
        if !lines(layer.land, kind: .edge).isEmpty {
            strokesLandOutline = false
            coast = lines(layer.land, kind: .coast)
        }
    }

    /// Points rounded to whole units, repeats and straight-through points dropped.
    static func rounded(_ points: [MapPoint], closed: Bool) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        result.reserveCapacity(points.count)
        for point in points {
            let next = (Int(point.x.rounded()), Int(point.y.rounded()))
            if let last = result.last, last == next { continue }
            if result.count >= 2 {
                let a = result[result.count - 2], b = result[result.count - 1]
                if (b.0 - a.0) * (next.1 - b.1) == (b.1 - a.1) * (next.0 - b.0),
                   (b.0 - a.0) * (next.0 - b.0) + (b.1 - a.1) * (next.1 - b.1) >= 0 {
                    result[result.count - 1] = next
                    continue
                }
            }
            result.append(next)
        }
        if closed, result.count > 1, let first = result.first, let last = result.last, first == last { result.removeLast() }
        return result
    }
}

/// An arc drawn `turns` whole turns east of where the data has it (for maps across 180°).
struct ArcKey: Hashable {
    let arc: Int
    let turns: Int
}
