import Foundation

/// Web Mercator in degrees: x is the longitude, y grows northwards and equals the latitude
/// near the equator. Latitudes beyond ±85.05° are held at the edge of the square world.
enum Mercator {
    static let maxLatitude = 85.0511287798

    static func y(latitude: Double) -> Double {
        let phi = min(max(latitude, -maxLatitude), maxLatitude) * .pi / 180
        return log(tan(.pi / 4 + phi / 2)) * 180 / .pi
    }

    static func latitude(y: Double) -> Double {
        (2 * atan(exp(y * .pi / 180)) - .pi / 2) * 180 / .pi
    }

    /// Kilometres along the ground per Mercator degree at a latitude.
    static func kilometresPerUnit(latitude: Double) -> Double {
        2 * .pi * 6371.0088 / 360 * cos(min(abs(latitude), maxLatitude) * .pi / 180)
    }
}

/// Longitudes made continuous along a journey, so that every leg goes the short way (across
/// the 180th meridian when that is shorter): 178 then -172 becomes 178 then 188.
enum Unwrap {
    static func normalized(_ longitude: Double) -> Double {
        var value = longitude.truncatingRemainder(dividingBy: 360)
        if value >= 180 { value -= 360 } else if value < -180 { value += 360 }
        return value
    }

    /// `longitude` moved by whole turns to lie within 180° of `reference`.
    static func near(_ longitude: Double, _ reference: Double) -> Double {
        var value = longitude
        while value - reference > 180 { value -= 360 }
        while value - reference < -180 { value += 360 }
        return value
    }
}

/// Where the map's rectangle sits on Mercator's plane, and how large.
struct Viewport: Sendable {
    /// Mercator coordinates of the drawing's top left corner.
    let left: Double
    let top: Double
    /// Drawing units per Mercator degree.
    let scale: Double
    let width: Double
    let height: Double

    func project(longitude: Double, latitude: Double) -> MapPoint {
        MapPoint(x: (longitude - left) * scale, y: (top - Mercator.y(latitude: latitude)) * scale)
    }

    func project(longitude: Double, mercatorY: Double) -> MapPoint {
        MapPoint(x: (longitude - left) * scale, y: (top - mercatorY) * scale)
    }

    var right: Double { left + width / scale }
    var bottom: Double { top - height / scale }
    var minLatitude: Double { Mercator.latitude(y: bottom) }
    var maxLatitude: Double { Mercator.latitude(y: top) }
    var centerLatitude: Double { Mercator.latitude(y: (top + bottom) / 2) }

    /// The viewport that shows `content` (Mercator x, y) inside `inner`, a rectangle of the
    /// drawing, as large as it fits; at least `minimumWidth` Mercator degrees of it across.
    static func fitting(_ content: (minX: Double, maxX: Double, minY: Double, maxY: Double), inner: MapRect,
                        width: Double, height: Double, minimumWidth: Double) -> Viewport {
        let spanX = max(content.maxX - content.minX, 1e-9), spanY = max(content.maxY - content.minY, 1e-9)
        var scale = min(inner.width / spanX, inner.height / spanY)
        scale = min(scale, width / minimumWidth)
        // Never wider than the world once round.
        scale = max(scale, width / 360)
        let centerX = (content.minX + content.maxX) / 2, centerY = (content.minY + content.maxY) / 2
        let left = centerX - inner.midX / scale
        let top = centerY + inner.midY / scale
        return Viewport(left: left, top: top, scale: scale, width: width, height: height)
    }
}
