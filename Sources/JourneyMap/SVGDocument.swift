/// Places the labels of a layout and writes the map as one `<svg>` element.
struct SVGDocument {
    static let markerFontSize = 18.0
    static let fontFamily = "system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif"

    let map: MapSVG

    init(composer: MapComposer, layout: Layout, places: [MapComposer.Place], countries: [Int]) {
        let options = composer.options, style = options.style
        let w = options.width, h = options.height
        // Labels.
        var items: [LabelPlacer.Item] = [], itemCluster: [Int] = []
        for (index, cluster) in layout.clusters.enumerated() {
            let texts = LabelText.forms(cluster.members.map { (places[$0].step, places[$0].isMain) })
            guard !texts.isEmpty else { continue }
            items.append(LabelPlacer.Item(anchor: cluster.anchor, marker: layout.markers[index], texts: texts))
            itemCluster.append(index)
        }
        var reserved: [MapRect] = []
        if let inset = layout.inset { reserved.append(inset.frame.expanded(by: 4)) }
        if let bar = layout.scaleBar { reserved.append(bar.frame) }
        let placer = LabelPlacer(bounds: MapRect(x: 4, y: 4, width: w - 8, height: h - 8), markers: layout.markers,
                                 route: layout.route.map(\.0), routeClearance: MapComposer.routeClearance, reserved: reserved)
        let placements = placer.place(items)
        var labels: [MapLabel] = [], unlabelled: [MapStep] = []
        for (item, placement) in zip(itemCluster, placements) {
            let steps = layout.clusters[item].members.map { places[$0].step }
            if let placement {
                let lines = placement.lines.map { $0.hasPrefix(LabelText.indent) ? String($0.dropFirst(LabelText.indent.count)) : $0 }
                labels.append(MapLabel(steps: steps, lines: lines, frame: placement.box, leader: placement.leader))
            } else {
                unlabelled += steps
            }
        }

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVGText.number(w)) \(SVGText.number(h))\""
            + " width=\"\(SVGText.number(w))\" height=\"\(SVGText.number(h))\" font-family=\"\(Self.fontFamily)\""
        if options.title.isEmpty {
            svg += " aria-hidden=\"true\">"
        } else {
            let title = SVGText.escaped(options.title)
            svg += " role=\"img\" aria-label=\"\(title)\"><title>\(title)</title>"
        }
        svg += "<rect width=\"\(SVGText.number(w))\" height=\"\(SVGText.number(h))\" fill=\"\(style.sea)\"/>"
        // Land, borders, coast.
        let viewport = layout.viewport
        let layer = composer.layer(forScale: viewport.scale)
        let land = LandDrawing(layer: layer, viewport: viewport, clip: MapRect(x: -4, y: -4, width: w + 8, height: h + 8),
                               focus: Set(countries), borders: true, tolerance: 0.8, minimumArea: 2)
        if !land.land.isEmpty {
            // The land's outline is written once, filled, then stroked as the coast above the
            // highlighted countries. Its id comes from its shape, so two different maps on one
            // page never share one, and the same map always gets the same.
            let id = "land-" + SVGText.digest(land.land.text)
            svg += "<defs><path id=\"\(id)\" d=\"\(land.land.text)\"/></defs><use href=\"#\(id)\" fill=\"\(style.land)\"/>"
            svg += Self.path(land.focus, "fill=\"\(style.focusLand)\"")
            if land.strokesLandOutline {
                svg += "<use href=\"#\(id)\" fill=\"none\" stroke=\"\(style.coast)\" stroke-width=\"1.2\" stroke-linejoin=\"round\"/>"
            }
        }
        svg += Self.path(land.borders, "fill=\"none\" stroke=\"\(style.border)\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"")
        svg += Self.path(land.coast, "fill=\"none\" stroke=\"\(style.coast)\" stroke-width=\"1.2\" stroke-linejoin=\"round\"")
        // The route: upstream legs dashed under this batch's, each on a white casing.
        let upstream = Self.lines(layout.route.filter { !$0.main }.map(\.0))
        let main = Self.lines(layout.route.filter(\.main).map(\.0))
        if !upstream.isEmpty || !main.isEmpty {
            svg += "<g fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\">"
            if !upstream.isEmpty {
                svg += "<path d=\"\(upstream)\" stroke=\"\(style.halo)\" stroke-width=\"5\"/>"
                svg += "<path d=\"\(upstream)\" stroke=\"\(style.upstreamRoute)\" stroke-width=\"2.5\" stroke-dasharray=\"7 5\"/>"
            }
            if !main.isEmpty {
                svg += "<path d=\"\(main)\" stroke=\"\(style.halo)\" stroke-width=\"6\"/>"
                svg += "<path d=\"\(main)\" stroke=\"\(style.route)\" stroke-width=\"3\"/>"
            }
            svg += "</g>"
        }
        let leaders = Self.lines(labels.compactMap(\.leader))
        if !leaders.isEmpty { svg += "<path d=\"\(leaders)\" fill=\"none\" stroke=\"\(style.labelText)\" stroke-width=\"1.2\"/>" }
        // Markers.
        var markers: [MapMarker] = []
        svg += "<g stroke=\"\(style.halo)\" stroke-width=\"2\">"
        for (index, cluster) in layout.clusters.enumerated() {
            let frame = layout.markers[index], text = layout.markerTexts[index]
            let n = SVGText.number
            if cluster.atEdge {
                svg += "<circle cx=\"\(n(cluster.anchor.x))\" cy=\"\(n(cluster.anchor.y))\" r=\"4\" fill=\"\(style.halo)\""
                    + " stroke=\"\(style.upstreamRoute)\"/>"
            } else if text.isEmpty {
                svg += "<circle cx=\"\(n(cluster.anchor.x))\" cy=\"\(n(cluster.anchor.y))\" r=\"6\" fill=\"\(style.upstreamRoute)\"/>"
            } else {
                svg += "<rect x=\"\(n(frame.x))\" y=\"\(n(frame.y))\" width=\"\(n(frame.width))\" height=\"\(n(frame.height))\""
                    + " rx=\"\(n(frame.height / 2))\" fill=\"\(style.route)\"/>"
            }
            markers.append(MapMarker(steps: cluster.members.map { places[$0].step }, text: text, frame: frame, center: cluster.anchor))
        }
        svg += "</g>"
        svg += "<g font-size=\"\(SVGText.number(Self.markerFontSize))\" font-weight=\"700\" fill=\"\(style.markerText)\" text-anchor=\"middle\">"
        for (index, cluster) in layout.clusters.enumerated() where !layout.markerTexts[index].isEmpty {
            svg += "<text x=\"\(SVGText.number(cluster.anchor.x))\" y=\"\(SVGText.number(cluster.anchor.y + 0.36 * Self.markerFontSize))\">"
                + SVGText.escaped(layout.markerTexts[index]) + "</text>"
        }
        svg += "</g>"
        // Labels.
        svg += "<g font-size=\"\(SVGText.number(LabelPlacer.fontSize))\" font-weight=\"600\" fill=\"\(style.labelText)\""
            + " stroke=\"\(style.halo)\" stroke-width=\"4\" stroke-linejoin=\"round\" paint-order=\"stroke\">"
        for placement in placements.compactMap({ $0 }) {
            let box = placement.box
            let (x, anchor): (Double, String) = switch placement.alignment {
            case .start: (box.x + LabelPlacer.padding, "")
            case .middle: (box.midX, " text-anchor=\"middle\"")
            case .end: (box.maxX - LabelPlacer.padding, " text-anchor=\"end\"")
            }
            for (line, text) in placement.lines.enumerated() {
                let y = box.y + LabelPlacer.padding + Double(line) * LabelPlacer.lineHeight + LabelPlacer.baseline
                var shown = text, indent = 0.0
                if text.hasPrefix(LabelText.indent) {
                    shown = String(text.dropFirst(LabelText.indent.count))
                    indent = TextMetrics.width(LabelText.indent, fontSize: LabelPlacer.fontSize)
                }
                svg += "<text x=\"\(SVGText.number(x + indent))\" y=\"\(SVGText.number(y))\"\(anchor)>\(SVGText.escaped(shown))</text>"
            }
        }
        svg += "</g>"
        if let bar = layout.scaleBar { svg += Self.scaleBar(bar, style: style) }
        if let inset = layout.inset { svg += Self.inset(inset, composer: composer, countries: countries) }
        svg += "</svg>"
        map = MapSVG(svg: svg, width: w, height: h, labels: labels, markers: markers, route: layout.route.map(\.0),
                     unlabelled: unlabelled, offMap: layout.offMap, inset: layout.inset?.frame,
                     countries: countries.map { composer.base.detail.countries[$0] })
    }

