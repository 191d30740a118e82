import DigitalLink
/// Reads `batches/<id>.yaml`.
enum BatchRecord {
    static let fields = ["product", "lot", "production_date", "best_before", "expiry", "quantity",
                         "serialized", "retail_price", "journey", "value_shares", "inputs", "recall"]
    static let serialFields = ["prefix", "first", "count", "digits"]
    static let priceFields = ["amount", "currency"]
    static let stepFields = ["actor", "role", "place", "lat", "lon", "date", "what", "event"]
    static let shareFields = ["actor", "amount", "currency", "percent"]
    static let inputFields = ["name", "passport", "sha256", "quantity"]
    static let recallFields = ["date", "reason"]

    static func read(_ map: MapReader, id: String, limits: ProjectLimits = .standard) -> Batch? {
        let product = map.string("product", example: "extra-virgin-500ml")
        let lot = map.string("lot", example: "L2026A")
        if let lot, let (problem, fix) = FieldRules.gs1TextProblem(lot) {
            map.reader.report(map.value("lot"), map.field("lot"), problem, fix: fix)
        }
        let production = map.date("production_date")
        let bestBefore = map.date("best_before", required: false)
        let expiry = map.date("expiry", required: false)
        for (key, date) in [("best_before", bestBefore), ("expiry", expiry)] {
            if let date, let production, date <= production {
                map.reader.report(map.value(key), map.field(key),
                                  "\(date) is not after the production date \(production)",
                                  fix: "check both dates; \(key) must come after production_date")
            }
        }
        let quantity = map.int("quantity", example: "1200")
        if let quantity, quantity <= 0 {
            map.reader.report(map.value("quantity"), map.field("quantity"), "must be at least 1",
                              fix: "write how many units the batch holds")
        }
        let serials = readSerials(map, quantity: quantity, limits: limits)
        var retailPrice: Double?, retailCurrency: String?
        if let price = map.nested("retail_price", required: false, allowed: priceFields,
                                  example: "{amount: 18.50, currency: EUR}") {
            retailPrice = price.double("amount", example: "18.50")
            retailCurrency = readCurrency(price)
        }
        let journey = readJourney(map)
        let shares = ValueShareRules.read(map, retailPrice: retailPrice, retailCurrency: retailCurrency)
        let inputs = readInputs(map)
        var recall: Recall?
        if let entry = map.nested("recall", required: false, allowed: recallFields,
                                  example: "{date: 2026-11-02, reason: ...}") {
            let date = entry.date("date")
            let reason = entry.localized("reason", example: "Glass fragments found in some bottles")
            if let date, let reason { recall = Recall(date: date, reason: reason) }
        }
        guard let product, let lot, let production, let quantity else { return nil }
        return Batch(id: id, product: product, lot: lot, productionDate: production, bestBefore: bestBefore,
                     expiry: expiry, quantity: quantity, serials: serials, retailPrice: retailPrice,
                     retailCurrency: retailCurrency, journey: journey, valueShares: shares, inputs: inputs,
                     recall: recall, location: map.reader.location(map.node), fieldLocations: map.fieldLocations)
    }

    static func readCurrency(_ map: MapReader) -> String? {
        guard let currency = map.string("currency", example: "EUR") else { return nil }
        guard FieldRules.isCurrency(currency) else {
            map.reader.report(map.value("currency"), map.field("currency"), "\(quoted(currency)) is not a currency code",
                              fix: "use the three capital letters of ISO 4217, e.g. `EUR`, `USD`")
            return nil
        }
        return currency
    }

    private static func readSerials(_ map: MapReader, quantity: Int?, limits: ProjectLimits) -> SerialRange? {
        guard let entry = map.nested("serialized", required: false, allowed: serialFields,
                                     example: "{first: 1, count: 500, digits: 6}") else { return nil }
        let prefix = entry.string("prefix", required: false, example: "A") ?? ""
        let first = entry.int("first", required: false, example: "1") ?? 1
        let count = entry.int("count", example: "500")
        let digits = entry.int("digits", required: false, example: "6") ?? 6
        guard let count else { return nil }
        // Every number is checked for range before any arithmetic on it.
        if first < 0 || count < 1 || !(1...18).contains(digits) {
            entry.reader.report(entry.node, entry.path, "first must be 0 or more, count 1 or more, digits 1 to 18",
                                fix: "e.g. `serialized: {first: 1, count: 500, digits: 6}`")
            return nil
        }
        if count > limits.serializedUnits {
            entry.reader.report(entry.value("count"), entry.field("count"),
                                "\(count) units is more than the \(limits.serializedUnits) a serialized batch may number",
                                fix: "split the batch, or raise `limits: {serialized_units: …}` in passport.yaml (at most \(ProjectLimits.ceiling))")
            return nil
        }
        if let problem = SerialRange.problem(first: first, count: count, digits: digits) {
            entry.reader.report(entry.value("first") ?? entry.node, entry.field("first"), problem,
                                fix: "start the serials at a smaller number, e.g. `first: 1`")
            return nil
        }
        let range = SerialRange(prefix: prefix, first: first, count: count, digits: digits)
        if let quantity, count > quantity {
            entry.reader.report(entry.value("count"), entry.field("count"),
                                "\(count) serials for a batch of \(quantity) units",
                                fix: "serialize at most `quantity` units")
        }
        let longest = range.serial(range.last)
        if let (problem, fix) = FieldRules.gs1TextProblem(longest) {
            entry.reader.report(entry.node, entry.path, "the serial \(problem)", fix: fix)
            return nil
        }
        return range
    }

