import PassportModel
import DigitalLink

/// The journey as a timeline with per-leg distances, a total, and the map.
struct JourneyView {
    let context: [String: Any]
    /// Where the product comes from, for the hero: "From Montalcino, Italy", or for a blend of
    /// several sources "From 3 farms around Montalcino".
    let origin: String?

    /// - Parameter upstream: the steps of the upstream batches' journeys (from their signed
    ///   passports), joined before this batch's own, each marked with whose passport it is from.
    init(batch: Batch, producer: Producer, upstream: [BatchNetworkView.Step] = [], map: String?, l: Localizer) {
        let steps = batch.journey
        guard let first = steps.first, let last = steps.last else {
            context = ["summary": l["journey_none"], "steps": [[String: Any]]()]
            origin = nil
            return
        }
        var rows: [[String: Any]] = []
        var points: [GeoPoint] = []
        for step in BatchNetworkView.Step.ordered(upstream) {
            var row: [String: Any] = ["date": l.date(step.date), "date_iso": step.date.description, "place": step.place,
                                      "actor": step.actor,
                                      "from": l.format("journey_from_upstream", ["producer": step.producer])]
            PageFrame.put(&row, "what", step.what)
            rows.append(row)
            points.append(GeoPoint(latitude: step.latitude, longitude: step.longitude))
        }
        for step in steps {
            let actor = producer.actor(step.actor)
            var row: [String: Any] = ["date": l.date(step.date), "date_iso": step.date.description, "place": step.place,
                                      "actor": actor?.name ?? step.actor]
            PageFrame.put(&row, "role", Self.role(step, producer))
            PageFrame.put(&row, "country", actor?.country.map(l.country))
            PageFrame.put(&row, "what", l.text(step.description))
            rows.append(row)
            points.append(GeoPoint(latitude: step.latitude, longitude: step.longitude))
        }
        var total = 0.0
        for index in rows.indices {
            rows[index]["n"] = String(index + 1)
            guard index > 0 else { continue }
            let leg = points[index - 1].distance(to: points[index])
            total += leg
            if leg >= 0.05 { rows[index]["leg"] = "+" + DistanceText.kilometres(leg, l) }
        }
        origin = Self.origin(steps, producer: producer, l: l)
        var context: [String: Any] = ["steps": rows]
        if rows.count == 1 || total < 0.05 {
            context["summary"] = l.format("journey_summary_one", ["from": Self.placeName(first, producer: producer, l: l)])
        } else {
            context["summary"] = l.format("journey_summary", [
                "km": DistanceText.kilometres(total, l), "steps": String(rows.count),
                "from": (rows.first?["place"] as? String) ?? first.place, "to": last.place,
            ])
        }
        context["total"] = DistanceText.kilometres(total, l)
        if let map { context["map"] = ["svg": map, "caption": l["map_caption"]] }
        self.context = context
    }

    /// The step's role as recorded, else its actor's.
    static func role(_ step: JourneyStep, _ producer: Producer) -> String? {
        step.role.isEmpty ? producer.actor(step.actor)?.role : step.role
    }

    /// The opening steps that share the first step's role are the sources: one source reads
    /// "From <place>, <country>"; several read "From 3 farms around <the first one's town>".
    static func origin(_ steps: [JourneyStep], producer: Producer, l: Localizer) -> String? {
        guard let first = steps.first else { return nil }
        let role = Self.role(first, producer)
        let sources = steps.prefix { Self.role($0, producer) == role }
        let actors = Set(sources.map(\.actor))
        guard actors.count > 1 else {
            return l.format("origin_from", ["place": placeName(first, producer: producer, l: l)])
        }
        let place = producer.actor(first.actor)?.place ?? first.place
        let key = "origin_blend_" + (role ?? "").lowercased()
        let template = l.strings[key] != nil ? key : "origin_blend"
        return l.format(template, ["n": String(actors.count), "place": place])
    }

    private static func placeName(_ step: JourneyStep, producer: Producer, l: Localizer) -> String {
        guard let country = producer.actor(step.actor)?.country else { return step.place }
        return step.place + ", " + l.country(country)
    }
}
