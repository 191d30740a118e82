public import Credentials
import Foundation

extension Verdict {
    /// The verdict and its reason on one line: `GENUINE — Olio Novello, first pressing · lot N2026S · …`.
    public var line: String { "\(kind.title) — \(reason)" }

    /// The verdict line for a stream of scans, ending with the code it is about, so each line
    /// stands on its own: `TAMPERED — … (code: https://…)`.
    public var lineNamingCode: String { "\(line) (code: \(Self.printable(code)))" }

    /// `text` safe to print on one line: control characters as `\u{…}`, at most 300 characters.
    static func printable(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars.prefix(300) {
            shown += scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }
        return text.unicodeScalars.count > 300 ? shown + " [\(text.unicodeScalars.count) characters in all]" : shown
    }

    /// The checks behind the verdict, one indented line each (`✓`, `!` or `✗`).
    public var detailLines: [String] {
        var lines = checks.map { check -> String in
            let mark: String
            switch check.outcome {
            case .passed: mark = "✓"
            case .warning: mark = "!"
            case .failed: mark = "✗"
            }
            return "  \(mark) \(check.name): \(check.detail)"
        }
        if let earlier = earlierScans {
            lines.append("  ✗ earlier scans: \(earlier.count) (first \(earlier.first), last \(earlier.last), at \(earlier.shops.joined(separator: ", ")))")
        }
        return lines
    }

    /// The verdict for a till system, as JSON (keys sorted, one line).
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "verdict": .string(kind.rawValue),
            "title": .string(kind.title),
            "genuine": .bool(kind.isGenuine),
            "reason": .string(reason),
            "code": .string(code),
            "scannedAt": .string(XSDDateTime.string(from: scannedAt)),
            "checks": .array(checks.map { ["check": .string($0.name), "outcome": .string($0.outcome.rawValue),
                                           "detail": .string($0.detail)] }),
            "warnings": .array(warnings.map { .string($0) }),
        ]
        if let item {
            var product: [String: JSONValue] = ["gtin": .string(item.gtin)]
            if let lot = item.lot { product["lot"] = .string(lot) }
            if let serial = item.serial { product["serial"] = .string(serial) }
            if let name = item.productName { product["name"] = .string(name) }
            if let units = item.unitsIssued { product["unitsIssued"] = .int(units) }
            object["product"] = .object(product)
            if let did = item.producerDID {
                var producer: [String: JSONValue] = ["id": .string(did)]
                if let name = item.producerName { producer["name"] = .string(name) }
                if let network = item.networkName { producer["memberOf"] = .string(network) }
                object["producer"] = .object(producer)
            }
        }
        if let earlier = earlierScans {
            object["earlierScans"] = ["count": .int(earlier.count), "first": .string(earlier.first),
                                      "last": .string(earlier.last), "shops": .array(earlier.shops.map { .string($0) })]
        }
        return .object(object)
    }

    /// `json` as one line of text.
    public var jsonLine: String { json.serializedString() }
}
