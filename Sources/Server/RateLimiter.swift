internal import NIOConcurrencyHelpers

/// Requests per client (a counter's token, else its address), as a token bucket per client:
/// `perMinute` requests in a burst, refilled evenly over the minute.
///
/// Clients whose bucket is full again are forgotten on the next sweep, so memory follows the number
/// of clients active in the last minute, not every client ever seen.
final class RateLimiter: Sendable {
    /// The outcome for one request.
    enum Decision: Equatable {
        case allowed
        /// Refused; the client may try again after this many whole seconds (at least 1).
        case limited(retryAfter: Int)
    }

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private struct State {
        var buckets: [String: Bucket] = [:]
        var lastSweep: ContinuousClock.Instant
    }

    let perMinute: Int
    private let state: NIOLockedValueBox<State>

    /// - Parameter perMinute: requests allowed per client per minute; 0 turns limiting off.
    init(perMinute: Int) {
        self.perMinute = perMinute
        state = NIOLockedValueBox(State(lastSweep: .now))
    }

    /// Takes one request from `client`'s bucket.
    func take(_ client: String, now: ContinuousClock.Instant = .now) -> Decision {
        guard perMinute > 0 else { return .allowed }
        let capacity = Double(perMinute)
        let perSecond = capacity / 60
        return state.withLockedValue { state in
            if now - state.lastSweep > .seconds(60) {
                state.buckets = state.buckets.filter { _, bucket in
                    bucket.tokens + Self.seconds(now - bucket.updated) * perSecond < capacity
                }
                state.lastSweep = now
            }
            var bucket = state.buckets[client] ?? Bucket(tokens: capacity, updated: now)
            bucket.tokens = min(capacity, bucket.tokens + Self.seconds(now - bucket.updated) * perSecond)
            bucket.updated = now
            defer { state.buckets[client] = bucket }
            guard bucket.tokens >= 1 else {
                return .limited(retryAfter: max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up))))
            }
            bucket.tokens -= 1
            return .allowed
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
