internal import Hummingbird
internal import NIOConcurrencyHelpers

/// Resolver answers already given, by everything they depend on (path, query, `Accept`,
/// `Accept-Language`), so a link printed on every bottle of a lot — the same URL scanned again
/// and again — is parsed and resolved once. Belongs to one site snapshot, so a rebuild starts
/// afresh. Bounded: when full it is emptied and fills again.
final class AnswerCache: Sendable {
    static let capacity = 4096
    private let answers = NIOLockedValueBox<[String: Response]>([:])

    init() {}

    static func key(path: Substring, query: String?, accept: String?, acceptLanguage: String?) -> String {
        var key = String(path)
        key += "?" + (query ?? "") + "\u{0}" + (accept ?? "") + "\u{0}" + (acceptLanguage ?? "")
        return key
    }

    func answer(for key: String, otherwise make: () -> Response) -> Response {
        if let known = answers.withLockedValue({ $0[key] }) { return known }
        let made = make()
        answers.withLockedValue { answers in
            if answers.count >= Self.capacity { answers.removeAll(keepingCapacity: true) }
            answers[key] = made
        }
        return made
    }
}
