import Foundation

/// The locator inset: a small map of the journey's countries (or the region around them) with
/// a rectangle where the main map sits.
struct Inset {
    /// A rectangle of Mercator's plane.
    struct Extent {
        var minX: Double, maxX: Double, minY: Double, maxY: Double
        var width: Double { maxX - minX }
        var height: Double { maxY - minY }
    }

    static let maxSize = (width: 150.0, height: 110.0)

    /// Where the inset sits on the drawing.
    let frame: MapRect
    /// The inset's own view, in units relative to its frame.
    let viewport: Viewport
    /// The main map's area, relative to the frame; at least 6 units across.
    let viewRect: MapRect

    init(frame: MapRect, extent: Extent, composer: MapComposer, main: Viewport, countries: [Int]) {
        self.frame = frame
        let scale = min(frame.width / extent.width, frame.height / extent.height)
        let centerX = (extent.minX + extent.maxX) / 2, centerY = (extent.minY + extent.maxY) / 2
        viewport = Viewport(left: centerX - frame.width / 2 / scale, top: centerY + frame.height / 2 / scale, scale: scale,
                            width: frame.width, height: frame.height)
        let topLeft = viewport.project(longitude: main.left, mercatorY: main.top)
        let bottomRight = viewport.project(longitude: main.right, mercatorY: main.bottom)
        var rect = MapRect(x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y)
        if rect.width < 6 { rect = MapRect(x: rect.midX - 3, y: rect.y, width: 6, height: rect.height) }
        if rect.height < 6 { rect = MapRect(x: rect.x, y: rect.midY - 3, width: rect.width, height: 6) }
        viewRect = rect
    }

    /// What the inset should show: the journey's countries (their main land, and large parts
    /// near it), at least four times the main map each way; nil when the main map is itself
    /// continent-sized or the region would be most of the world.
    static func extent(composer: MapComposer, viewport: Viewport, countries: [Int]) -> Extent? {
        let viewWidth = viewport.right - viewport.left, viewHeight = viewport.top - viewport.bottom
        guard viewWidth < 60 else { return nil }
        var box = Extent(minX: viewport.left, maxX: viewport.right, minY: viewport.bottom, maxY: viewport.top)
        let centerX = (box.minX + box.maxX) / 2
        let layer = composer.base.coarse
        let reach = 5 * layer.grid
        for country in countries.map({ layer.countries[$0] }) {
            guard let largest = country.polygons.max(by: { $0.area < $1.area }) else { continue }
            for polygon in country.polygons {
                let near = Double(polygon.minLongitude) <= Double(largest.maxLongitude) + reach
                    && Double(polygon.maxLongitude) >= Double(largest.minLongitude) - reach
                    && Double(polygon.minLatitude) <= Double(largest.maxLatitude) + reach
                    && Double(polygon.maxLatitude) >= Double(largest.minLatitude) - reach
                guard polygon.area >= 0.05 * largest.area, near else { continue }
                let west = Double(polygon.minLongitude) / layer.grid, east = Double(polygon.maxLongitude) / layer.grid
                let shift = Unwrap.near((west + east) / 2, centerX) - (west + east) / 2
                box.minX = min(box.minX, west + shift)
                box.maxX = max(box.maxX, east + shift)
                box.minY = min(box.minY, Mercator.y(latitude: Double(polygon.minLatitude) / layer.grid))
                box.maxY = max(box.maxY, Mercator.y(latitude: Double(polygon.maxLatitude) / layer.grid))
            }
        }
        var width = max(box.width, 4 * viewWidth) * 1.12, height = max(box.height, 4 * viewHeight) * 1.12
        let midX = (box.minX + box.maxX) / 2
        func framed() -> Extent {
            // Keep the square world's top and bottom in view only as far as there is world.
            let limit = 180.0, half = min(height, 2 * limit) / 2
            let midY = min(max((box.minY + box.maxY) / 2, -limit + half), limit - half)
            return Extent(minX: midX - width / 2, maxX: midX + width / 2, minY: midY - half, maxY: midY + half)
        }
        // Out at sea, widen the view until there is land to recognise.
        while landShare(framed(), layer: layer) < 0.05, width < 100 {
            width *= 1.5
            height *= 1.5
        }
        guard width < 300 else { return nil }
        return framed()
    }

    /// Roughly how much of an extent is land: the share of a 16 × 10 grid of points in it
    /// that fall on land.
    static func landShare(_ extent: Extent, layer: MapLayer) -> Double {
        var land = 0
        for row in 0..<10 {
            let latitude = Mercator.latitude(y: extent.minY + (Double(row) + 0.5) / 10 * extent.height)
            for column in 0..<16 {
                let longitude = extent.minX + (Double(column) + 0.5) / 16 * extent.width
                if layer.isLand(latitude: latitude, longitude: longitude) { land += 1 }
            }
        }
        return Double(land) / 160
    }

    /// The inset's size on the drawing: the extent's shape within 150 × 110 units.
    static func size(of extent: Extent, options: MapOptions) -> (width: Double, height: Double) {
        let aspect = min(max(extent.width / max(extent.height, 1e-9), 0.6), 2.5)
        var width = maxSize.width, height = width / aspect
        if height > maxSize.height {
            height = maxSize.height
            width = height * aspect
        }
        return (width.rounded(), height.rounded())
    }
}

/// A scale bar in whole kilometres (1, 2 or 5 times a power of ten), about 100 units long.
struct ScaleBar {
    let frame: MapRect
    /// The bar's left end.
    let origin: MapPoint
    let length: Double
    let text: String

    static let fontSize = 15.0

    /// Nil when the scale changes too much across the map (more than a quarter from top to
    /// bottom) for one bar to be true, or no bottom corner is free of `avoiding`.
    init?(viewport: Viewport, avoiding: [MapRect]) {
        let top = viewport.maxLatitude, bottom = viewport.minLatitude
        let cosines = [top, bottom].map { Mercator.kilometresPerUnit(latitude: $0) }
        guard let wide = cosines.max(), let narrow = cosines.min(), narrow > 0, wide / narrow <= 1.25 else { return nil }
        let kilometresPerUnit = Mercator.kilometresPerUnit(latitude: viewport.centerLatitude) / viewport.scale
        let target = 100 * kilometresPerUnit
        let magnitude = pow10(Int(log10(target).rounded(.down)))
        let nice = [5.0, 2, 1].map { $0 * magnitude }.first { $0 <= target } ?? magnitude
        length = nice / kilometresPerUnit
        if nice >= 1 {
            text = "\(Int(nice.rounded())) km"
        } else {
            text = "\(Int((nice * 1000).rounded())) m"
        }
        let width = max(length, TextMetrics.width(text, fontSize: Self.fontSize)) + 8
        let y = viewport.height - 36
        let candidates = [MapRect(x: 8, y: y, width: width, height: 30),
                          MapRect(x: viewport.width - 8 - width, y: y, width: width, height: 30)]
        guard let frame = candidates.first(where: { box in !avoiding.contains { $0.intersects(box) } }) else { return nil }
        self.frame = frame
        origin = MapPoint(x: frame.x + 4, y: frame.maxY - 6)
    }
}

/// 10 to a whole power, exactly for small powers.
private func pow10(_ exponent: Int) -> Double {
    var value = 1.0
    for _ in 0..<abs(exponent) { value *= 10 }
    return exponent >= 0 ? value : 1 / value
}
