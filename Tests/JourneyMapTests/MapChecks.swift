import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import JourneyMap

/// Checks written apart from the library's own geometry, so the map is not trusted to grade itself.
enum MapChecks {
    /// Whether a segment touches the inside of a rectangle: an end inside, or a crossing of one
    /// of its four sides (orientation tests).
    static func segment(_ s: MapSegment, hits r: MapRect) -> Bool {
        func inside(_ p: MapPoint) -> Bool { p.x > r.x && p.x < r.x + r.width && p.y > r.y && p.y < r.y + r.height }
        if inside(s.from) || inside(s.to) { return true }
        let corners = [MapPoint(x: r.x, y: r.y), MapPoint(x: r.x + r.width, y: r.y),
                       MapPoint(x: r.x + r.width, y: r.y + r.height), MapPoint(x: r.x, y: r.y + r.height)]
        func side(_ a: MapPoint, _ b: MapPoint, _ c: MapPoint) -> Double { (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x) }
        for i in 0..<4 {
            let a = corners[i], b = corners[(i + 1) % 4]
            let d1 = side(a, b, s.from), d2 = side(a, b, s.to), d3 = side(s.from, s.to, a), d4 = side(s.from, s.to, b)
            if d1 * d2 < 0 && d3 * d4 < 0 { return true }
        }
        // A segment lying exactly along a side, inside its length, touches the box too.
        return false
    }

    static func overlap(_ a: MapRect, _ b: MapRect) -> Bool {
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }

    /// Everything wrong with a map's labels, as sentences; empty when all is well.
    static func labelProblems(_ map: MapSVG) -> [String] {
        var problems: [String] = []
        let drawing = MapRect(x: 0, y: 0, width: map.width, height: map.height)
        for (i, label) in map.labels.enumerated() {
            let name = label.lines.joined(separator: " / ")
            if !(label.frame.x >= 0 && label.frame.y >= 0 && label.frame.x + label.frame.width <= drawing.width
                 && label.frame.y + label.frame.height <= drawing.height) {
                problems.append("\(name) runs off the map")
            }
            for other in map.labels[(i + 1)...] where overlap(label.frame, other.frame) {
                problems.append("\(name) overlaps \(other.lines.joined(separator: " / "))")
            }
            for leg in map.route where segment(leg, hits: label.frame) {
                problems.append("\(name) is crossed by the route")
            }
            for marker in map.markers where overlap(label.frame, marker.frame) {
                problems.append("\(name) covers marker \(marker.text)")
            }
            if let inset = map.inset, overlap(label.frame, inset) { problems.append("\(name) covers the inset") }
        }
        if !map.unlabelled.isEmpty { problems.append("unlabelled: \(map.unlabelled.map(\.label))") }
        return problems
    }

    /// Parses the SVG with Foundation's XML parser; returns the error, or the elements with
    /// their attributes and text.
    static func parse(_ svg: String) -> (elements: [(name: String, attributes: [String: String], text: String)], error: String?) {
        let collector = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        let ok = parser.parse()
        return (collector.elements, ok ? nil : String(describing: parser.parserError))
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String], text: String)] = []
        var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            open.append(elements.count)
            elements.append((name, attributes, ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { elements[index].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }
    }

    /// The line segments of a path's `d` written with M and L only (the route's form).
    static func segments(ofPath d: String) -> [MapSegment] {
        var result: [MapSegment] = []
        var current: MapPoint?
        var command: Character = "M"
        var numbers: [Double] = []
        func flush() {
            guard numbers.count == 2 else { numbers = []; return }
            let point = MapPoint(x: numbers[0], y: numbers[1])
            if command == "L", let from = current { result.append(MapSegment(from: from, to: point)) }
            current = point
            numbers = []
        }
        var token = ""
        for character in d + " " {
            if character == "M" || character == "L" {
                if !token.isEmpty { numbers.append(Double(token) ?? .nan); token = "" }
                flush()
                command = character
            } else if character == " " {
                if !token.isEmpty { numbers.append(Double(token) ?? .nan); token = "" }
            } else {
                token.append(character)
            }
        }
        flush()
        return result
    }

    /// The points of path data written as `M x y l dx dy dx dy … z`, made absolute.
    static func points(ofRelativePath d: String) -> [MapPoint] {
        var result: [MapPoint] = []
        var numbers: [Double] = []
        var command: Character = "M"
        var current = MapPoint(x: 0, y: 0)
        var token = ""
        func take() {
            if let value = Double(token) { numbers.append(value) }
            token = ""
            while numbers.count >= 2 {
                if command == "M" {
                    current = MapPoint(x: numbers[0], y: numbers[1])
                } else {
                    current = MapPoint(x: current.x + numbers[0], y: current.y + numbers[1])
                }
                result.append(current)
                numbers.removeFirst(2)
            }
        }
        for character in d {
            switch character {
            case "M", "l", "z":
                take()
                command = character
            case " ":
                take()
            case "-":
                take()
                token = "-"
            default:
                token.append(character)
            }
        }
        take()
        return result
    }
}
