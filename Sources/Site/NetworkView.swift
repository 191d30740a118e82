public import DigitalLink

/// What the value network adds to one batch's page: each input with its producer, checked
/// against its signed upstream passport; the upstream journeys, to join to this batch's; and who
/// confirmed each value share. Plain values, handed over by the pipeline after the checks.
public struct BatchNetworkView: Sendable, Hashable {
    /// One input, as checked.
    public struct Input: Sendable, Hashable {
        public var name: String
        public var producer: String
        /// Where the upstream batch was made (country, or first journey place).
        public var place: String?
        public var product: String
        /// The upstream batch's page.
        public var href: String
        public var sha256: String
        /// What this batch uses, e.g. `300 l`.
        public var quantity: String

        public init(name: String, producer: String, place: String?, product: String, href: String, sha256: String,
                    quantity: String) {
            self.name = name
            self.producer = producer
            self.place = place
            self.product = product
            self.href = href
            self.sha256 = sha256
            self.quantity = quantity
        }
    }

    /// One step of an upstream journey.
    public struct Step: Sendable, Hashable {
        public var place: String
        public var latitude: Double
        public var longitude: Double
        public var date: CalendarDate
        public var actor: String
        /// Whose passport the step comes from.
        public var producer: String
        public var what: String?

        public init(place: String, latitude: Double, longitude: Double, date: CalendarDate, actor: String,
                    producer: String, what: String?) {
            self.place = place
            self.latitude = latitude
            self.longitude = longitude
            self.date = date
            self.actor = actor
            self.producer = producer
            self.what = what
        }
    }

    public var inputs: [Input]
    public var upstreamSteps: [Step]
    /// Actor id → the name of who confirmed the share (its signed attestation checked).
    public var confirmedBy: [String: String]

    public init(inputs: [Input] = [], upstreamSteps: [Step] = [], confirmedBy: [String: String] = [:]) {
        self.inputs = inputs
        self.upstreamSteps = upstreamSteps
        self.confirmedBy = confirmedBy
    }
}

extension BatchNetworkView.Step {
    /// Upstream steps in the order the timeline and the map show them: by date, then place.
    static func ordered(_ steps: [BatchNetworkView.Step]) -> [BatchNetworkView.Step] {
        steps.sorted { ($0.date, $0.place) < ($1.date, $1.place) }
    }
}

extension BatchNetworkView {
    /// The Mustache context of the inputs partial.
    func inputsContext(_ l: Localizer) -> [[String: Any]] {
        inputs.map { input in
            var row: [String: Any] = ["name": input.name, "producer": input.producer, "product": input.product,
                                      "sha256": input.sha256, "quantity": input.quantity, "url": input.href,
                                      "checked": l.format("input_checked", ["producer": input.producer])]
            PageFrame.put(&row, "href", Markup.externalHref(input.href))
            PageFrame.put(&row, "place", input.place)
            return row
        }
    }
}
