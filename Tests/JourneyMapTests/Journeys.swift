import Foundation
import JourneyMap

/// Journeys to draw: the example project's, copied by hand from Templates/starter/batches/, and
/// the awkward ones a map must survive.
enum Journeys {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let artifacts = repository.appendingPathComponent(".build/test-artifacts/journeymap")

    /// Loaded once for all tests.
    static let base: BaseMap = {
        do {
            return try BaseMap(directory: repository.appendingPathComponent("Templates/map"))
        } catch {
            fatalError("\(error)")
        }
    }()

    static func steps(_ places: [(String, Double, Double)]) -> [MapStep] {
        places.enumerated().map { MapStep(latitude: $1.1, longitude: $1.2, label: $1.0, number: $0 + 1) }
    }

    /// evo-2026-a.yaml: the lot of extra virgin oil, grove to shop.
    static let extraVirgin = steps([
        ("Podere Rossi, Montalcino", 43.0582, 11.4893),
        ("Castelnuovo dell'Abate", 43.0006, 11.5253),
        ("Sant'Angelo in Colle", 42.9963, 11.4386),
        ("Frantoio Cooperativo, Montalcino", 43.0645, 11.4921),
        ("San Quirico d'Orcia", 43.0584, 11.6046),
        ("Siena", 43.3188, 11.3308),
    ])

    /// novello-2026-s.yaml.
    static let novello = steps([
        ("Podere Rossi, Montalcino", 43.0582, 11.4893),
        ("Frantoio Cooperativo, Montalcino", 43.0645, 11.4921),
        ("San Quirico d'Orcia", 43.0584, 11.6046),
    ])

    /// The bottles' own journey (the example's upstream glassworks, placed at Colle di Val
    /// d'Elsa for the test; its cullet from Empoli).
    static let bottles = [
        MapStep(latitude: 43.7187, longitude: 10.9460, label: "Empoli", number: 1),
        MapStep(latitude: 43.4217, longitude: 11.1253, label: "Vetreria, Colle di Val d'Elsa", number: 2),
    ]

    static let nasty: [(name: String, steps: [MapStep])] = [
        ("eight-at-one-point", steps(Array(repeating: ("Montalcino", 43.0582, 11.4893), count: 8))),
        ("eight-names-at-one-point", steps((1...8).map { ("Podere \($0), Montalcino", 43.0582, 11.4893) })),
        ("first-and-fourth-identical", steps([
            ("Montalcino", 43.0582, 11.4893), ("Buonconvento", 43.1333, 11.4833), ("Torrenieri", 43.0861, 11.5494),
            ("Montalcino", 43.0582, 11.4893), ("Pienza", 43.0766, 11.6788),
        ])),
        ("fiji-to-samoa", steps([
            ("Suva", -18.1416, 178.4419), ("Savusavu", -16.7786, 179.3326), ("Apia", -13.8333, -171.7667),
        ])),
        ("single-point", steps([("Podere Rossi, Montalcino", 43.0582, 11.4893)])),
        ("across-europe", steps([
            ("Montalcino", 43.0582, 11.4893), ("Bologna", 44.4949, 11.3426), ("Verona", 45.4384, 10.9916),
            ("München", 48.1351, 11.5820), ("Frankfurt am Main", 50.1109, 8.6821), ("Rotterdam", 51.9244, 4.4777),
            ("London", 51.5072, -0.1276), ("Paris", 48.8566, 2.3522), ("Lyon", 45.7640, 4.8357),
            ("Milano", 45.4642, 9.1900),
        ])),
        ("across-the-equator", steps([
            ("Kiambu", -1.1714, 36.8356), ("Nairobi", -1.2921, 36.8219), ("Mombasa", -4.0435, 39.6682),
            ("Djibouti", 11.5721, 43.1456), ("Suez", 29.9668, 32.5498), ("Trieste", 45.6495, 13.7768),
        ])),
        ("near-the-pole", steps([
            ("Longyearbyen", 78.2232, 15.6267), ("Ny-Ålesund", 78.9250, 11.9300), ("Sea ice camp", 84.9, 30.0),
            ("Drift station", 85.4, -20.0),
        ])),
        ("hostile-names", steps([
            ("<script>alert(1)</script> & \"quotes\" 'too'", 43.0582, 11.4893), ("Zürich \u{0007}bell", 47.3769, 8.5417),
            ("東京", 35.6762, 139.6503),
        ])),
    ]
}
