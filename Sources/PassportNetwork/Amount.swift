/// A quantity in one of the units mass balance works in: units (pieces), kilograms or litres.
///
/// Grams, millilitres and centilitres are converted when read; anything else cannot be balanced.
public struct Amount: Sendable, Hashable, CustomStringConvertible {
    /// The units mass balance is kept in.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        case units = "unit", kg, l
    }

    public var value: Double
    public var unit: Unit

    public init(value: Double, unit: Unit) {
        self.value = value
        self.unit = unit
    }

    /// Reads a value in a unit as records and passports write it (`unit`, `units`, `pcs`, `g`, `kg`,
    /// `ml`, `cl`, `l`); `nil` for a unit mass balance cannot work in.
    public init?(value: Double, unitText: String) {
        switch unitText.lowercased() {
        case "unit", "units", "pcs", "piece", "pieces": self.init(value: value, unit: .units)
        case "kg": self.init(value: value, unit: .kg)
        case "g": self.init(value: value / 1000, unit: .kg)
        case "l": self.init(value: value, unit: .l)
        case "ml": self.init(value: value / 1000, unit: .l)
        case "cl": self.init(value: value / 100, unit: .l)
        default: return nil
        }
    }

    /// `4000 kg`, `1200 units`, `487.5 l`.
    public var description: String {
        let number = Self.format(value)
        switch unit {
        case .units: return "\(number) \(value == 1 ? "unit" : "units")"
        case .kg, .l: return "\(number) \(unit.rawValue)"
        }
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }
}

/// How much of an upstream material one unit of it becomes: `0.16 l/kg` — each kilogram of
/// olives gives 0.16 litres of oil. Declared on an input whose quantity is in another unit than
/// the upstream batch's.
public struct Yield: Sendable, Hashable, CustomStringConvertible {
    /// What comes out (the input's unit), per `per` of the upstream material.
    public var value: Double
    public var output: Amount.Unit
    public var per: Amount.Unit

    public init(value: Double, output: Amount.Unit, per: Amount.Unit) {
        self.value = value
        self.output = output
        self.per = per
    }

    public var description: String { "\(Amount.format(value)) \(output.rawValue)/\(per.rawValue)" }
}
