import Credentials
import Foundation
import DigitalLink

/// The checks made once a code's producer is known: unit signature, batch and passport, serial
/// range, recall, certificates, dates and the bundle's age — in that order, stopping at the
/// first that decides the verdict.
struct BatchEvaluation {
    let verifier: Verifier
    let code: ScannedCode
    let producer: TrustedProducer
    let bundle: LoadedBundle?
    let now: Date

    func conclude(_ start: Verdict) -> Verdict {
        var verdict = start
        let entry = bundle?.entry(gtin: code.gtin, lot: code.lot)

        // The unit signature first: an altered serial, lot or GTIN shows up here.
        if let serial = code.serial {
            if let signature = code.signature {
                let path = code.signedPath(serial: serial)
                guard let key = UnitSignature.verify(identifier: path, signature: signature, candidates: producer.keys) else {
                    let keys = producer.keys.map { "\($0.id) \(verifier.fingerprints[$0.id] ?? $0.fingerprint)" }
                    return verdict.concluding(.tampered, "the unit signature does not match: the serial, lot, GTIN or signature in this code was altered, or the code was forged — unless \(producer.name) has changed its signing key (then import its new bundle and scan again)",
                                              check: .init("unit signature", .failed, "no key this shop trusts for \(producer.name) (\(keys.joined(separator: "; "))) signed \(path) with this signature; if \(producer.name) told you it changed its key, accept the new one with `passport trust import BUNDLE --trust-producer` (its new bundle.json)"))
                }
                let fingerprint = verifier.fingerprints[key.id] ?? key.fingerprint
                verdict.checks.append(.init("unit signature", .passed, "signed by \(key.id) (\(fingerprint))"))
            } else if entry?.serials != nil {
                if code.form == .digitalLink {
                    return verdict.concluding(.tampered, "the code has a serial number but no producer signature; \(producer.name) signs every unit code, so this label is not theirs",
                                              check: .init("unit signature", .failed, "the code carries no signature (s=…)"))
                }
                verdict.checks.append(.init("unit signature", .warning, "typed without its signature, so this unit could not be authenticated; scan the QR code to check it"))
            }
        }

        guard let bundle else {
            let why = verifier.bundleProblems[producer.did].map { "\(producer.name)'s bundle cannot be used: \($0.description)" }
                ?? "no verification bundle from \(producer.name) is imported; import it with `passport trust import`"
            return verdict.concluding(.unknownProduct, why, check: .init("bundle", .failed, why))
        }
        guard let entry else {
            let made = XSDDateTime.string(from: bundle.createdAt)
            let why = bundle.lists(gtin: code.gtin)
                ? "lot \(code.lot) of GTIN \(code.gtin) is not in \(producer.name)'s bundle (made \(made)); if the batch is new, import a newer bundle"
                : "GTIN \(code.gtin) is not a product in \(producer.name)'s bundle (made \(made))"
            return verdict.concluding(.unknownProduct, why, check: .init("batch", .failed, why))
        }

        let passport: CheckedPassport
        switch bundle.passport(for: entry) {
        case .tampered(let reason):
            return verdict.concluding(.tampered, reason, check: .init("passport", .failed, reason))
        case .verified(let checked):
            passport = checked
        }
        verdict.item?.productName = passport.productName
        verdict.checks.append(.init("passport", .passed, "signed by \(passport.keyID), matches the producer's signed manifest"))
        if let from = passport.validFrom, from > now {
            verdict.checks.append(.init("passport", .warning, "only valid from \(XSDDateTime.string(from: from)); check this device's clock"))
        }
        if let until = passport.validUntil, until < now {
            verdict.checks.append(.init("passport", .warning, "expired \(XSDDateTime.string(from: until))"))
        }

        if let span = entry.serials {
            if let serial = code.serial {
                guard span.contains(serial) else {
                    let why = "serial \(serial) was never issued for lot \(entry.lot) (issued: \(Self.describe(span)))"
                    return verdict.concluding(.unknownProduct, why, check: .init("serial", .failed, why))
                }
                verdict.item?.unitsIssued = 1
                verdict.checks.append(.init("serial", .passed, "\(serial) is one of \(Self.describe(span))"))
            } else {
                let why = "this is the link to lot \(entry.lot) as a whole, not a unit's code: each unit of this lot carries its own signed code — scan that one"
                return verdict.concluding(.notAPassportCode, why, check: .init("serial", .failed, "the code has no serial, but lot \(entry.lot) is serialized"))
            }
        } else if let serial = code.serial {
            let why = "lot \(entry.lot) has no serial numbers, so serial \(serial) was never issued"
            return verdict.concluding(.unknownProduct, why, check: .init("serial", .failed, why))
        } else {
            verdict.item?.unitsIssued = passport.unitsProduced
        }

        if let revoked = passport.status(.revocation), revoked.state == .set {
            let why = "\(producer.name) has withdrawn the passport of lot \(entry.lot) (revocation list of \(revoked.listDateText ?? "?")) — do not sell it as genuine; ask the producer"
            return verdict.concluding(.revoked, why, check: .init("status", .failed, "revoked in \(producer.name)'s revocation list of \(revoked.listDateText ?? "?")"))
        }
        if let recall = entry.recalled {
            let why = "lot \(entry.lot) was recalled by \(producer.name) on \(recall.date): \(recall.reason) — do not sell it; take it off the shelf"
            return verdict.concluding(.recalled, why, check: .init("recall", .failed, "recalled \(recall.date): \(recall.reason)"))
        }
        if let suspended = passport.status(.suspension), suspended.state == .set {
            let listed = "suspended in \(producer.name)'s status list of \(suspended.listDateText ?? "?")"
            let stated = passport.recall.map { "on \($0.recallDate): \($0.recallReason)" } ?? "(\(listed))"
            let why = "lot \(entry.lot) was recalled by \(producer.name) \(stated) — do not sell it; take it off the shelf"
            return verdict.concluding(.recalled, why, check: .init("recall", .failed, listed))
        }
        verdict.checks.append(.init("recall", .passed, "lot \(entry.lot) is not recalled"))
        if let status = statusCheck(passport) { verdict.checks.append(status) }

        for certificate in passport.certificates {
            if case .tampered(let reason) = certificate.status {
                return verdict.concluding(.tampered, "certificate \(certificate.title): \(reason)",
                                          check: .init("certificate \(certificate.scheme)", .failed, reason))
            }
            verdict.checks.append(check(certificate))
        }
        for check in passport.network {
            if check.outcome == .failed {
                return verdict.concluding(.tampered, "\(check.name): \(check.detail)", check: check)
            }
            verdict.checks.append(check)
        }
        verdict.checks.append(contentsOf: dateChecks(passport))
        verdict.checks.append(bundleAgeCheck(bundle))

        verdict.kind = verdict.warnings.isEmpty ? .genuine : .genuineWithWarnings
        verdict.reason = verdict.summaryReason()
        return verdict
    }

