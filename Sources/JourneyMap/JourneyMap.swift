/// Journey maps for the passport page: a batch's journey drawn as one self-contained SVG, with
/// land, sea, coastlines and borders from the bundled base map, the route, numbered markers,
/// a label for every place, a scale bar and a locator inset. Nothing is fetched, no font or
/// image is referenced, and the same input gives the same bytes.
///
/// ```swift
/// let base = try BaseMap(directory: templates.appendingPathComponent("map"))
/// let map = JourneyMap.render(steps: steps, base: base, options: MapOptions(title: "Where this oil was made"))
/// page.insert(map?.svg)
/// ```
public enum JourneyMap {
    /// Draws a journey. Returns nil when no step has a usable position.
    ///
    /// - Parameters:
    ///   - steps: this batch's steps in order; markers show their `number`.
    ///   - upstream: journeys of upstream materials (the bottles, the grapes), each in order and
    ///     joined to this batch's first step; drawn in a quieter style, their markers unnumbered.
    ///     Places far away run off the map's edge (see `MapSVG.offMap`).
    ///   - base: the land to draw on, loaded once per build.
    ///   - options: size, accessible title, parts to show and colours.
    public static func render(steps: [MapStep], upstream: [[MapStep]] = [], base: BaseMap,
                              options: MapOptions = MapOptions()) -> MapSVG? {
        MapComposer(base: base, options: options).compose(steps: steps, upstream: upstream)
    }
}

/// One place of a journey.
public struct MapStep: Sendable, Hashable {
    /// Degrees north, -90...90; held within ±85° on the map.
    public var latitude: Double
    /// Degrees east; any value (181 is -179). Legs always go the short way round.
    public var longitude: Double
    /// The place's name as shown beside its marker.
    public var label: String
    /// The step's number in the page's timeline.
    public var number: Int

    public init(latitude: Double, longitude: Double, label: String, number: Int) {
        self.latitude = latitude
        self.longitude = longitude
        self.label = label
        self.number = number
    }
}

/// How the map is drawn.
public struct MapOptions: Sendable {
    /// The drawing's size in SVG units; 640 × 400 reads well from 320 px wide upwards.
    public var width: Double
    public var height: Double
    /// The accessible name of the map (`aria-label` and `<title>`).
    public var title: String
    /// Show a small map of the country or region with the main map's place marked.
    public var showsInset: Bool
    /// Show a scale bar in kilometres (left out on maps too large for one scale).
    public var showsScaleBar: Bool
    /// The narrowest stretch of country the map shows, in km, so that a journey within one
    /// village still shows its surroundings.
    public var minimumWidthKilometres: Double
    public var style: MapStyle

    public init(width: Double = 640, height: Double = 400, title: String = "", showsInset: Bool = true,
                showsScaleBar: Bool = true, minimumWidthKilometres: Double = 50, style: MapStyle = MapStyle()) {
        self.width = width
        self.height = height
        self.title = title
        self.showsInset = showsInset
        self.showsScaleBar = showsScaleBar
        self.minimumWidthKilometres = minimumWidthKilometres
        self.style = style
    }
}

/// The map's colours, as CSS colour values. The defaults are muted, with the site's green
/// for the route, and keep labels at WCAG AA contrast on land and sea.
public struct MapStyle: Sendable {
    public var sea = "#d6e4ec"
    public var land = "#ebe6dc"
    /// Countries the journey passes through.
    public var focusLand = "#f8f5ee"
    public var coast = "#8fb0c2"
    public var border = "#a4978a"
    public var route = "#1d6b3a"
    public var upstreamRoute = "#8a5a2b"
    public var markerText = "#ffffff"
    public var labelText = "#1b1f1d"
    public var halo = "#ffffff"
    /// The inset's highlighted country.
    public var insetFocus = "#c9dccd"

    public init() {}
}

/// A drawn journey map.
public struct MapSVG: Sendable {
    /// The `<svg>` element, ready to inline in a page or save as a file.
    public let svg: String
    public let width: Double
    public let height: Double
    /// Every label drawn, in drawing units.
    public let labels: [MapLabel]
    /// Every marker drawn; places close together share one.
    public let markers: [MapMarker]
    /// The legs of the route as drawn, this batch's and the upstream ones.
    public let route: [MapSegment]
    /// Steps whose label found no free place (normally none).
    public let unlabelled: [MapStep]
    /// Upstream places too far away to show without shrinking this batch's own map by more
    /// than a sixth: their legs run off the edge of the map, towards them, and the last one
    /// before the map is named where its leg comes in.
    public let offMap: [MapStep]
    /// Where the locator inset sits, if there is one.
    public let inset: MapRect?
    /// The countries the journey passes through, in order of first visit.
    public let countries: [Country]
}

/// A label as placed on the map.
public struct MapLabel: Sendable, Hashable {
    /// The steps it names.
    public let steps: [MapStep]
    public let lines: [String]
    /// The box the text is drawn in, padding included.
    public let frame: MapRect
    /// A thin line to the marker, for a label set farther out.
    public let leader: MapSegment?
}

/// A marker as placed on the map.
public struct MapMarker: Sendable, Hashable {
    /// The steps at this place, this batch's first.
    public let steps: [MapStep]
    /// The numbers shown in the marker ("1·4", "1–8"); empty for an upstream place, or where
    /// an upstream leg comes in from off the map.
    public let text: String
    public let frame: MapRect
    public let center: MapPoint
}
