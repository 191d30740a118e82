import Foundation
import JourneyMap
import Testing

@Suite("Journey map")
struct JourneyMapTests {
    static func render(_ steps: [MapStep], upstream: [[MapStep]] = [], name: String) throws -> MapSVG {
        let map = try #require(JourneyMap.render(steps: steps, upstream: upstream, base: Journeys.base,
                                                 options: MapOptions(title: "Journey of \(name)")))
        try FileManager.default.createDirectory(at: Journeys.artifacts, withIntermediateDirectories: true)
        try Data(map.svg.utf8).write(to: Journeys.artifacts.appendingPathComponent(name + ".svg"))
        return map
    }

    @Test("the example lot: Italian land, every place labelled, 1 and 4 share a marker, small and valid")
    func example() throws {
        let map = try Self.render(Journeys.extraVirgin, name: "example-evo")
        let parsed = MapChecks.parse(map.svg)
        #expect(parsed.error == nil)
        let land = parsed.elements.filter { $0.name == "path" && $0.attributes["fill"] == MapStyle().focusLand }
        #expect(land.count == 1 && (land.first?.attributes["d"]?.count ?? 0) > 10, "the land of Italy is drawn")
        #expect(map.countries.map(\.isoA3) == ["ITA"])
        #expect(map.markers.map(\.text).sorted() == ["1·4", "2", "3", "5", "6"])
        let texts = parsed.elements.filter { $0.name == "text" }.map(\.text).joined(separator: " ")
        for place in ["Podere Rossi", "Castelnuovo dell'Abate", "Sant'Angelo in Colle", "Frantoio Cooperativo", "San Quirico d'Orcia", "Siena"] {
            #expect(texts.contains(place), "\(place) is named on the map")
        }
        #expect(MapChecks.labelProblems(map) == [])
        #expect(map.inset != nil, "a locator inset shows where in Italy")
        #expect(map.svg.utf8.count <= 25_000, "\(map.svg.utf8.count) bytes")
    }

    @Test("the example's second lot, and the first with its bottles' upstream journey")
    func exampleWithUpstream() throws {
        let novello = try Self.render(Journeys.novello, name: "example-novello")
        #expect(MapChecks.labelProblems(novello) == [])
        let map = try Self.render(Journeys.extraVirgin, upstream: [Journeys.bottles], name: "example-evo-upstream")
        #expect(MapChecks.labelProblems(map) == [])
        let parsed = MapChecks.parse(map.svg)
        #expect(parsed.error == nil)
        let dashed = parsed.elements.filter { $0.name == "path" && $0.attributes["stroke"] == MapStyle().upstreamRoute }
        let legs = dashed.flatMap { MapChecks.segments(ofPath: $0.attributes["d"] ?? "") }
        // Both upstream places would shrink the map: they are off its edge, the leg from the
        // glassworks runs in from the top left, named where it comes in.
        #expect(map.offMap.map(\.label) == ["Empoli", "Vetreria, Colle di Val d'Elsa"])
        #expect(legs.count == 1 && legs.contains { $0.from.x < 0 || $0.from.y < 0 }, "Colle → Podere Rossi, from off the map")
        let edge = try #require(map.markers.first { $0.text.isEmpty })
        #expect(edge.steps.map(\.label) == ["Vetreria, Colle di Val d'Elsa"])
        #expect(map.labels.contains { $0.steps.map(\.label) == ["Vetreria, Colle di Val d'Elsa"] })
        #expect(map.svg.utf8.count <= 25_000, "\(map.svg.utf8.count) bytes")
    }

    @Test("awkward journeys: every place labelled, no label on another, on the route, on a marker or off the map",
          arguments: Journeys.nasty.map(\.name))
    func nasty(name: String) throws {
        let steps = try #require(Journeys.nasty.first { $0.name == name }).steps
        let map = try Self.render(steps, name: name)
        #expect(MapChecks.labelProblems(map) == [])
        let parsed = MapChecks.parse(map.svg)
        #expect(parsed.error == nil)
        // The route drawn is the route reported.
        let drawn = parsed.elements.filter { $0.name == "path" && $0.attributes["stroke"] == MapStyle().route }
            .flatMap { MapChecks.segments(ofPath: $0.attributes["d"] ?? "") }
        #expect(drawn.count == map.route.count)
        for marker in map.markers {
            #expect(marker.center.x >= 0 && marker.center.x <= map.width && marker.center.y >= 0 && marker.center.y <= map.height,
                    "marker \(marker.text) is on the map")
        }
        #expect(map.svg.utf8.count <= 40_000, "\(map.svg.utf8.count) bytes")
    }

    @Test("places at one point share one marker listing their numbers")
    func clusters() throws {
        let same = try Self.render(try #require(Journeys.nasty.first { $0.name == "eight-at-one-point" }).steps, name: "cluster-same")
        #expect(same.markers.map(\.text) == ["1–8"])
        #expect(same.labels.map(\.lines) == [["Montalcino"]])
        #expect(same.route.isEmpty)
        let twice = try Self.render(try #require(Journeys.nasty.first { $0.name == "first-and-fourth-identical" }).steps, name: "cluster-1-4")
        #expect(twice.markers.map(\.text).contains("1·4"))
        let named = try Self.render(try #require(Journeys.nasty.first { $0.name == "eight-names-at-one-point" }).steps, name: "cluster-names")
        #expect(named.labels.map(\.lines) == [["Montalcino"] + (1...8).map { "\($0) Podere \($0)" }])
    }

    @Test("a journey across the 180th meridian goes the short way, with land on both sides")
    func antimeridian() throws {
        let map = try Self.render(try #require(Journeys.nasty.first { $0.name == "fiji-to-samoa" }).steps, name: "antimeridian")
        #expect(map.countries.map(\.isoA3) == ["FJI", "WSM"])
        let legs = map.route
        #expect(legs.count == 2)
        // Savusavu → Apia is about 1,200 km: far less than the map's width, eastwards.
        let last = try #require(legs.last)
        #expect(last.to.x > last.from.x && last.to.x - last.from.x < map.width * 0.8)
        let parsed = MapChecks.parse(map.svg)
        let land = parsed.elements.filter { $0.name == "path" && $0.attributes["fill"] == MapStyle().focusLand }
        #expect(land.count == 1)
    }

    @Test("the scale bar agrees with the distance between two places on the ground")
    func scale() throws {
        let map = try Self.render(Journeys.extraVirgin, name: "scale")
        let siena = try #require(map.markers.first { $0.text == "6" }), montalcino = try #require(map.markers.first { $0.text == "1·4" })
        // Haversine, km: Siena to Podere Rossi.
        let (a, b) = (Journeys.extraVirgin[5], Journeys.extraVirgin[0])
        let rad = Double.pi / 180, dLat = (b.latitude - a.latitude) * rad, dLon = (b.longitude - a.longitude) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.latitude * rad) * cos(b.latitude * rad) * sin(dLon / 2) * sin(dLon / 2)
        let kilometres = 2 * 6371.0088 * asin(h.squareRoot())
        let units = ((siena.center.x - montalcino.center.x) * (siena.center.x - montalcino.center.x)
            + (siena.center.y - montalcino.center.y) * (siena.center.y - montalcino.center.y)).squareRoot()
        let bar = try #require(MapChecks.parse(map.svg).elements.first { $0.name == "path" && ($0.attributes["d"] ?? "").contains("H") })
        let d = bar.attributes["d"] ?? ""
        // M x0 y V y H x1 V y
        let numbers = d.split(whereSeparator: { "MVH ".contains($0) }).compactMap { Double($0) }
        try #require(numbers.count == 5)
        let length = numbers[3] - numbers[0]
        let text = try #require(MapChecks.parse(map.svg).elements.first { $0.name == "text" && $0.text.hasSuffix(" km") }?.text)
        let labelled = try #require(Double(text.dropLast(3)))
        #expect(abs(length / units * kilometres - labelled) / labelled < 0.03, "\(text) drawn \(length) units long")
    }

    @Test("across 180°, Samoa's land is drawn beside Apia, east of Fiji")
    func antimeridianLand() throws {
        let map = try Self.render(try #require(Journeys.nasty.first { $0.name == "fiji-to-samoa" }).steps, name: "antimeridian-land")
        let focus = try #require(MapChecks.parse(map.svg).elements.first { $0.name == "path" && $0.attributes["fill"] == MapStyle().focusLand })
        let points = MapChecks.points(ofRelativePath: focus.attributes["d"] ?? "")
        let apia = try #require(map.markers.first { $0.text == "3" }).center
        #expect(points.contains { abs($0.x - apia.x) < 40 && abs($0.y - apia.y) < 40 }, "Upolu is drawn near Apia")
        let savusavu = try #require(map.markers.first { $0.text == "2" }).center
        #expect(points.contains { abs($0.x - savusavu.x) < 40 && abs($0.y - savusavu.y) < 40 }, "Vanua Levu near Savusavu")
    }

    @Test("a single place gets a marker, a label, a scale bar and an inset")
    func single() throws {
        let map = try Self.render(try #require(Journeys.nasty.first { $0.name == "single-point" }).steps, name: "single")
        #expect(map.markers.count == 1 && map.labels.count == 1 && map.route.isEmpty)
        #expect(map.svg.contains(" km</text>"))
        #expect(map.inset != nil)
    }

    @Test("names are escaped; characters XML forbids are dropped")
    func escaping() throws {
        let map = try Self.render(try #require(Journeys.nasty.first { $0.name == "hostile-names" }).steps, name: "escaping")
        #expect(MapChecks.parse(map.svg).error == nil)
        #expect(!map.svg.contains("<script"))
        #expect(map.svg.contains("&lt;script&gt;") || map.labels.allSatisfy { !$0.lines.joined().contains("<script") })
        #expect(!map.svg.contains("\u{0007}"))
        let title = try #require(JourneyMap.render(steps: Journeys.novello, base: Journeys.base,
                                                   options: MapOptions(title: "Oil & \"olives\" <from> here")))
        #expect(title.svg.contains("<title>Oil &amp; &quot;olives&quot; &lt;from&gt; here</title>"))
    }

    @Test("the same journey gives the same bytes, with the base map loaded afresh")
    func deterministic() throws {
        let first = try #require(JourneyMap.render(steps: Journeys.extraVirgin, upstream: [Journeys.bottles], base: Journeys.base))
        let again = try BaseMap(directory: Journeys.repository.appendingPathComponent("Templates/map"))
        let second = try #require(JourneyMap.render(steps: Journeys.extraVirgin, upstream: [Journeys.bottles], base: again))
        #expect(first.svg == second.svg)
        let europe = try #require(Journeys.nasty.first { $0.name == "across-europe" }).steps
        #expect(JourneyMap.render(steps: europe, base: Journeys.base)?.svg == JourneyMap.render(steps: europe, base: again)?.svg)
    }

    @Test("two maps on one page never share an id")
    func ids() throws {
        func ids(_ map: MapSVG) -> Set<String> {
            Set(MapChecks.parse(map.svg).elements.compactMap { $0.attributes["id"] })
        }
        let tuscany = try #require(JourneyMap.render(steps: Journeys.extraVirgin, base: Journeys.base))
        let europe = try #require(JourneyMap.render(steps: Journeys.nasty.first { $0.name == "across-europe" }?.steps ?? [],
                                                    base: Journeys.base))
        #expect(ids(tuscany).count == 1 && ids(europe).count == 1)
        #expect(ids(tuscany).isDisjoint(with: ids(europe)))
        // Every reference points at an id of its own map.
        let uses = MapChecks.parse(tuscany.svg).elements.filter { $0.name == "use" }.compactMap { $0.attributes["href"] }
        #expect(!uses.isEmpty && uses.allSatisfy { ids(tuscany).contains(String($0.dropFirst())) })
    }

    @Test("no usable position, no map")
    func empty() {
        #expect(JourneyMap.render(steps: [], base: Journeys.base) == nil)
        #expect(JourneyMap.render(steps: [MapStep(latitude: .nan, longitude: 11, label: "Nowhere", number: 1)], base: Journeys.base) == nil)
    }
}

/// The maps drawn by a real SVG renderer, as a phone would at 320 px wide. The PNGs are kept in
/// `.build/test-artifacts/journeymap/` to look at.
@Suite("Journey map in librsvg", .enabled(if: RSVG.isAvailable, "needs rsvg-convert (scripts/setup.sh installs librsvg2-bin)"))
struct RSVGTests {
    @Test("the example and the awkward journeys render cleanly at 320 px wide", arguments: ["example-evo", "across-europe", "fiji-to-samoa"])
    func render(name: String) throws {
        let steps = name == "example-evo" ? Journeys.extraVirgin : try #require(Journeys.nasty.first { $0.name == name }).steps
        let map = try JourneyMapTests.render(steps, name: name + "-phone")
        let svg = Journeys.artifacts.appendingPathComponent(name + "-phone.svg")
        let png = Journeys.artifacts.appendingPathComponent(name + "-phone.png")
        let (status, errors) = try RSVG.run(["--width", "320", "--output", png.path, svg.path])
        #expect(status == 0 && errors.isEmpty, "rsvg-convert: \(errors)")
        let bytes = [UInt8](try Data(contentsOf: png))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
        // IHDR: width and height, big-endian, at bytes 16 and 20.
        func word(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        #expect(bytes.count > 24 && word(16) == 320 && word(20) == Int((320 * map.height / map.width).rounded()))
    }
}

enum RSVG {
    static let path = "/usr/bin/rsvg-convert"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

    static func run(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
