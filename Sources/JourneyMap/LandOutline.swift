extension MapLayer {
    /// All land as one set of rings, without the borders between countries: the arcs only one
    /// country uses (coasts, and the edges at 180° and the pole), chained end to start. An
    /// enclave's hole is walked by two countries, so it is not a hole of the land.
    ///
    /// The map fills these once and strokes them as the coastline, instead of writing every
    /// coast twice (a fill per country and a line).
    static func landRings(countries: [Country], arcs: [Arc]) -> [[Int32]] {
        var uses = [Int](repeating: 0, count: arcs.count)
        var directed: [Int32] = []
        for country in countries {
            for polygon in country.polygons {
                for ring in polygon.rings {
                    for ref in ring {
                        uses[Int(ref >= 0 ? ref : -1 - ref)] += 1
                        directed.append(ref)
                    }
                }
            }
        }
        directed = directed.filter { uses[Int($0 >= 0 ? $0 : -1 - $0)] == 1 }
        struct Key: Hashable { let x: Int32, y: Int32 }
        func end(_ ref: Int32, start: Bool) -> Key {
            let arc = arcs[Int(ref >= 0 ? ref : -1 - ref)]
            let first = (ref >= 0) == start
            let index = first ? 0 : arc.longitudes.count - 1
            return Key(x: arc.longitudes[index], y: arc.latitudes[index])
        }
        var starting: [Key: [Int]] = [:]
        for (index, ref) in directed.enumerated() { starting[end(ref, start: true), default: []].append(index) }
        var used = [Bool](repeating: false, count: directed.count)
        var rings: [[Int32]] = []
        for first in directed.indices where !used[first] {
            var ring: [Int32] = []
            var current = first
            while true {
                used[current] = true
                ring.append(directed[current])
                let next = starting[end(directed[current], start: false)]?.first { !used[$0] }
                guard let next else { break }
                current = next
            }
            rings.append(ring)
        }
        return rings
    }

    /// Whether a place is on land (even-odd over the land's rings).
    func isLand(latitude: Double, longitude: Double) -> Bool {
        let x = Unwrap.normalized(longitude) * grid, y = latitude * grid
        var inside = false
        for polygon in land where x >= Double(polygon.minLongitude) && x <= Double(polygon.maxLongitude)
            && y >= Double(polygon.minLatitude) && y <= Double(polygon.maxLatitude) {
            if crosses(polygon.rings[0], x: x, y: y) { inside.toggle() }
        }
        return inside
    }
}
