import PassportModel
import DigitalLink

/// Whether a certificate holds on a given day. The page shows the build-day status; the page script
/// recomputes it from the same ISO dates on the day it is viewed.
enum CertificateStatus: Sendable, Equatable {
    case notYetValid(days: Int)
    case valid
    case expiresSoon(days: Int)
    case expired

    /// Within this many days of `validUntil`, the page says "expires in N days" in amber: a shopper
    /// should not worry about a certificate that holds for months yet (`passport.js` uses the same).
    static let warningDays = 30

    /// `validUntil` is the last valid day.
    init(validFrom: CalendarDate, validUntil: CalendarDate, on today: CalendarDate) {
        if today < validFrom {
            self = .notYetValid(days: today.days(until: validFrom))
        } else if today > validUntil {
            self = .expired
        } else {
            let left = today.days(until: validUntil)
            self = left <= Self.warningDays ? .expiresSoon(days: left) : .valid
        }
    }

    /// CSS class: `ok`, `warn`, `bad`.
    var cssClass: String {
        switch self {
        case .valid: return "ok"
        case .expiresSoon, .notYetValid: return "warn"
        case .expired: return "bad"
        }
    }

    func text(_ localizer: Localizer) -> String {
        switch self {
        case .valid: return localizer["status_valid"]
        case .expired: return localizer["status_expired"]
        case .expiresSoon(let days):
            return days == 0 ? localizer["status_expires_today"]
                : localizer.format(days == 1 ? "status_expires_in_one" : "status_expires_in", ["n": String(days)])
        case .notYetValid(let days):
            return localizer.format("status_not_yet", ["n": String(days)])
        }
    }
}
