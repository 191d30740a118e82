import Foundation

/// Reads `value_shares` and checks that they add up: one currency, never more than the whole.
enum ValueShareRules {
    static func read(_ map: MapReader, retailPrice: Double?, retailCurrency: String?) -> [ValueShare] {
        let shares: [ValueShare] = map.list("value_shares", required: false, allowed: BatchRecord.shareFields,
                                            example: "[{actor: rossi, amount: 4.10, currency: EUR}]") { entry, _ in
            let actor = entry.string("actor", example: "rossi")
            let hasAmount = entry.has("amount"), hasPercent = entry.has("percent")
            if hasAmount == hasPercent {
                entry.reader.report(entry.node, entry.path, "give either `amount` with `currency`, or `percent`",
                                    fix: "e.g. `{actor: rossi, amount: 4.10, currency: EUR}` or `{actor: rossi, percent: 22}`")
                return nil
            }
            var amount: Double?, currency: String?, percent: Double?
            if hasAmount {
                amount = entry.double("amount", example: "4.10")
                currency = BatchRecord.readCurrency(entry)
                if let value = amount, value < 0 {
                    entry.reader.report(entry.value("amount"), entry.field("amount"), "amount is negative",
                                        fix: "write what the actor received per unit, 0 or more")
                    return nil
                }
                guard amount != nil, currency != nil else { return nil }
            } else {
                percent = entry.double("percent", example: "22")
                guard let value = percent else { return nil }
                if !(0...100).contains(value) {
                    entry.reader.report(entry.value("percent"), entry.field("percent"),
                                        "\(format(value))% is not a share", fix: "write a percentage between 0 and 100")
                    return nil
                }
            }
            guard let actor else { return nil }
            return ValueShare(actor: actor, amount: amount, currency: currency, percent: percent,
                              location: entry.reader.location(entry.node))
        }
        check(shares, map: map, retailPrice: retailPrice, retailCurrency: retailCurrency)
        return shares
    }

    private static func check(_ shares: [ValueShare], map: MapReader, retailPrice: Double?, retailCurrency: String?) {
        guard !shares.isEmpty, let node = map.value("value_shares") else { return }
        let currencies = Set(shares.compactMap(\.currency) + (retailCurrency.map { [$0] } ?? []))
        if currencies.count > 1 {
            map.reader.report(node, map.field("value_shares"),
                              "mixed currencies (\(currencies.sorted().joined(separator: ", ")))",
                              fix: "convert every amount, and the retail price, to one currency")
            return
        }
        let percentTotal = shares.compactMap(\.percent).reduce(0, +)
        let amountTotal = shares.compactMap(\.amount).reduce(0, +)
        if let retailPrice {
            let total = percentTotal + amountTotal / retailPrice * 100
            if total > 100.0001 {
                map.reader.report(node, map.field("value_shares"),
                                  "shares add up to \(format((total * 10).rounded() / 10))% of the retail price, over 100%",
                                  fix: "check the amounts; together they cannot exceed the retail price \(String(format: "%.2f", retailPrice)) \(retailCurrency ?? "")")
            }
        } else if percentTotal > 100.0001 {
            map.reader.report(node, map.field("value_shares"),
                              "shares add up to \(format(percentTotal))%, over 100%",
                              fix: "make the `percent` values add up to 100 or less")
        } else if percentTotal > 0 && amountTotal > 0 {
            map.reader.report(node, map.field("value_shares"), "amounts and percentages are mixed without a retail price",
                              fix: "add `retail_price: {amount: …, currency: …}` so both can be compared")
        }
    }
}
