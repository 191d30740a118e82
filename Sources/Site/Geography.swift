import Foundation

/// A point on Earth in degrees.
struct GeoPoint: Sendable, Hashable {
    var latitude: Double
    var longitude: Double

    /// Mean Earth radius (IUGG), km.
    static let earthRadius = 6371.0088

    /// Great-circle distance in km (haversine).
    func distance(to other: GeoPoint) -> Double {
        let lat1 = latitude * .pi / 180, lat2 = other.latitude * .pi / 180
        let dLat = lat2 - lat1
        let dLon = (other.longitude - longitude) * .pi / 180
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1) * cos(lat2) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * Self.earthRadius * asin(min(1, sqrt(a)))
    }
}

/// Distances as people read them: one decimal below 10 km, whole km above, `< 0.1 km` near zero.
enum DistanceText {
    static func kilometres(_ km: Double, _ localizer: Localizer) -> String {
        if km < 0.05 { return localizer.format("km", ["n": localizer.number(0, digits: 0)]) }
        if km < 10 { return localizer.format("km", ["n": localizer.plain((km * 10).rounded() / 10)]) }
        return localizer.format("km", ["n": String(Int(km.rounded()))])
    }
}

/// The journey drawn as an SVG map: points projected equirectangularly with the cosine of the
/// mean latitude, scaled to fit, with a scale bar. No tiles, nothing fetched.
struct JourneyMap: Sendable {
    struct Point: Sendable { var x: Double, y: Double, label: String, number: Int, labelRight: Bool }
    static let width = 480.0
    static let padding = 40.0

    let height: Double
    let points: [Point]
    let scaleKilometres: Double
    let scaleLength: Double

    init(points geo: [GeoPoint], labels: [String]) {
        let meanLat = geo.isEmpty ? 0 : geo.map(\.latitude).reduce(0, +) / Double(geo.count)
        let k = max(0.05, cos(meanLat * .pi / 180))
        let xs = geo.map { $0.longitude * k }, ys = geo.map { -$0.latitude }
        let minX = xs.min() ?? 0, maxX = xs.max() ?? 0, minY = ys.min() ?? 0, maxY = ys.max() ?? 0
        // At least ~2 km of extent so a single place still gets a sensible scale.
        let spanX = max(maxX - minX, 0.02), spanY = max(maxY - minY, 0.02)
        let inner = Self.width - 2 * Self.padding
        let aspect = min(max(spanY / spanX, 0.45), 0.9)
        height = (inner * aspect + 2 * Self.padding).rounded()
        let scale = min(inner / spanX, (height - 2 * Self.padding) / spanY)
        let offsetX = Self.padding + (inner - (maxX - minX) * scale) / 2
        let offsetY = Self.padding + (height - 2 * Self.padding - (maxY - minY) * scale) / 2
        var seen: [String: Int] = [:]
        var result: [Point] = []
        for (index, point) in geo.enumerated() {
            let x = offsetX + (xs[index] - minX) * scale, y = offsetY + (ys[index] - minY) * scale
            let key = "\(Int(x)),\(Int(y))"
            let repeats = seen[key, default: 0]
            seen[key] = repeats + 1
            _ = point
            // Labels go right of the point unless they would run off the drawing there.
            let labelWidth = Self.labelWidth(labels[index])
            let fitsRight = x + 16 + labelWidth <= Self.width - 4, fitsLeft = x - 16 - labelWidth >= 4
            result.append(Point(x: x, y: y + Double(repeats) * 24, label: labels[index], number: index + 1,
                                labelRight: fitsRight || (!fitsLeft && x < Self.width / 2)))
        }
        points = result
        // Pixels per km: one degree of latitude is 2πR/360 km.
        let pixelsPerKm = scale / (2 * .pi * GeoPoint.earthRadius / 360)
        let target = (Self.width / 4) / pixelsPerKm
        let magnitude = pow(10, floor(log10(target)))
        let nice = [1.0, 2, 5, 10].map { $0 * magnitude }.last { $0 <= target } ?? magnitude
        scaleKilometres = nice
        scaleLength = nice * pixelsPerKm
    }

    /// Estimated width of a label at the map's 18-unit font.
    static func labelWidth(_ label: String) -> Double { Double(label.count) * 10 + 8 }

    /// The Mustache context of the map partial; numbers written with one decimal for stable bytes.
    func context(_ localizer: Localizer, title: String) -> [String: Any] {
        func n(_ value: Double) -> String { Localizer.fixed(value, digits: 1) }
        let legs: [[String: Any]] = zip(points, points.dropFirst()).map { a, b in
            ["x1": n(a.x), "y1": n(a.y), "x2": n(b.x), "y2": n(b.y)]
        }
        // Labels that would overlap an earlier one are left out; the numbered timeline names every step.
        // The scale bar's corner counts as taken.
        var shown: [(x0: Double, x1: Double, y: Double)] = [(0, 16 + scaleLength + 12, height - 20)]
        let marks: [[String: Any]] = points.map { p in
            let width = Self.labelWidth(p.label)
            let x0 = p.labelRight ? p.x + 16 : p.x - 16 - width
            let box = (x0: x0, x1: x0 + width, y: p.y)
            let inside = box.x0 >= 0 && box.x1 <= Self.width
            let free = inside && shown.allSatisfy { abs($0.y - box.y) > 22 || $0.x1 < box.x0 || box.x1 < $0.x0 }
                && points.allSatisfy { q in q.number == p.number || abs(q.y - p.y) > 12 || q.x < box.x0 - 10 || q.x > box.x1 + 10 }
            if free { shown.append(box) }
            return ["x": n(p.x), "y": n(p.y), "n": String(p.number), "label": p.label, "show_label": free,
                    "lx": n(p.labelRight ? p.x + 16 : p.x - 16), "ly": n(p.y + 6),
                    "anchor": p.labelRight ? "start" : "end", "ny": n(p.y + 5)]
        }
        let scaleText = localizer.format("km", ["n": localizer.plain(scaleKilometres, maxDigits: 2)])
        return ["width": n(Self.width), "height": n(height), "title": title, "legs": legs, "points": marks,
                "scale": ["x1": n(16), "x2": n(16 + scaleLength), "y": n(height - 16),
                          "ty": n(height - 26), "label": scaleText]]
    }
}
