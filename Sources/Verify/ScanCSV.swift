import Foundation

/// Scan logs as CSV (RFC 4180), the form shops exchange to find copies across a co-op:
/// `scanned_at,shop,verdict,issuer,gtin,lot,serial,units_issued`, one scan per line.
public enum ScanCSV {
    /// The header line's fields.
    public static let columns = ["scanned_at", "shop", "verdict", "issuer", "gtin", "lot", "serial", "units_issued"]

    /// The CSV text for `records` (header first, CRLF line ends as RFC 4180 asks).
    public static func text(_ records: [ScanRecord]) -> String {
        var lines = [columns.joined(separator: ",")]
        for record in records {
            let fields = [record.scannedAt, record.shop, record.verdict, record.issuer, record.gtin, record.lot,
                          record.serial, record.unitsIssued.map(String.init) ?? ""]
            lines.append(fields.map(quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Reads CSV written by `text(_:)`. `path` is used in messages.
    /// - Throws: `VerifyError.invalidScanExport` with the line at fault.
    public static func records(from text: String, path: String) throws(VerifyError) -> [ScanRecord] {
        let rows = try parse(text, path: path)
        guard let header = rows.first else {
            throw .invalidScanExport(path: path, line: 1, reason: "the file is empty")
        }
        guard header.fields == columns else {
            throw .invalidScanExport(path: path, line: 1, reason: "the header must be \(columns.joined(separator: ","))")
        }
        var records: [ScanRecord] = []
        for row in rows.dropFirst() {
            if row.fields == [""] { continue }
            guard row.fields.count == columns.count else {
                throw .invalidScanExport(path: path, line: row.line, reason: "expected \(columns.count) fields, found \(row.fields.count)")
            }
            let f = row.fields
            var units: Int?
            if !f[7].isEmpty {
                guard let value = Int(f[7]), value >= 0 else {
                    throw .invalidScanExport(path: path, line: row.line, reason: "units_issued '\(f[7])' is not a whole number")
                }
                units = value
            }
            guard f[0].count >= 10, !f[4].isEmpty, !f[5].isEmpty else {
                throw .invalidScanExport(path: path, line: row.line, reason: "scanned_at, gtin and lot must not be empty")
            }
            records.append(ScanRecord(scannedAt: f[0], shop: f[1], verdict: f[2], issuer: f[3], gtin: f[4], lot: f[5],
                                      serial: f[6], unitsIssued: units))
        }
        return records
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Splits RFC 4180 text into rows of fields, keeping each row's first line number.
    static func parse(_ text: String, path: String) throws(VerifyError) -> [(line: Int, fields: [String])] {
        var rows: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var afterQuote = false
        var line = 1, rowLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        func endRow() {
            fields.append(field)
            rows.append((rowLine, fields))
            fields = []
            field = ""
            rowLine = line
        }
        while let scalar = pending {
            pending = iterator.next()
            if inQuotes {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = iterator.next()
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                fields.append(field)
                field = ""
                afterQuote = false
            case "\r" where pending == "\n":
                continue
            case "\n", "\r":
                line += 1
                endRow()
                afterQuote = false
            case "\"" where field.isEmpty && !afterQuote:
                inQuotes = true
            default:
                guard !afterQuote else {
                    throw .invalidScanExport(path: path, line: line, reason: "text follows a closing quote")
                }
                field.unicodeScalars.append(scalar)
            }
        }
        guard !inQuotes else { throw .invalidScanExport(path: path, line: rowLine, reason: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }
}
