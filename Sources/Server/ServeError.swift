/// Everything that stops `passport serve` (or its `tokens` and `trust push` commands) from working.
///
/// Each `description` says what went wrong and what to do. A code that is not genuine is never an
/// error: it is a verdict in a `200` answer.
public enum ServeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `--database` / `PASSPORT_DATABASE_URL` is not a usable PostgreSQL URL.
    case invalidDatabaseURL(String, reason: String)
    /// PostgreSQL could not be reached, or refused a statement.
    case database(String)
    /// A file of the built site, the bundle or the templates cannot be read.
    case unreadable(path: String, reason: String)
    /// The site's own bundle (`.well-known/passport-bundle.json`) does not hold together.
    case siteBundle(path: String, reason: String)
    /// A counter name for `tokens add` is empty or has characters a log cannot show plainly.
    case invalidCounterName(String)
    /// `tokens add NAME` for a counter that already has a live token.
    case counterExists(String)
    /// `tokens revoke NAME` for a counter that has no live token.
    case unknownCounter(String)
    /// The counter token file cannot be written or is damaged.
    case tokenFile(path: String, reason: String)
    /// The trust store cannot be opened, or cannot be copied into PostgreSQL.
    case trustStore(String)
    /// The server cannot listen where it was asked to.
    case cannotListen(host: String, port: Int, reason: String)
    /// The preview cannot watch or rebuild the project.
    case preview(String)

    /// What went wrong, and what to do.
    public var description: String {
        switch self {
        case .invalidDatabaseURL(let url, let reason):
            return "The database address \(url) cannot be used: \(reason). Write it like postgres://user:password@db.example:5432/passport."
        case .database(let reason):
            return "PostgreSQL: \(reason). Check that the database server is running and that the address, user and password in --database (or PASSPORT_DATABASE_URL) are right."
        case .unreadable(let path, let reason):
            return "\(path): \(reason). Build the site first with `passport build`, or point --site at a built site folder."
        case .siteBundle(let path, let reason):
            return "The site's bundle \(path) cannot be used: \(reason). Rebuild the site with `passport build`."
        case .invalidCounterName(let name):
            return "'\(name)' cannot name a counter: use 1 to 64 letters, digits, '.', '-' or '_', e.g. till-1 or bottega-centro."
        case .counterExists(let name):
            return "The counter \(name) already has a token. Revoke it first with `passport serve tokens revoke \(name)` to issue a new one."
        case .unknownCounter(let name):
            return "There is no live token for a counter named \(name). See the counters with `passport serve tokens list`."
        case .tokenFile(let path, let reason):
            return "The counter tokens file \(path) cannot be used: \(reason). Check the trust store folder and its permissions."
        case .trustStore(let reason):
            return "The trust store cannot be used: \(reason)."
        case .cannotListen(let host, let port, let reason):
            return "Cannot listen on \(host):\(port): \(reason). Choose another --port, or stop the program using it."
        case .preview(let reason):
            return "The preview cannot rebuild: \(reason)" + (reason.hasSuffix(".") ? "" : ".")
        }
    }
}
