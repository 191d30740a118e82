/// Reads `products/<id>.yaml`.
enum ProductRecord {
    static let fields = ["gtin", "name", "description", "story", "category", "net_quantity", "materials",
                         "images", "certifications"]
    static let materialFields = ["name", "origin", "place", "share", "recycled", "hazardous"]

    static func read(_ map: MapReader, id: String) -> Product? {
        let gtin = readGTIN(map)
        let name = map.localized("name", example: "Extra virgin olive oil")
        let description = map.localized("description", required: false, example: "Cold-pressed within 6 hours")
        let story = map.localized("story", required: false, example: "Picked by hand, pressed the same day")
        let category = map.string("category", required: false, example: "Olive oil")
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
        guard let gtin, let name, let quantity else { return nil }
        return Product(id: id, gtin: gtin, name: name, description: description ?? LocalizedText([:]),
                       category: category, story: story, netQuantity: quantity, materials: materials, images: images,
                       certifications: certifications, location: map.reader.location(map.node), fieldLocations: map.fieldLocations)
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
        guard let name, let origin, let share else { return nil }
        return Material(name: name, originCountry: origin, originPlace: place, sharePercent: share,
                        recycledPercent: recycled, hazardous: hazardous)
    }
}

/// A number as people write it: `12`, `12.5`.
func format(_ value: Double) -> String {
    value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