    static func path(_ data: PathData, _ attributes: String) -> String {
        data.isEmpty ? "" : "<path d=\"\(data.text)\" \(attributes)/>"
    }

    /// Segments as path data, joined where one starts at the end of the last.
    static func lines(_ segments: [MapSegment]) -> String {
        var text = "", end: MapPoint?
        for segment in segments {
            if segment.from != end {
                text += "M" + SVGText.number(segment.from.x) + " " + SVGText.number(segment.from.y)
            }
            text += "L" + SVGText.number(segment.to.x) + " " + SVGText.number(segment.to.y)
            end = segment.to
        }
        return text
    }

    static func scaleBar(_ bar: ScaleBar, style: MapStyle) -> String {
        let n = SVGText.number, x0 = bar.origin.x, x1 = bar.origin.x + bar.length, y = bar.origin.y
        let d = "M\(n(x0)) \(n(y - 5))V\(n(y))H\(n(x1))V\(n(y - 5))"
        return "<path d=\"\(d)\" fill=\"none\" stroke=\"\(style.halo)\" stroke-width=\"5\"/>"
            + "<path d=\"\(d)\" fill=\"none\" stroke=\"\(style.labelText)\" stroke-width=\"2\"/>"
            + "<text x=\"\(n(x0))\" y=\"\(n(y - 9))\" font-size=\"\(n(ScaleBar.fontSize))\" fill=\"\(style.labelText)\""
            + " stroke=\"\(style.halo)\" stroke-width=\"3\" paint-order=\"stroke\">\(SVGText.escaped(bar.text))</text>"
    }

