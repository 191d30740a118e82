import Yams
/// Reads `products/<id>.yaml`.
enum ProductRecord {
    static let fields = ["gtin", "name", "description", "story", "category", "country_of_production", "net_quantity",
                         "materials", "images", "certifications"]
    static let codeFields = ProductClass.Scheme.allCases.map(\.rawValue)
    static let categoryFields = ["name"] + codeFields
    static let materialFields = ["name", "origin", "place", "share", "recycled", "hazardous"] + codeFields
    /// Where to find a code, for messages.
    static let codeHelp = "find the UN CPC code at https://unstats.un.org/unsd/classifications/Econ/cpc (or give a GS1 GPC brick as `gpc:`, an HS code as `hs:`, a UNSPSC code as `unspsc:`)"

    static func read(_ map: MapReader, id: String) -> Product? {
        let gtin = readGTIN(map)
        let name = map.localized("name", example: "Extra virgin olive oil")
        let description = map.localized("description", required: false, example: "Cold-pressed within 6 hours")
        let story = map.localized("story", required: false, example: "Picked by hand, pressed the same day")
        let category = readCategory(map)
        let country = ProducerRecord.readCountry(map, "country_of_production", required: false)
        let quantity = readQuantity(map, "net_quantity", required: true)
        let materials = map.list("materials", required: false, allowed: materialFields,
                                 example: "[{name: Olives, origin: IT, share: 100}]") { entry, _ in
            readMaterial(entry)
        }
        let total = materials.reduce(0) { $0 + $1.sharePercent }
        if total > 100.0001 {
            map.reader.report(map.value("materials"), map.field("materials"),
                              "material shares add up to \(format(total))%, more than 100%",
                              fix: "make the `share` values add up to 100 or less")
        }
        let images = map.strings("images", example: "images/bottle.jpg")
        let certifications = map.strings("certifications", example: "organic")
        guard let gtin, let name, let quantity, let category else { return nil }
        return Product(id: id, gtin: gtin, name: name, description: description ?? LocalizedText([:]),
                       category: category, countryOfProduction: country, story: story, netQuantity: quantity,
                       materials: materials, images: images,
                       certifications: certifications, location: map.reader.location(map.node), fieldLocations: map.fieldLocations)
    }

    /// `category: {name: Olive oil, cpc: "21673"}`: a name and one classification code.
    private static func readCategory(_ map: MapReader) -> ProductClass? {
        let example = "{name: Olive oil, cpc: \"21673\"}"
        if let node = map.value("category"), let text = node.scalar?.string {
            map.reader.report(node, map.field("category"), "`\(text)` has no classification code, which UNTP 0.7.0 requires",
                              fix: "write `category: {name: \(text), cpc: \"…\"}`; \(codeHelp)")
            return nil
        }
        guard let entry = map.nested("category", required: true, allowed: categoryFields, example: example) else {
            return nil
        }
        let name = entry.localized("name", example: "Olive oil")
        guard let (scheme, code) = readCode(entry, example: example), let name else { return nil }
        return ProductClass(scheme: scheme, code: code, name: name)
    }

    /// The one code of `cpc`, `gpc`, `hs` or `unspsc` in an entry.
    static func readCode(_ entry: MapReader, example: String) -> (ProductClass.Scheme, String)? {
        let given = ProductClass.Scheme.allCases.filter { entry.has($0.rawValue) }
        guard let scheme = given.first else {
            entry.reader.report(entry.node, entry.path, "no classification code (`cpc`, `gpc`, `hs` or `unspsc`)",
                                fix: "add one, e.g. `\(example)`; \(codeHelp)")
            return nil
        }
        if given.count > 1 {
            entry.reader.report(entry.value(given[1].rawValue), entry.field(given[1].rawValue),
                                "give one classification code, not \(given.map(\.rawValue).joined(separator: " and "))",
                                fix: "keep the one you are surest of")
            return nil
        }
        guard let code = entry.string(scheme.rawValue, example: "\"21673\"") else { return nil }
        if let (problem, fix) = FieldRules.classCodeProblem(code, scheme: scheme) {
            entry.reader.report(entry.value(scheme.rawValue), entry.field(scheme.rawValue), problem, fix: fix)
            return nil
        }
        return (scheme, code)
    }

    private static func readGTIN(_ map: MapReader) -> String? {
        guard let text = map.string("gtin", example: "\"08012345678901\"") else { return nil }
        if let (problem, fix) = FieldRules.gtinProblem(text) {
            map.reader.report(map.value("gtin"), map.field("gtin"), problem, fix: fix)
            return nil
        }
        return FieldRules.normalisedGTIN(text)
    }

    /// `500 ml`, `1 kg`, `12 units`.
    static func readQuantity(_ map: MapReader, _ key: String, required: Bool) -> Quantity? {
        guard let text = map.string(key, required: required, example: "500 ml") else { return nil }
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, let value = Double(parts[0]), value > 0, value <= 1e12,
              FieldRules.quantityUnits.contains(String(parts[1])) else {
            map.reader.report(map.value(key), map.field(key), "\(quoted(text)) is not a quantity",
                              fix: "write a positive number (at most 10¹²), a space and a unit (\(FieldRules.quantityUnits.joined(separator: ", "))), e.g. `500 ml`")
            return nil
        }
        return Quantity(value: value, unit: String(parts[1]))
    }

    private static func readMaterial(_ entry: MapReader) -> Material? {
        let name = entry.localized("name", example: "Olives")
        let origin = ProducerRecord.readCountry(entry, "origin", required: true)
        let place = entry.string("place", required: false, example: "Montalcino, Tuscany")
        let share = entry.double("share", example: "100")
        if let share, !(0...100).contains(share) {
            entry.reader.report(entry.value("share"), entry.field("share"), "\(format(share))% is not a share",
                                fix: "write a percentage between 0 and 100")
        }
        let recycled = entry.double("recycled", required: false, example: "0")
        if let recycled, !(0...100).contains(recycled) {
            entry.reader.report(entry.value("recycled"), entry.field("recycled"),
                                "\(format(recycled))% is not a share", fix: "write a percentage between 0 and 100")
        }
        let hazardous = entry.bool("hazardous", default: false)
        let code = readCode(entry, example: "cpc: \"01450\"")
        guard let name, let origin, let share, let (scheme, code) = code else { return nil }
        return Material(name: name, originCountry: origin, originPlace: place, sharePercent: share,
                        materialClass: ProductClass(scheme: scheme, code: code, name: name),
                        recycledPercent: recycled, hazardous: hazardous)
    }
}

/// A number as people write it: `12`, `12.5`.
func format(_ value: Double) -> String {
    value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
