public import Foundation

/// The land the journey is drawn on: Natural Earth's countries at two levels of detail, read
/// from `Templates/map/` (made by `scripts/naturalearth/convert.py`; format in its docstring).
///
/// Load it once per build and hand it to every `JourneyMap.render` call.
public struct BaseMap: Sendable {
    /// The file for regional maps, up to a few countries across.
    public static let detailFileName = "countries-detail.bin"
    /// The file for the locator inset and continent-sized maps.
    public static let coarseFileName = "countries-coarse.bin"

    /// Coastlines good to about 200 m.
    public let detail: MapLayer
    /// Coastlines good to about 6 km, small islands left out.
    public let coarse: MapLayer

    /// Two levels made together by the converter (their countries must match, index for index).
    public init(detail: MapLayer, coarse: MapLayer) {
        self.detail = detail
        self.coarse = coarse
    }

    /// Reads both levels from a folder, normally the bundled `Templates/map/`.
    /// Both levels list the same countries in the same order, so a country's index is the same
    /// in both; a pair that does not is refused.
    public init(directory: URL) throws(MapDataError) {
        let coarseURL = directory.appendingPathComponent(Self.coarseFileName)
        self.init(detail: try MapLayer(contentsOf: directory.appendingPathComponent(Self.detailFileName)),
                  coarse: try MapLayer(contentsOf: coarseURL))
        guard detail.countries.map(\.isoA3) == coarse.countries.map(\.isoA3),
              detail.countries.map(\.englishName) == coarse.countries.map(\.englishName) else {
            throw .malformed(path: coarseURL.path, offset: 0, reason: "its countries are not those of \(Self.detailFileName)")
        }
    }

    /// The country a place lies in, or the nearest one within about 10 km (a quay, a place
    /// just off a simplified coast); nil at sea.
    public func country(latitude: Double, longitude: Double) -> Country? {
        detail.countryIndex(latitude: latitude, longitude: longitude).map { detail.countries[$0] }
    }
}

/// Why the base map could not be read.
public enum MapDataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is missing or cannot be opened.
    case unreadable(path: String, reason: String)
    /// The file is not a base map of a version this program reads.
    case malformed(path: String, offset: Int, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "cannot read the base map \(path): \(reason). Reinstall passport, or restore Templates/map/ from its source tree."
        case let .malformed(path, offset, reason):
            return "the base map \(path) is damaged at byte \(offset): \(reason). Restore Templates/map/ from passport's source tree "
                + "(the files are made by scripts/naturalearth/convert.py)."
        }
    }
}

/// How a piece of a country's outline is stroked.
enum ArcKind: UInt8, Sendable {
    /// Land against sea.
    case coast = 0
    /// Shared by two countries.
    case border = 1
    /// The 180th meridian or the pole, where polygons are closed: filled, never stroked.
    case edge = 2
}

/// A piece of outline between two junctions, in grid units (1/`grid` degree).
struct Arc: Sendable {
    let kind: ArcKind
    let longitudes: [Int32]
    let latitudes: [Int32]
    let minLongitude: Int32, maxLongitude: Int32, minLatitude: Int32, maxLatitude: Int32

    init(kind: ArcKind, longitudes: [Int32], latitudes: [Int32]) {
        self.kind = kind
        self.longitudes = longitudes
        self.latitudes = latitudes
        minLongitude = longitudes.min() ?? 0
        maxLongitude = longitudes.max() ?? 0
        minLatitude = latitudes.min() ?? 0
        maxLatitude = latitudes.max() ?? 0
    }
}

/// A polygon's rings (outside first, then holes) as signed arc references: `i`, or `-1 - i`
/// for arc `i` walked backwards. Bounds in grid units.
struct Polygon: Sendable {
    let rings: [[Int32]]
    let minLongitude: Int32, maxLongitude: Int32, minLatitude: Int32, maxLatitude: Int32
    /// Area of the outside ring in square grid units, cos(latitude) scaled.
    let area: Double
}

/// A country of the base map.
public struct Country: Sendable {
    /// ISO 3166-1 alpha-2, empty where there is none.
    public let isoA2: String
    /// ISO 3166-1 alpha-3, or Natural Earth's own three letters where there is none (Kosovo is
    /// KOS). Territories carry their state's codes: Clipperton Island is FRA too.
    public let isoA3: String
    public let englishName: String
    public let italianName: String
    public let continent: String
    let polygons: [Polygon]
}

