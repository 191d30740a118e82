/// A point in the map's drawing units (the SVG `viewBox`), x to the right, y down.
public struct MapPoint: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    func distance(to other: MapPoint) -> Double { ((x - other.x) * (x - other.x) + (y - other.y) * (y - other.y)).squareRoot() }
}

/// A straight line between two points in drawing units: a leg of the route, or a label's leader.
public struct MapSegment: Sendable, Hashable {
    public var from: MapPoint
    public var to: MapPoint

    public init(from: MapPoint, to: MapPoint) {
        self.from = from
        self.to = to
    }
}

/// An axis-aligned rectangle in drawing units.
public struct MapRect: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }

    /// Whether the two rectangles share any area (touching edges do not count).
    public func intersects(_ other: MapRect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    /// Whether `other` lies wholly inside this rectangle.
    public func contains(_ other: MapRect) -> Bool {
        other.x >= x && other.y >= y && other.maxX <= maxX && other.maxY <= maxY
    }

    public func contains(_ point: MapPoint) -> Bool {
        point.x >= x && point.x <= maxX && point.y >= y && point.y <= maxY
    }

    /// The rectangle grown by `amount` on every side (shrunk when negative).
    public func expanded(by amount: Double) -> MapRect {
        MapRect(x: x - amount, y: y - amount, width: width + 2 * amount, height: height + 2 * amount)
    }

    /// Whether any part of the segment lies inside the rectangle (Liang–Barsky).
    public func intersects(_ segment: MapSegment) -> Bool {
        clip(segment) != nil
    }

    /// The part of a segment inside the rectangle, if any (Liang–Barsky).
    func clip(_ segment: MapSegment) -> MapSegment? {
        let dx = segment.to.x - segment.from.x, dy = segment.to.y - segment.from.y
        var t0 = 0.0, t1 = 1.0
        let checks = [(-dx, segment.from.x - x), (dx, maxX - segment.from.x),
                      (-dy, segment.from.y - y), (dy, maxY - segment.from.y)]
        for (p, q) in checks {
            if p == 0 {
                if q < 0 { return nil }
                continue
            }
            let r = q / p
            if p < 0 {
                if r > t1 { return nil }
                t0 = max(t0, r)
            } else {
                if r < t0 { return nil }
                t1 = min(t1, r)
            }
        }
        return MapSegment(from: MapPoint(x: segment.from.x + t0 * dx, y: segment.from.y + t0 * dy),
                          to: MapPoint(x: segment.from.x + t1 * dx, y: segment.from.y + t1 * dy))
    }

    /// The smallest rectangle holding all the points.
    static func bounding(_ points: [MapPoint]) -> MapRect? {
        guard let first = points.first else { return nil }
        var minX = first.x, maxX = first.x, minY = first.y, maxY = first.y
        for point in points {
            minX = min(minX, point.x); maxX = max(maxX, point.x)
            minY = min(minY, point.y); maxY = max(maxY, point.y)
        }
        return MapRect(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }

    /// Distance from a point to the nearest point of the rectangle (0 inside).
    func distance(to point: MapPoint) -> Double {
        let dx = max(x - point.x, 0, point.x - maxX), dy = max(y - point.y, 0, point.y - maxY)
        return (dx * dx + dy * dy).squareRoot()
    }

    /// The point of the rectangle nearest to `point`.
    func nearest(to point: MapPoint) -> MapPoint {
        MapPoint(x: min(max(point.x, x), maxX), y: min(max(point.y, y), maxY))
    }
}

/// Line simplification and clipping in drawing units.
enum Geometry {
    /// Douglas–Peucker: the points that keep the line within `tolerance` of the original;
    /// the first and last are always kept, so shared ends of neighbouring arcs stay shared.
    static func simplify(_ points: [MapPoint], tolerance: Double) -> [MapPoint] {
        guard points.count > 2 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        while let (first, last) = stack.popLast() {
            let a = points[first], b = points[last]
            let dx = b.x - a.x, dy = b.y - a.y
            let length = (dx * dx + dy * dy).squareRoot()
            var worst = -1.0, worstIndex = -1
            for index in (first + 1)..<last {
                let p = points[index]
                let distance = length == 0 ? p.distance(to: a) : abs(dy * (p.x - a.x) - dx * (p.y - a.y)) / length
                if distance > worst { worst = distance; worstIndex = index }
            }
            if worst > tolerance {
                keep[worstIndex] = true
                stack.append((first, worstIndex))
                stack.append((worstIndex, last))
            }
        }
        return zip(points, keep).compactMap { $1 ? $0 : nil }
    }

    /// A closed polygon cut to a rectangle (Sutherland–Hodgman). Concave rings may come back
    /// with edges running along the rectangle; they are outside the drawing or under its edge.
    static func clip(polygon: [MapPoint], to rect: MapRect) -> [MapPoint] {
        var points = polygon
        let edges: [(inside: (MapPoint) -> Bool, cross: (MapPoint, MapPoint) -> MapPoint)] = [
            ({ $0.x >= rect.x }, { a, b in MapPoint(x: rect.x, y: a.y + (b.y - a.y) * (rect.x - a.x) / (b.x - a.x)) }),
            ({ $0.x <= rect.maxX }, { a, b in MapPoint(x: rect.maxX, y: a.y + (b.y - a.y) * (rect.maxX - a.x) / (b.x - a.x)) }),
            ({ $0.y >= rect.y }, { a, b in MapPoint(x: a.x + (b.x - a.x) * (rect.y - a.y) / (b.y - a.y), y: rect.y) }),
            ({ $0.y <= rect.maxY }, { a, b in MapPoint(x: a.x + (b.x - a.x) * (rect.maxY - a.y) / (b.y - a.y), y: rect.maxY) }),
        ]
        for edge in edges {
            guard let last = points.last else { return [] }
            var output: [MapPoint] = []
            output.reserveCapacity(points.count)
            var previous = last
            for point in points {
                let inside = edge.inside(point), previousInside = edge.inside(previous)
                if inside {
                    if !previousInside { output.append(edge.cross(previous, point)) }
                    output.append(point)
                } else if previousInside {
                    output.append(edge.cross(previous, point))
                }
                previous = point
            }
            points = output
        }
        return points
    }

    /// An open line cut to a rectangle: the runs of it that lie inside.
    static func clip(polyline: [MapPoint], to rect: MapRect) -> [[MapPoint]] {
        var runs: [[MapPoint]] = []
        var current: [MapPoint] = []
        for (a, b) in zip(polyline, polyline.dropFirst()) {
            guard let part = rect.clip(MapSegment(from: a, to: b)) else {
                if current.count > 1 { runs.append(current) }
                current = []
                continue
            }
            if current.isEmpty { current = [part.from] }
            current.append(part.to)
            if part.to != b {
                runs.append(current)
                current = []
            }
        }
        if current.count > 1 { runs.append(current) }
        return runs
    }

    /// Twice the signed area of a ring (positive when clockwise on screen, y down).
    static func doubleArea(_ ring: [(Int, Int)]) -> Int {
        guard var previous = ring.last else { return 0 }
        var sum = 0
        for point in ring {
            sum += previous.0 * point.1 - point.0 * previous.1
            previous = point
        }
        return sum
    }
}