    static func inset(_ inset: Inset, composer: MapComposer, countries: [Int]) -> String {
        let style = composer.options.style, n = SVGText.number, frame = inset.frame
        let layer = composer.layer(forScale: inset.viewport.scale)
        let land = LandDrawing(layer: layer, viewport: inset.viewport,
                               clip: MapRect(x: 0, y: 0, width: frame.width, height: frame.height),
                               focus: Set(countries), borders: false, tolerance: 1, minimumArea: 2)
        let view = inset.viewRect
        return "<g transform=\"translate(\(n(frame.x)) \(n(frame.y)))\">"
            + "<rect width=\"\(n(frame.width))\" height=\"\(n(frame.height))\" fill=\"\(style.sea)\"/>"
            + path(land.land, "fill=\"\(style.land)\"") + path(land.focus, "fill=\"\(style.insetFocus)\"")
            + "<rect x=\"\(n(view.x))\" y=\"\(n(view.y))\" width=\"\(n(view.width))\" height=\"\(n(view.height))\""
            + " fill=\"none\" stroke=\"\(style.route)\" stroke-width=\"2\"/>"
            + "<rect x=\"0.5\" y=\"0.5\" width=\"\(n(frame.width - 1))\" height=\"\(n(frame.height - 1))\" fill=\"none\""
            + " stroke=\"\(style.labelText)\" stroke-opacity=\"0.45\"/></g>"
    }
}
