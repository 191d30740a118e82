import Credentials
internal import PassportNetwork
import PassportModel

/// How record values become UNTP values: classifications, facilities, parties, units.
enum RecordTerms {
    /// A product or material class as a UNTP `Classification`.
    static func classification(_ productClass: ProductClass, language: String) -> Classification {
        let (id, name): (String, String)
        switch productClass.scheme {
        case .cpc: (id, name) = ("https://unstats.un.org/unsd/classifications/Econ/cpc/", "UN Central Product Classification (CPC) Ver. 2.1")
        case .gpc: (id, name) = ("https://www.gs1.org/standards/gpc", "GS1 Global Product Classification (GPC)")
        case .hs: (id, name) = ("https://www.wcoomd.org/en/topics/nomenclature.aspx", "WCO Harmonized System (HS)")
        case .unspsc: (id, name) = ("https://www.unspsc.org/", "United Nations Standard Products and Services Code (UNSPSC)")
        }
        return Classification(code: productClass.code, name: productClass.name.text(in: language), schemeId: id, schemeName: name)
    }

    /// The producer's facility: its GLN as a GS1 Digital Link when it has one, else a fragment of
    /// its site (`https://oliveto.example/#facility`).
    static func facility(_ producer: Producer, baseURL: String) -> FacilityReference {
        FacilityReference(id: producer.facility.gln.map { UNTPVocabulary.glnPrefix + $0 } ?? baseURL + "/#facility",
                          name: producer.facility.name)
    }

    /// A journey step's place, identified by its coordinates (RFC 5870 `geo:` URI).
    static func place(_ step: JourneyStep) -> FacilityReference {
        FacilityReference(id: "geo:\(coordinate(step.latitude)),\(coordinate(step.longitude))", name: step.place)
    }

    /// An actor as a party: its website when it has one, else a fragment of the producer's site.
    static func party(_ actor: Actor?, id: String, baseURL: String) -> PartyReference {
        PartyReference(id: actor?.website ?? baseURL + "/#actor-" + id, name: actor?.name ?? id)
    }

    /// The role a journey step's actor played, from UNTP's fixed list.
    static func partyRole(_ role: String) -> String {
        let role = role.lowercased()
        let table: [(String, [String])] = [
            ("carrier", ["carrier", "transport", "logistic", "ship", "driver", "freight"]),
            ("inspector", ["inspect", "lab", "test", "audit"]),
            ("distributor", ["distribut", "wholesal"]),
            ("retailer", ["retail", "shop", "store"]),
            ("producer", ["grow", "farm", "produc", "harvest", "breed", "fisher"]),
            ("processor", ["mill", "press", "bottl", "process", "pack", "roast", "bak", "brew", "manufactur"]),
        ]
        return table.first { $0.1.contains(where: role.contains) }?.0 ?? "serviceProvider"
    }

    /// The event kind a step is when its record does not say: carriers move goods, inspectors
    /// modify (inspect) them, everyone else makes something.
    static func event(_ step: JourneyStep, role: String) -> LifecycleEvent.Kind {
        switch step.event ?? (partyRole(role) == "carrier" ? .move : partyRole(role) == "inspector" ? .modify : .make) {
        case .make: return .make
        case .move: return .move
        case .modify: return .modify
        }
    }

    /// The GS1 CBV business step recorded for each kind of event.
    static func activity(_ kind: LifecycleEvent.Kind) -> Classification {
        let (code, name) = switch kind {
        case .make: ("commissioning", "Commissioning")
        case .move: ("transporting", "Transporting")
        case .modify: ("inspecting", "Inspecting")
        }
        return Classification(code: code, name: name, schemeId: UNTPVocabulary.businessStepScheme,
                              schemeName: "GS1 Core Business Vocabulary (CBV) business steps")
    }

    /// UNECE Recommendation 20 codes for the units records use, and which dimension they measure.
    static func dimensions(of quantity: Quantity) -> Dimensions? {
        let table: [String: (String, String)] = [
            "ml": ("volume", "MLT"), "cl": ("volume", "CLT"), "l": ("volume", "LTR"),
            "mg": ("weight", "MGM"), "g": ("weight", "GRM"), "kg": ("weight", "KGM"),
            "mm": ("length", "MMT"), "cm": ("length", "CMT"), "m": ("length", "MTR"),
        ]
        guard let (dimension, code) = table[quantity.unit] else { return nil }
        let measure = Measure(value: quantity.value, unit: code)
        switch dimension {
        case "volume": return Dimensions(volume: measure)
        case "weight": return Dimensions(weight: measure)
        default: return Dimensions(length: measure)
        }
    }

    /// A mass-balance amount as a UNECE Recommendation 20 measure (units `H87`, kg `KGM`, l `LTR`).
    static func measure(_ amount: Amount) -> Measure {
        let code = switch amount.unit {
        case .units: "H87"
        case .kg: "KGM"
        case .l: "LTR"
        }
        return Measure(value: amount.value, unit: code)
    }

    /// The media type of an image file, by its extension.
    static func imageType(_ path: String) -> String? {
        switch path.split(separator: ".").last?.lowercased() {
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "webp": return "image/webp"
        default: return nil
        }
    }

    /// Coordinates as written in `geo:` URIs: the shortest form that reads back the same.
    private static func coordinate(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