    func check(_ certificate: CheckedCertificate) -> Verdict.Check {
        let name = "certificate \(certificate.scheme)"
        let certifier = certificate.certifierName ?? certificate.certifierDID ?? "an unknown certifier"
        switch certificate.status {
        case .verified, .selfDeclared:
            if let until = certificate.validUntil, until < now {
                return .init(name, .warning, "\(certificate.title) expired on \(CalendarDate(containing: until)); the claim no longer holds")
            }
            if let from = certificate.validFrom, from > now {
                return .init(name, .warning, "\(certificate.title) is only valid from \(CalendarDate(containing: from))")
            }
            let until = certificate.validUntil.map { ", valid until \(CalendarDate(containing: $0))" } ?? ""
            if certificate.status == .selfDeclared {
                return .init(name, .warning, "\(certificate.title) is declared by the producer itself, not certified by a third party\(until)")
            }
            return .init(name, .passed, "\(certificate.title) certified by \(certifier)\(until)")
        case .untrustedCertifier:
            return .init(name, .warning, "signed by \(certifier), a certifier this shop does not trust, so the claim is not verified (trust it with `passport trust add certifier`)")
        case .notTrustedForScheme:
            return .init(name, .warning, "\(certifier) is not trusted to certify \(certificate.scheme), so the claim is not verified")
        case .unverifiable(let reason):
            return .init(name, .warning, "could not be checked: \(reason)")
        case .missing:
            return .init(name, .warning, "the passport claims \(certificate.scheme) but its credential is not in the bundle")
        case .tampered(let reason):
            return .init(name, .failed, reason)
        case .revoked(let date):
            return .init(name, .warning, "\(certificate.title) was revoked by \(certifier) (revocation list of \(date)); the claim no longer holds")
        }
    }

