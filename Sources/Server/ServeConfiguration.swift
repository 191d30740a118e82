public import Foundation

/// Everything `passport serve` is told by its flags and environment.
public struct ServeConfiguration: Sendable {
    /// Where scans (and, with PostgreSQL, the trust store and counters) are kept.
    public enum Database: Sendable, Equatable {
        /// The SQLite scan log `passport verify` also writes; trust and counters in the store folder.
        case sqlite(path: String)
        /// PostgreSQL, shared by every server that names it.
        case postgres(DatabaseURL)
    }

    /// The live preview (`--watch`): what to watch, and how to rebuild the site.
    public struct Preview: Sendable {
        /// Folders and files whose changes trigger a rebuild.
        public var watched: [URL]
        /// Rebuilds the site into `site`; throws a message a producer can act on.
        public var rebuild: @Sendable () async throws(ServeError) -> Void
        /// How often the watched files are looked at.
        public var interval: Duration
        /// Rebuild once when the watcher starts: the site on disk may predate the records (a
        /// rebuild of an unchanged project writes nothing and reloads no page).
        public var refreshAtStart = false

        public init(watched: [URL], interval: Duration = .milliseconds(300),
                    rebuild: @escaping @Sendable () async throws(ServeError) -> Void) {
            self.watched = watched
            self.interval = interval
            self.rebuild = rebuild
        }
    }

    /// Address to listen on (loopback unless told otherwise).
    public var host: String = "127.0.0.1"
    /// Port; 0 picks a free one (printed when ready).
    public var port: Int = 8080
    /// The built site folder to serve and resolve; `nil` runs the verification service only.
    public var site: URL?
    /// The bundled `Templates/` folder (the counter page lives in `counter/`).
    public var templates: URL
    /// The shop's trust store folder (used for trust and counters without PostgreSQL).
    public var store: URL
    public var database: Database
    /// Connections to PostgreSQL per server process.
    public var databaseConnections: Int = 16
    /// `POST /api/verify` requests per client per minute; 0 for no limit.
    public var rateLimitPerMinute: Int = 120
    /// Take a client's address from `X-Forwarded-For` (only behind a proxy that sets it).
    public var trustForwardedFor: Bool = false
    /// Bundles older than this (seconds) give a warning, as in `passport verify`.
    public var maximumBundleAge: TimeInterval = 30 * 86_400
    /// A unit scanned again at the same counter within this many seconds of its first scan is the
    /// same sale, not a copy (as `passport verify --same-sale-minutes`); 0: never.
    public var sameSaleWindow: TimeInterval = 600
    /// "Now" for every check, for tests; `nil` for the clock.
    public var fixedNow: Date?
    /// How often the trust store and counter tokens are checked for changes.
    public var reloadInterval: Duration = .seconds(2)
    public var preview: Preview?

    public init(templates: URL, store: URL, database: Database) {
        self.templates = templates
        self.store = store
        self.database = database
    }
}