/// One level of detail of the base map.
public struct MapLayer: Sendable {
    /// Grid units per degree.
    let grid: Double
    let arcs: [Arc]
    /// In the file's order (by ISO A3).
    public let countries: [Country]
    /// All land without borders (see `landRings`), one ring per polygon.
    let land: [Polygon]

    /// Reads a layer file.
    public init(contentsOf url: URL) throws(MapDataError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
        try self.init(data: data, source: url.path)
    }

    /// Decodes a layer; `source` names it in errors.
    public init(data: Data, source: String) throws(MapDataError) {
        var reader = ByteReader(bytes: [UInt8](data), source: source)
        guard reader.bytes.count >= 4, reader.bytes[0..<4].elementsEqual("JMAP".utf8) else {
            throw .malformed(path: source, offset: 0, reason: "it does not start with JMAP")
        }
        reader.offset = 4
        let version = try reader.varint()
        guard version == 1 else { throw reader.error("version \(version) is not 1") }
        let grid = Int(try reader.varint())
        guard (1...10_000_000).contains(grid) else { throw reader.error("a grid of \(grid) units per degree") }
        var arcs: [Arc] = []
        for _ in 0..<(try reader.count()) {
            guard let kind = ArcKind(rawValue: UInt8(truncatingIfNeeded: try reader.varint())) else {
                throw reader.error("unknown arc kind")
            }
            let points = try reader.count()
            guard points >= 2 else { throw reader.error("an arc of \(points) points") }
            var longitudes: [Int32] = [], latitudes: [Int32] = []
            longitudes.reserveCapacity(points)
            latitudes.reserveCapacity(points)
            var x: Int64 = 0, y: Int64 = 0
            for _ in 0..<points {
                x += try reader.signed()
                y += try reader.signed()
                guard abs(x) <= 400 * Int64(grid), abs(y) <= 90 * Int64(grid) else { throw reader.error("a point off the globe") }
                longitudes.append(Int32(x))
                latitudes.append(Int32(y))
            }
            arcs.append(Arc(kind: kind, longitudes: longitudes, latitudes: latitudes))
        }
        var countries: [Country] = []
        for _ in 0..<(try reader.count()) {
            let a2 = try reader.text(), a3 = try reader.text(), english = try reader.text()
            let italian = try reader.text(), continent = try reader.text()
            var polygons: [Polygon] = []
            for _ in 0..<(try reader.count()) {
                var rings: [[Int32]] = []
                for _ in 0..<(try reader.count()) {
                    var refs: [Int32] = []
                    for _ in 0..<(try reader.count()) {
                        let ref = try reader.signed()
                        guard (ref >= 0 ? ref : -1 - ref) < arcs.count else { throw reader.error("an arc reference out of range") }
                        refs.append(Int32(ref))
                    }
                    guard !refs.isEmpty else { throw reader.error("an empty ring") }
                    rings.append(refs)
                }
                guard !rings.isEmpty else { throw reader.error("a polygon without rings") }
                polygons.append(Self.polygon(rings, arcs: arcs, grid: Double(grid)))
            }
            countries.append(Country(isoA2: a2, isoA3: a3, englishName: english, italianName: italian,
                                     continent: continent, polygons: polygons))
        }
        guard reader.offset == reader.bytes.count else { throw reader.error("trailing bytes") }
        self.grid = Double(grid)
        self.arcs = arcs
        self.countries = countries
        land = Self.landRings(countries: countries, arcs: arcs).map { Self.polygon([$0], arcs: arcs, grid: Double(grid)) }
    }

    private static func polygon(_ rings: [[Int32]], arcs: [Arc], grid: Double) -> Polygon {
        let (xs, ys) = points(of: rings[0], arcs: arcs)
        var area = 0.0
        for index in xs.indices {
            let next = (index + 1) % xs.count
            area += Double(xs[index]) * Double(ys[next]) - Double(xs[next]) * Double(ys[index])
        }
        let meanLatitude = Double(ys.reduce(0) { $0 + Int($1) }) / Double(max(ys.count, 1)) / grid
        return Polygon(rings: rings, minLongitude: xs.min() ?? 0, maxLongitude: xs.max() ?? 0,
                       minLatitude: ys.min() ?? 0, maxLatitude: ys.max() ?? 0,
                       area: abs(area) / 2 * cos(meanLatitude * .pi / 180))
    }