    /// How fresh the passport's status is, or why it could not be read. None for passports that
    /// name no status list (made before passport published them).
    func statusCheck(_ passport: CheckedPassport) -> Verdict.Check? {
        guard !passport.status.isEmpty else { return nil }
        if let missing = passport.status.first(where: { if case .unavailable = $0.state { return true }; return false }),
           case .unavailable(let reason) = missing.state {
            return .init("status", .warning, "could not be checked: \(reason)")
        }
        let made = passport.status.compactMap(\.listDate).min()
        let age = made.map { date -> String in
            let days = max(0, Int((now.timeIntervalSince(date) / 86_400).rounded(.down)))
            return "status lists of \(XSDDateTime.string(from: date)), \(days) day\(days == 1 ? "" : "s") old"
        } ?? "status lists undated"
        return .init("status", .passed, "not revoked, not suspended (\(age))")
    }

    /// Expiry and best-before: the passport's dates count; a different date printed in the code is
    /// reported, since the code's dates are not covered by any signature.
    func dateChecks(_ passport: CheckedPassport) -> [Verdict.Check] {
        let today = CalendarDate(containing: now).description
        var checks: [Verdict.Check] = []
        for (name, signed, printed) in [("expiry date", passport.expiry, code.expiry),
                                        ("best-before date", passport.bestBefore, code.bestBefore)] {
            if let signed, let printed, signed != printed {
                checks.append(.init(name, .warning, "the code says \(printed) but the passport says \(signed): the label may have been altered; the passport's date counts"))
            }
            guard let day = signed ?? printed else { continue }
            if today > day {
                checks.append(.init(name, .warning, "past its \(name) (\(day))"))
            } else {
                checks.append(.init(name, .passed, "\(day)"))
            }
        }
        return checks
    }

    func bundleAgeCheck(_ bundle: LoadedBundle) -> Verdict.Check {
        let age = now.timeIntervalSince(bundle.createdAt)
        let made = XSDDateTime.string(from: bundle.createdAt)
        let days = Int((age / 86_400).rounded(.down))
        if age < -300 {
            return .init("bundle", .warning, "made \(made), after this device's time; check the clock")
        }
        if age > verifier.options.maximumBundleAge {
            return .init("bundle", .warning, "\(producer.name)'s bundle is \(days) days old (made \(made)): recalls since then are unknown — import a fresh one")
        }
        return .init("bundle", .passed, "made \(made) (\(days) day\(days == 1 ? "" : "s") ago)")
    }

    static func describe(_ span: VerificationBundle.SerialSpan) -> String {
        func serial(_ number: Int) -> String {
            let digits = String(number)
            return span.prefix + String(repeating: "0", count: max(0, span.digits - digits.count)) + digits
        }
        guard span.count > 0 else { return "none" }
        return "\(serial(span.first))–\(serial(span.first + span.count - 1))"
    }
}

extension Verdict {
    /// Ends the checks with `kind`, `reason` and the deciding check.
    func concluding(_ kind: Kind, _ reason: String, check: Check) -> Verdict {
        var verdict = self
        verdict.kind = kind
        verdict.reason = reason
        verdict.checks.append(check)
        return verdict
    }

    /// What a genuine verdict says: the item (and `notes`), then any warnings.
    func summaryReason(notes: [String] = []) -> String {
        var parts: [String] = []
        if let item {
            parts.append(item.productName ?? "GTIN \(item.gtin)")
            if let lot = item.lot { parts.append("lot \(lot)") }
            if let serial = item.serial { parts.append("serial \(serial)") }
            if let producer = item.producerName { parts.append(producer) }
            if let network = item.networkName { parts.append("member of \(network)") }
        }
        parts += notes
        let summary = parts.joined(separator: " · ")
        let warnings = checks.filter { $0.outcome == .warning }.map { "\($0.name): \($0.detail)" }
        return warnings.isEmpty ? summary : summary + " — " + warnings.joined(separator: "; ")
    }

    /// Notes on a genuine verdict that this unit was scanned here moments ago (at `time`, the
    /// shop's `HH:MM`): the same sale, not a copy.
    mutating func markScannedAgain(at time: String) {
        let note = "scanned again here at \(time)"
        checks.append(.init("scan log", .passed, "\(note): the same sale, not a copy"))
        reason = summaryReason(notes: [note])
    }

    /// Turns a genuine verdict into SEEN BEFORE.
    mutating func markSeenBefore(_ earlier: EarlierScans) {
        earlierScans = earlier
        kind = .seenBefore
        let times = earlier.count == 1 ? "once" : "\(earlier.count) times"
        let serial = item?.serial ?? "?"
        let lot = item?.lot ?? "?"
        reason = "serial \(serial) of lot \(lot) was already scanned \(times) (first \(earlier.first), at \(earlier.shops.joined(separator: ", "))): this label may be a copy — check the item"
    }
}
