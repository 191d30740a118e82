import PassportModel
import DigitalLink

/// The journey as a timeline with per-leg distances, a total, and the map.
struct JourneyView {
    let context: [String: Any]
    /// Where the product comes from, for the hero: "From Montalcino, Italy", or for a blend of
    /// several sources "From 3 farms around Montalcino".
    let origin: String?

    init(batch: Batch, producer: Producer, map: String?, l: Localizer) {
        let steps = batch.journey
        guard let first = steps.first, let last = steps.last else {
            context = ["summary": l["journey_none"], "steps": [[String: Any]]()]
            origin = nil
            return
        }
        let points = steps.map { GeoPoint(latitude: $0.latitude, longitude: $0.longitude) }
        var total = 0.0
        var rows: [[String: Any]] = []
        for (index, step) in steps.enumerated() {
            let actor = producer.actor(step.actor)
            var row: [String: Any] = ["n": String(index + 1), "date": l.date(step.date),
                                      "date_iso": step.date.description, "place": step.place,
                                      "actor": actor?.name ?? step.actor]
            PageFrame.put(&row, "role", Self.role(step, producer))
            PageFrame.put(&row, "country", actor?.country.map(l.country))
            PageFrame.put(&row, "what", l.text(step.description))
            if index > 0 {
                let leg = points[index - 1].distance(to: points[index])
                total += leg
                if leg >= 0.05 { row["leg"] = "+" + DistanceText.kilometres(leg, l) }
            }
            rows.append(row)
        }
        origin = Self.origin(steps, producer: producer, l: l)
        var context: [String: Any] = ["steps": rows]
        if steps.count == 1 || total < 0.05 {
            context["summary"] = l.format("journey_summary_one", ["from": Self.placeName(first, producer: producer, l: l)])
        } else {
            context["summary"] = l.format("journey_summary", [
                "km": DistanceText.kilometres(total, l), "steps": String(steps.count),
                "from": first.place, "to": last.place,
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
