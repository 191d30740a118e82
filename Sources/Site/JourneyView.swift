import PassportModel
import DigitalLink

/// The journey as a timeline with per-leg distances, a total, and the map.
struct JourneyView {
    let context: [String: Any]
    /// The first place, for the hero line ("From Montalcino, Italy").
    let origin: String?

    init(batch: Batch, producer: Producer, l: Localizer) {
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
            PageFrame.put(&row, "role", step.role.isEmpty ? actor?.role : step.role)
            PageFrame.put(&row, "country", actor?.country.map(l.country))
            PageFrame.put(&row, "what", l.text(step.description))
            if index > 0 {
                let leg = points[index - 1].distance(to: points[index])
                total += leg
                if leg >= 0.05 { row["leg"] = "+" + DistanceText.kilometres(leg, l) }
            }
            rows.append(row)
        }
        let firstPlace = Self.placeName(first, producer: producer, l: l)
        origin = firstPlace
        var context: [String: Any] = ["steps": rows]
        if steps.count == 1 || total < 0.05 {
            context["summary"] = l.format("journey_summary_one", ["from": firstPlace])
        } else {
            context["summary"] = l.format("journey_summary", [
                "km": DistanceText.kilometres(total, l), "steps": String(steps.count),
                "from": first.place, "to": last.place,
            ])
        }
        context["total"] = DistanceText.kilometres(total, l)
        var map = JourneyMap(points: points, labels: steps.map(\.place)).context(l, title: l["map_title"])
        map["caption"] = l["map_caption"]
        context["map"] = map
        self.context = context
    }

    private static func placeName(_ step: JourneyStep, producer: Producer, l: Localizer) -> String {
        guard let country = producer.actor(step.actor)?.country else { return step.place }
        return step.place + ", " + l.country(country)
    }
}
