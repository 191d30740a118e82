/// Reads `passport.yaml`.
enum ProducerRecord {
    static let fields = ["name", "description", "address", "country", "email", "phone", "base_url",
                         "gs1_company_prefix", "languages", "signing_key", "facility", "actors", "brand", "limits"]
    static let facilityFields = ["name", "gln"]
    static let limitFields = ["serialized_units", "labels_per_run"]
    static let actorFields = ["id", "name", "role", "place", "country", "website"]

    static func read(_ map: MapReader) -> Producer? {
        let languages = readLanguages(map)
        let name = map.string("name", example: "Oliveto Cooperative")
        let description = map.localized("description", required: false, example: "Who we are")
        let address = map.string("address", example: "Via degli Ulivi 4, 53024 Montalcino")
        let country = readCountry(map, "country", required: true)
        let email = map.string("email", required: false, example: "info@oliveto.example")
        if let email, !email.contains("@") {
            map.reader.report(map.value("email"), map.field("email"), "\(quoted(email)) is not an e-mail address",
                              fix: "write an address such as info@oliveto.example")
        }
        let phone = map.string("phone", required: false, example: "+39 0577 000000")
        let baseURL = readBaseURL(map)
        let prefix = map.string("gs1_company_prefix", required: false, example: "\"8012345\"")
        if let prefix, !(FieldRules.isDigits(prefix) && (4...12).contains(prefix.count)) {
            map.reader.report(map.value("gs1_company_prefix"), map.field("gs1_company_prefix"),
                              "\(quoted(prefix)) is not a GS1 company prefix",
                              fix: "write the 4 to 12 digits GS1 assigned to you, in quotes")
        }
        let signingKey = map.string("signing_key", example: "main")
        if let signingKey, !FieldRules.isIdentifier(signingKey) {
            map.reader.report(map.value("signing_key"), map.field("signing_key"),
                              "\(quoted(signingKey)) is not a key id",
                              fix: "use lower-case letters, digits and dashes, e.g. `main`")
        }
        let facility = readFacility(map)
        let actors = readActors(map)
        let brand = BrandRecord.read(map)
        let limits = readLimits(map)
        guard let name, let address, let country, let baseURL, let signingKey else { return nil }
        return Producer(name: name, description: description, address: address, country: country,
                        email: email, phone: phone, baseURL: baseURL, gs1CompanyPrefix: prefix,
                        languages: languages, signingKey: signingKey,
                        facility: Facility(name: facility?.name ?? "\(name), \(address)", gln: facility?.gln),
                        actors: actors, brand: brand ?? Brand(), limits: limits,
                        location: map.reader.location(map.node), fieldLocations: map.fieldLocations)
    }

    /// `facility: {name: …, gln: "…"}`; both optional.
    private static func readFacility(_ map: MapReader) -> (name: String?, gln: String?)? {
        guard let entry = map.nested("facility", required: false, allowed: facilityFields,
                                     example: "{name: Frantoio Oliveto, gln: \"8012345000019\"}") else { return nil }
        let name = entry.string("name", required: false, example: "Frantoio Oliveto")
        var gln = entry.string("gln", required: false, example: "\"8012345000019\"")
        if let text = gln, let (problem, fix) = FieldRules.glnProblem(text) {
            entry.reader.report(entry.value("gln"), entry.field("gln"), problem, fix: fix)
            gln = nil
        }
        return (name, gln)
    }

    private static func readLanguages(_ map: MapReader) -> [String] {
        let languages = map.strings("languages", example: "en, it")
        for language in languages where !LanguageCode.isValid(language) {
            map.reader.report(map.value("languages"), map.field("languages"),
                              "\(quoted(language)) is not a language code", fix: "use two-letter codes such as `en`, `it`")
        }
        if Set(languages).count != languages.count {
            map.reader.report(map.value("languages"), map.field("languages"), "a language is listed twice",
                              fix: "list each language once")
        }
        return languages.isEmpty ? ["en"] : languages
    }

    static func readCountry(_ map: MapReader, _ key: String, required: Bool) -> String? {
        guard let country = map.string(key, required: required, example: "IT") else { return nil }
        guard FieldRules.isCountry(country) else {
            map.reader.report(map.value(key), map.field(key), "\(quoted(country)) is not a country code",
                              fix: "use the two capital letters of ISO 3166-1, e.g. `IT`, `GR`, `US`")
            return nil
        }
        return country
    }

    private static func readBaseURL(_ map: MapReader) -> String? {
        guard var url = map.string("base_url", example: "https://oliveto.example") else { return nil }
        while url.hasSuffix("/") { url.removeLast() }
        let rest = url.hasPrefix("https://") ? String(url.dropFirst(8)) : nil
        guard let rest, let host = rest.split(separator: "/").first, !host.isEmpty,
              !url.contains("?"), !url.contains("#"), !url.contains(" "),
              host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-.:".contains($0)) }) else {
            map.reader.report(map.value("base_url"), map.field("base_url"),
                              "\(quoted(url)) is not an https address the site can be published at",
                              fix: "write the address your site will live at, e.g. `https://oliveto.example`"
                                  + " (https is required: it is also your did:web identity)")
            return nil
        }
        return "https://" + host.lowercased() + rest.dropFirst(host.count)
    }

    private static func readLimits(_ map: MapReader) -> ProjectLimits {
        var limits = ProjectLimits.standard
        guard let entry = map.nested("limits", required: false, allowed: limitFields,
                                     example: "{serialized_units: 1000000, labels_per_run: 100000}") else { return limits }
        func read(_ key: String, _ standard: Int) -> Int {
            guard let value = entry.int(key, required: false, example: String(standard)) else { return standard }
            guard (1...ProjectLimits.ceiling).contains(value) else {
                entry.reader.report(entry.value(key), entry.field(key), "\(value) is not between 1 and \(ProjectLimits.ceiling)",
                                    fix: "write a limit in that range (default \(standard))")
                return standard
            }
            return value
        }
        limits.serializedUnits = read("serialized_units", ProjectLimits.standard.serializedUnits)
        limits.labelsPerRun = read("labels_per_run", ProjectLimits.standard.labelsPerRun)
        return limits
    }

    private static func readActors(_ map: MapReader) -> [Actor] {
        var seen: Set<String> = []
        return map.list("actors", required: false, allowed: actorFields,
                        example: "[{id: rossi, name: Podere Rossi, role: grower}]") { entry, _ in
            let id = entry.string("id", example: "rossi")
            let name = entry.string("name", example: "Podere Rossi")
            let role = entry.string("role", example: "grower")
            let place = entry.string("place", required: false, example: "Montalcino")
            let country = readCountry(entry, "country", required: false)
            let website = entry.string("website", required: false, example: "https://rossi.example")
            guard let id, let name, let role else { return nil }
            if !FieldRules.isIdentifier(id) {
                entry.reader.report(entry.value("id"), entry.field("id"), "\(quoted(id)) is not a usable id",
                                    fix: "use lower-case letters, digits and dashes, e.g. `podere-rossi`")
            }
            if !seen.insert(id).inserted {
                entry.reader.report(entry.value("id"), entry.field("id"), "actor id \(quoted(id)) is used twice",
                                    fix: "give each actor its own id")
            }
            return Actor(id: id, name: name, role: role, place: place, country: country, website: website,
                         location: entry.reader.location(entry.node))
        }
    }
}