    private static func readJourney(_ map: MapReader) -> [JourneyStep] {
        let steps: [JourneyStep] = map.list("journey", required: true, allowed: stepFields,
                                            example: "[{actor: rossi, place: Montalcino, lat: 43.05, lon: 11.49, date: 2026-10-12}]") { entry, _ in
            let actor = entry.string("actor", example: "rossi")
            let role = entry.string("role", required: false, example: "grower") ?? ""
            let place = entry.string("place", example: "Montalcino")
            let lat = entry.double("lat", example: "43.05")
            let lon = entry.double("lon", example: "11.49")
            if let lat, !(-90...90).contains(lat) {
                entry.reader.report(entry.value("lat"), entry.field("lat"), "latitude \(format(lat)) is out of range",
                                    fix: "latitude lies between -90 and 90; did you swap lat and lon?")
            }
            if let lon, !(-180...180).contains(lon) {
                entry.reader.report(entry.value("lon"), entry.field("lon"), "longitude \(format(lon)) is out of range",
                                    fix: "longitude lies between -180 and 180")
            }
            let date = entry.date("date")
            let what = entry.localized("what", required: false, example: "Hand-picked olives")
            var event: JourneyEvent?
            if let text = entry.string("event", required: false, example: "move") {
                event = JourneyEvent(rawValue: text)
                if event == nil {
                    let names = JourneyEvent.allCases.map(\.rawValue)
                    let fix = closestMatch(to: text, in: names).map { "did you mean `\($0)`?" }
                        ?? "write `make` (something made or transformed), `move` (transported) or `modify` (inspected, repaired)"
                    entry.reader.report(entry.value("event"), entry.field("event"), "`\(text)` is not a kind of event", fix: fix)
                }
            }
            guard let actor, let place, let lat, let lon, let date,
                  (-90...90).contains(lat), (-180...180).contains(lon) else { return nil }
            return JourneyStep(actor: actor, role: role, place: place, latitude: lat, longitude: lon, date: date,
                               description: what ?? LocalizedText([:]), event: event,
                               location: entry.reader.location(entry.node))
        }
        for (previous, step) in zip(steps, steps.dropFirst()) where step.date < previous.date {
            map.reader.sink.report(step.location, "journey", "step on \(step.date) comes after a step on \(previous.date)",
                                   fix: "list the journey in the order it happened, or correct the dates")
        }
        return steps
    }

    private static func readInputs(_ map: MapReader) -> [UpstreamInput] {
        map.list("inputs", required: false, allowed: inputFields,
                 example: "[{name: Glass bottle, passport: https://…/dpp.jwt, sha256: …}]") { entry, _ in
            let name = entry.localized("name", example: "Glass bottle")
            let url = entry.string("passport", example: "https://vetreria.example/01/…/dpp.jwt")
            if let url, !url.hasPrefix("https://") || url.contains(" ") {
                entry.reader.report(entry.value("passport"), entry.field("passport"),
                                    "\(quoted(url)) is not an https address", fix: "link the upstream passport by its https URL")
            }
            let digest = entry.string("sha256", example: "<64 hex characters>")
            if let digest, !FieldRules.isSHA256Hex(digest) {
                entry.reader.report(entry.value("sha256"), entry.field("sha256"),
                                    "not a SHA-256 digest (64 lower-case hex characters)",
                                    fix: "run `sha256sum` on the upstream passport file and paste the digest")
            }
            let quantity = ProductRecord.readQuantity(entry, "quantity", required: false)
            guard let name, let url, let digest, FieldRules.isSHA256Hex(digest) else { return nil }
            return UpstreamInput(name: name, passportURL: url, sha256: digest, quantity: quantity,
                                 location: entry.reader.location(entry.node))
        }
    }
}
