import PassportModel

/// Who received what per unit: one row each (name, role, amount, share of the price, bar), plus the
/// rest of the price. A row's `confirmed_by` names who confirmed the share with a signed
/// attestation; otherwise `declared` says the producer declared it.
enum ValueShareView {
    /// - Parameter confirmedBy: actor id → who confirmed that share with a signed attestation.
    static func context(_ batch: Batch, producer: Producer, confirmedBy: [String: String] = [:],
                        _ l: Localizer) -> [String: Any]? {
        guard !batch.valueShares.isEmpty else { return nil }
        let price = batch.retailPrice.flatMap { $0 > 0 ? $0 : nil }
        let currency = batch.retailCurrency ?? batch.valueShares.compactMap(\.currency).first
        let amountTotal = batch.valueShares.compactMap(\.amount).reduce(0, +)
        var rows: [[String: Any]] = []
        var usedPercent = 0.0
        for share in batch.valueShares {
            let actor = producer.actor(share.actor)
            var amount = share.amount
            var percent = share.percent
            if let price {
                if let a = amount { percent = a / price * 100 } else if let p = percent { amount = p / 100 * price }
            }
            let width: Double
            if let percent {
                width = percent
            } else {
                width = amountTotal > 0 ? (amount ?? 0) / amountTotal * 100 : 0
            }
            usedPercent += percent ?? 0
            var shareRow = row(name: actor?.name ?? share.actor, role: actor?.role ?? "", amount: amount,
                               currency: currency, percent: percent, width: width, rest: false, l)
            if let confirmer = confirmedBy[share.actor] {
                shareRow["confirmed_by"] = l.format("share_confirmed_by", ["actor": confirmer])
            } else {
                shareRow["declared"] = l["share_declared"]
            }
            rows.append(shareRow)
        }
        if let price, usedPercent < 99.95 {
            let restPercent = 100 - usedPercent
            rows.append(row(name: l["share_rest"], role: l["share_rest_detail"], amount: restPercent / 100 * price,
                            currency: currency, percent: restPercent, width: restPercent, rest: true, l))
        }
        var context: [String: Any] = ["rows": rows]
        if let price, let currency {
            context["price"] = l.money(price, currency: currency)
            context["intro"] = l.format("share_intro_price", ["price": l.money(price, currency: currency)])
        } else if amountTotal > 0, let currency {
            context["intro"] = l.format("share_intro_amounts", ["total": l.money(amountTotal, currency: currency)])
        } else {
            context["intro"] = l["share_intro_percent"]
        }
        return context
    }

    private static func row(name: String, role: String, amount: Double?, currency: String?, percent: Double?,
                            width: Double, rest: Bool, _ l: Localizer) -> [String: Any] {
        var row: [String: Any] = ["name": name, "role": role, "rest": rest,
                                  "width": Localizer.fixed(min(100, max(0, width)), digits: 1) + "%"]
        // One figure in bold (the amount when there is one), the share of the price beside it.
        let money = amount.flatMap { a in currency.map { l.money(a, currency: $0) } }
        let share = percent.map(l.percent)
        row["main"] = money ?? share ?? "–"
        if money != nil, let share { row["secondary"] = share }
        return row
    }
}
