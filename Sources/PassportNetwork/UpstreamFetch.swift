import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches an upstream producer's published files over HTTPS (plain HTTP only on this computer's
/// loopback addresses, which tests use). Responses are size-limited; redirects must stay on
/// addresses the same rule accepts.
enum UpstreamFetch {
    /// The most a published file may weigh (a bundle with many batches stays far below).
    static let limit = 32 * 1024 * 1024

    /// Whether `url` may be fetched: https anywhere, http only on loopback.
    static func isAllowed(_ url: URL) -> Bool {
        switch url.scheme?.lowercased() {
        case "https": return url.host != nil
        case "http": return isLoopback(url.host)
        default: return false
        }
    }

    static func isLoopback(_ host: String?) -> Bool {
        guard let host = host?.lowercased() else { return false }
        return host == "localhost" || host == "127.0.0.1" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// The body of a successful GET of `url`.
    static func get(_ url: URL) async throws(NetworkError) -> Data {
        guard isAllowed(url) else { throw .insecureAddress(url.absoluteString) }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: 30)
        request.setValue("application/json, application/vc+jwt, */*", forHTTPHeaderField: "Accept")
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let data: Data, response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            throw .unreadableSource(source: url.absoluteString, reason: "cannot fetch it (\(error.localizedDescription))")
        }
        if let final = response.url, !isAllowed(final) {
            throw .insecureAddress(final.absoluteString)
        }
        guard let http = response as? HTTPURLResponse else {
            throw .unreadableSource(source: url.absoluteString, reason: "the answer is not an HTTP response")
        }
        guard http.statusCode == 200 else {
            throw .unreadableSource(source: url.absoluteString, reason: "the server answered \(http.statusCode)")
        }
        guard data.count <= limit else {
            throw .unreadableSource(source: url.absoluteString, reason: "it is larger than \(limit / 1024 / 1024) MB")
        }
        return data
    }
}
