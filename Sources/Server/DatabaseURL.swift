internal import Foundation
internal import PostgresNIO
internal import NIOSSL

/// A PostgreSQL address as written in `--database` or `PASSPORT_DATABASE_URL`:
/// `postgres://user:password@host:port/database?sslmode=disable|prefer|require`.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    /// How to use TLS, as libpq's `sslmode` says it.
    public enum TLSMode: String, Sendable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    /// Reads a `postgres://` or `postgresql://` URL; user name and password may be percent-encoded.
    /// - Throws: `ServeError.invalidDatabaseURL` saying which part is wrong.
    public init(_ text: String) throws(ServeError) {
        let shown = Self.redacted(text)
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw .invalidDatabaseURL(shown, reason: "it is not a URL")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw .invalidDatabaseURL(shown, reason: "it starts with \(scheme):// instead of postgres://")
        }
        guard let host = components.host, !host.isEmpty else {
            throw .invalidDatabaseURL(shown, reason: "it names no host")
        }
        guard let user = components.user, !user.isEmpty else {
            throw .invalidDatabaseURL(shown, reason: "it names no user (postgres://USER:PASSWORD@host/database)")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw .invalidDatabaseURL(shown, reason: "it names no database after the host (…@host:5432/DATABASE)")
        }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw .invalidDatabaseURL(shown, reason: "sslmode must be disable, prefer or require")
                }
                tls = mode
            default:
                throw .invalidDatabaseURL(shown, reason: "the parameter \(item.name) is not supported (only sslmode)")
            }
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = components.percentEncodedUser?.removingPercentEncoding ?? user
        self.password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        self.database = database.removingPercentEncoding ?? database
        self.tls = tls
    }

    /// The address without its password, for logs and messages.
    public var description: String {
        "postgres://\(username)\(password == nil ? "" : ":…")@\(host):\(port)/\(database)"
    }

    /// The client configuration postgres-nio takes, with at most `connections` connections.
    func clientConfiguration(connections: Int) -> PostgresClient.Configuration {
        let mode: PostgresClient.Configuration.TLS
        switch tls {
        case .disable: mode = .disable
        case .prefer: mode = .prefer(.makeClientConfiguration())
        case .require: mode = .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: username,
                                                         password: password, database: database, tls: mode)
        configuration.options.maximumConnections = max(1, connections)
        configuration.options.minimumConnections = 0
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// `text` with any password replaced, for messages about a URL that could not be read.
    static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"), scheme.upperBound < at,
              let colon = text[scheme.upperBound..<at].firstIndex(of: ":") else { return text }
        return String(text[..<text.index(after: colon)]) + "…" + String(text[at...])
    }
}
