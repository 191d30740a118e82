import Foundation
import PassportModel
import JourneyMap

/// A point on Earth in degrees.
struct GeoPoint: Sendable, Hashable {
    var latitude: Double
    var longitude: Double

    /// Mean Earth radius (IUGG), km.
    static let earthRadius = 6371.0088

    /// Great-circle distance in km (haversine).
    func distance(to other: GeoPoint) -> Double {
        let lat1 = latitude * .pi / 180, lat2 = other.latitude * .pi / 180
        let dLat = lat2 - lat1
        let dLon = (other.longitude - longitude) * .pi / 180
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1) * cos(lat2) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * Self.earthRadius * asin(min(1, sqrt(a)))
    }
}

/// Distances as people read them: one decimal below 10 km, whole km above, `< 0.1 km` near zero.
enum DistanceText {
    static func kilometres(_ km: Double, _ localizer: Localizer) -> String {
        if km < 0.05 { return localizer.format("km", ["n": localizer.number(0, digits: 0)]) }
        if km < 10 { return localizer.format("km", ["n": localizer.plain((km * 10).rounded() / 10)]) }
        return localizer.format("km", ["n": String(Int(km.rounded()))])
    }
}

/// The journey maps of a build, drawn once per distinct journey and language before any page is
/// rendered (batches of one product usually share their journey), on all cores.
struct SiteMaps: Sendable {
    /// Map key (see `key`) → the `<svg>` element.
    let svgs: [String: String]

    /// - Parameter network: per batch id, the upstream steps joined before the batch's own.
    init(project: Project, localizers: [Localizer], base: BaseMap?, network: [String: BatchNetworkView] = [:]) {
        guard let base else { svgs = [:]; return }
        var list: [(key: String, steps: [MapStep], title: String)] = []
        var seen = Set<String>()
        for l in localizers {
            for batch in project.batches where !batch.journey.isEmpty {
                let steps = Self.steps(batch, upstream: network[batch.id]?.upstreamSteps ?? [])
                let key = Self.key(steps, language: l.language)
                if seen.insert(key).inserted { list.append((key, steps, l["map_title"])) }
            }
        }
        let jobs = list
        let results = LockedResults<String>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let job = jobs[index]
            let options = MapOptions(width: 480, height: 400, title: job.title, style: Self.style)
            results.set(index, JourneyMap.render(steps: job.steps, base: base, options: options)?.svg)
        }
        var svgs: [String: String] = [:]
        for (index, job) in jobs.enumerated() { svgs[job.key] = results.value(index) }
        self.svgs = svgs
    }

    /// The map of a batch's journey in a language, if it has one.
    func svg(_ batch: Batch, upstream: [BatchNetworkView.Step] = [], language: String) -> String? {
        svgs[Self.key(Self.steps(batch, upstream: upstream), language: language)]
    }

    /// The map's steps: the upstream journeys (as the timeline orders them), then the batch's own.
    static func steps(_ batch: Batch, upstream: [BatchNetworkView.Step] = []) -> [MapStep] {
        let points = BatchNetworkView.Step.ordered(upstream).map { ($0.latitude, $0.longitude, $0.place) }
            + batch.journey.map { ($0.latitude, $0.longitude, $0.place) }
        return points.enumerated().map { index, point in
            MapStep(latitude: point.0, longitude: point.1, label: point.2, number: index + 1)
        }
    }

    static func key(_ steps: [MapStep], language: String) -> String {
        language + "|" + steps.map { "\($0.latitude),\($0.longitude),\($0.label)" }.joined(separator: "|")
    }

    /// Muted land and sea; the route and markers take `currentColor`, which the stylesheet sets to
    /// the brand colour (and to grey when the verdict is a warning), so one map serves every state.
    static let style: MapStyle = {
        var style = MapStyle()
        style.route = "currentColor"
        style.insetFocus = "#d9cdb8"
        return style
    }()
}

/// Results of a concurrent loop, one slot per iteration.
final class LockedResults<Value>: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private let lock = NSLock()
    private var values: [Value?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value?) { lock.withLock { values[index] = value } }

    func value(_ index: Int) -> Value? { lock.withLock { values[index] } }
}