    /// A ring's points in grid units, its arcs joined (the closing point not repeated).
    static func points(of ring: [Int32], arcs: [Arc]) -> (longitudes: [Int32], latitudes: [Int32]) {
        var xs: [Int32] = [], ys: [Int32] = []
        for ref in ring {
            let arc = arcs[Int(ref >= 0 ? ref : -1 - ref)]
            let order: [Int] = ref >= 0 ? Array(arc.longitudes.indices) : arc.longitudes.indices.reversed()
            for index in order.dropFirst(xs.isEmpty ? 0 : 1) {
                xs.append(arc.longitudes[index])
                ys.append(arc.latitudes[index])
            }
        }
        if xs.count > 1, xs.first == xs.last, ys.first == ys.last {
            xs.removeLast()
            ys.removeLast()
        }
        return (xs, ys)
    }

    /// The index of the country containing a place (even-odd over all rings), else the one
    /// with a vertex nearest to it within 0.1°.
    func countryIndex(latitude: Double, longitude: Double) -> Int? {
        guard latitude.isFinite, longitude.isFinite else { return nil }
        var lon = longitude.truncatingRemainder(dividingBy: 360)
        if lon > 180 { lon -= 360 } else if lon < -180 { lon += 360 }
        let x = lon * grid, y = latitude * grid, reach = 0.1 * grid
        var nearest: (index: Int, distance: Double)?
        for (index, country) in countries.enumerated() {
            for polygon in country.polygons {
                guard x >= Double(polygon.minLongitude) - reach, x <= Double(polygon.maxLongitude) + reach,
                      y >= Double(polygon.minLatitude) - reach, y <= Double(polygon.maxLatitude) + reach else { continue }
                var inside = false
                for ring in polygon.rings {
                    if crosses(ring, x: x, y: y) { inside.toggle() }
                    for ref in ring {
                        let arc = arcs[Int(ref >= 0 ? ref : -1 - ref)]
                        for i in arc.longitudes.indices {
                            let dx = Double(arc.longitudes[i]) - x, dy = Double(arc.latitudes[i]) - y
                            let distance = (dx * dx + dy * dy).squareRoot()
                            if distance <= reach, distance < nearest?.distance ?? .infinity { nearest = (index, distance) }
                        }
                    }
                }
                if inside { return index }
            }
        }
        return nearest?.index
    }

    /// Whether a ray east from the point crosses the ring an odd number of times; the ring's
    /// segments are taken arc by arc, in any direction, so nothing is copied.
    func crosses(_ ring: [Int32], x: Double, y: Double) -> Bool {
        var odd = false
        for ref in ring {
            let arc = arcs[Int(ref >= 0 ? ref : -1 - ref)]
            guard Double(arc.minLatitude) <= y, Double(arc.maxLatitude) > y, Double(arc.maxLongitude) > x else { continue }
            var previousX = Double(arc.longitudes[0]), previousY = Double(arc.latitudes[0])
            for i in arc.longitudes.indices.dropFirst() {
                let xi = Double(arc.longitudes[i]), yi = Double(arc.latitudes[i])
                if (yi > y) != (previousY > y), x < (previousX - xi) * (y - yi) / (previousY - yi) + xi { odd.toggle() }
                previousX = xi
                previousY = yi
            }
        }
        return odd
    }
}

/// Reads the varints of a layer file, with the offset of any damage.
private struct ByteReader {
    let bytes: [UInt8]
    let source: String
    var offset = 0

    init(bytes: [UInt8], source: String) {
        self.bytes = bytes
        self.source = source
    }

    func error(_ reason: String) -> MapDataError { .malformed(path: source, offset: offset, reason: reason) }

    mutating func varint() throws(MapDataError) -> UInt64 {
        var value: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard offset < bytes.count else { throw error("the file ends early") }
            guard shift < 63 else { throw error("a number is too long") }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    /// A count, which cannot be larger than the bytes left (each item takes at least one).
    mutating func count() throws(MapDataError) -> Int {
        let value = try varint()
        guard value <= UInt64(bytes.count - offset) + 1 else { throw error("a count of \(value) is larger than the file") }
        return Int(value)
    }

    mutating func signed() throws(MapDataError) -> Int64 {
        let value = try varint()
        return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }

    mutating func text() throws(MapDataError) -> String {
        let length = try count()
        guard offset + length <= bytes.count else { throw error("the file ends inside a name") }
        guard let text = String(validating: bytes[offset..<(offset + length)], as: UTF8.self) else {
            throw error("a name that is not UTF-8")
        }
        offset += length
        return text
    }
}
