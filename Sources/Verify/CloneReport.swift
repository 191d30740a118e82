import Foundation

/// What a co-op learns by putting several shops' scan logs together: serials sighted in more
/// than one shop, and codes sighted more often than units were issued under them. Either means
/// labels were copied (or goods moved between shops — the report says where to look).
public struct CloneReport: Sendable, Equatable {
    /// A serial sighted in more than one shop.
    public struct SharedSerial: Sendable, Equatable {
        public var gtin: String
        public var lot: String
        public var serial: String
        /// Sightings per shop, shops sorted.
        public var shops: [(shop: String, scans: Int, first: String)]

        public static func == (lhs: SharedSerial, rhs: SharedSerial) -> Bool {
            lhs.gtin == rhs.gtin && lhs.lot == rhs.lot && lhs.serial == rhs.serial
                && lhs.shops.elementsEqual(rhs.shops) { $0 == $1 }
        }
    }

    /// A lot-level code sighted more often than units were issued under it.
    public struct Oversighted: Sendable, Equatable {
        public var gtin: String
        public var lot: String
        public var scans: Int
        public var unitsIssued: Int
    }

    /// All scans, merged: duplicates (the same row in two exports) dropped, oldest first.
    public var scans: [ScanRecord]
    public var shops: [String]
    public var sharedSerials: [SharedSerial]
    public var oversighted: [Oversighted]

    /// Whether anything suspicious was found.
    public var isClean: Bool { sharedSerials.isEmpty && oversighted.isEmpty }

    /// Merges the exports and looks for copies. Only sightings of genuine codes count.
    public init(merging exports: [[ScanRecord]]) {
        var seen: Set<ScanRecord> = []
        var merged: [ScanRecord] = []
        for record in exports.joined() where seen.insert(record).inserted { merged.append(record) }
        merged.sort { ($0.scannedAt, $0.shop) < ($1.scannedAt, $1.shop) }
        scans = merged
        shops = Set(merged.map(\.shop)).sorted()

        struct Key: Hashable { var gtin, lot, serial: String }
        var sightings: [Key: [ScanRecord]] = [:]
        for record in merged where ScanRecord.sightingVerdicts.contains(record.verdict) {
            sightings[Key(gtin: record.gtin, lot: record.lot, serial: record.serial), default: []].append(record)
        }
        var shared: [SharedSerial] = []
        var over: [Oversighted] = []
        for (key, records) in sightings {
            if key.serial.isEmpty {
                if let units = records.compactMap(\.unitsIssued).max(), records.count > units {
                    over.append(Oversighted(gtin: key.gtin, lot: key.lot, scans: records.count, unitsIssued: units))
                }
            } else {
                let byShop = Dictionary(grouping: records, by: \.shop)
                if byShop.count > 1 {
                    shared.append(SharedSerial(gtin: key.gtin, lot: key.lot, serial: key.serial, shops: byShop.keys.sorted().map { shop in
                        let list = byShop[shop] ?? []
                        return (shop, list.count, list.map(\.scannedAt).min() ?? "")
                    }))
                }
            }
        }
        sharedSerials = shared.sorted { ($0.gtin, $0.lot, $0.serial) < ($1.gtin, $1.lot, $1.serial) }
        oversighted = over.sorted { ($0.gtin, $0.lot) < ($1.gtin, $1.lot) }
    }

    /// The report for people, one finding per line.
    public var lines: [String] {
        var lines = ["Merged \(scans.count) scan\(scans.count == 1 ? "" : "s") from \(shops.count) shop\(shops.count == 1 ? "" : "s") (\(shops.joined(separator: ", ")))."]
        if isClean {
            lines.append("No serial was seen in more than one shop, and no code more often than units were issued.")
            return lines
        }
        if !sharedSerials.isEmpty {
            lines.append("Serials seen in more than one shop (possible copies):")
            for entry in sharedSerials {
                let where_ = entry.shops.map { "\($0.shop) (\($0.scans)×, first \($0.first))" }.joined(separator: ", ")
                lines.append("  GTIN \(entry.gtin) lot \(entry.lot) serial \(entry.serial): \(where_)")
            }
        }
        if !oversighted.isEmpty {
            lines.append("Lot codes scanned more often than units were issued (possible copies):")
            for entry in oversighted {
                lines.append("  GTIN \(entry.gtin) lot \(entry.lot): \(entry.scans) genuine scans, \(entry.unitsIssued) units issued")
            }
        }
        return lines
    }
}
