internal import Credentials
internal import Output
public import Foundation

/// A shop counter allowed to write to the scan log, as `passport serve tokens list` shows it.
public struct Counter: Sendable, Equatable {
    /// The counter's name: the `shop` of every scan it records.
    public var name: String
    /// SHA-256 (hex) of its token; the token itself is shown once and never stored.
    public var tokenSHA256: String
    /// When the token was issued, and when revoked (XML Schema dateTime).
    public var createdAt: String
    public var revokedAt: String?

    public init(name: String, tokenSHA256: String, createdAt: String, revokedAt: String?) {
        self.name = name
        self.tokenSHA256 = tokenSHA256
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// Where counters and their token hashes are kept: a file in the trust store folder, or
/// PostgreSQL when the scan log is there (so every server knows every counter).
public protocol CounterTokenStore: Sendable {
    /// Every counter, revoked ones included, sorted by name.
    func counters() async throws(ServeError) -> [Counter]
    /// Adds a counter with the hash of its token. Throws `.counterExists` for a live one.
    func add(_ counter: Counter) async throws(ServeError)
    /// Marks the counter's token revoked. Throws `.unknownCounter` when it has no live token.
    func revoke(name: String, at time: String) async throws(ServeError)
}

/// Making, hashing and checking counter tokens.
public enum CounterTokens {
    /// A new token: `pst_` and 32 random bytes, base64url (256 bits from the system's generator).
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "pst_" + Base64URL.encode(bytes)
    }

    /// How a token is stored: SHA-256 of its text, hex.
    public static func hash(_ token: String) -> String { SHA256Digest.hex(Data(token.utf8)) }

    /// Checks a counter name: 1–64 of `A–Z a–z 0–9 . - _`.
    public static func validate(name: String) throws(ServeError) {
        let allowed = name.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        guard allowed, (1...64).contains(name.utf8.count) else { throw .invalidCounterName(name) }
    }

    /// Issues a token for a new counter and stores its hash.
    /// - Returns: the token, to show once.
    public static func add(name: String, to store: any CounterTokenStore, now: Date) async throws(ServeError) -> String {
        try validate(name: name)
        let token = make()
        try await store.add(Counter(name: name, tokenSHA256: hash(token), createdAt: XSDDateTime.string(from: now),
                                    revokedAt: nil))
        return token
    }
}

/// Counters in `counters.json` in the trust store folder (written atomically, owner-only).
public struct CounterTokenFile: CounterTokenStore {
    public let url: URL

    public init(storeDirectory: URL) {
        url = storeDirectory.appendingPathComponent("counters.json")
    }

    public func counters() async throws(ServeError) -> [Counter] { try read() }

    public func add(_ counter: Counter) async throws(ServeError) {
        var all = try read()
        if all.contains(where: { $0.name == counter.name && $0.revokedAt == nil }) { throw .counterExists(counter.name) }
        all.removeAll { $0.name == counter.name }
        all.append(counter)
        try write(all)
    }

    public func revoke(name: String, at time: String) async throws(ServeError) {
        var all = try read()
        guard let index = all.firstIndex(where: { $0.name == name && $0.revokedAt == nil }) else {
            throw .unknownCounter(name)
        }
        all[index].revokedAt = time
        try write(all)
    }

    /// The file's counters; none when it does not exist yet.
    func read() throws(ServeError) -> [Counter] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let json: JSONValue
        do { json = try JSONValue(parsing: try Data(contentsOf: url)) } catch {
            throw .tokenFile(path: url.path, reason: "\(error)")
        }
        guard json["version"]?.intValue == 1, let entries = json["counters"]?.arrayValue else {
            throw .tokenFile(path: url.path, reason: "it is not a version 1 counters file")
        }
        var counters: [Counter] = []
        for entry in entries {
            guard let name = entry["name"]?.stringValue, let hash = entry["tokenSHA256"]?.stringValue,
                  let created = entry["createdAt"]?.stringValue else {
                throw .tokenFile(path: url.path, reason: "an entry lacks \"name\", \"tokenSHA256\" or \"createdAt\"")
            }
            counters.append(Counter(name: name, tokenSHA256: hash, createdAt: created,
                                    revokedAt: entry["revokedAt"]?.stringValue))
        }
        return counters.sorted { $0.name < $1.name }
    }

    private func write(_ counters: [Counter]) throws(ServeError) {
        let entries: [JSONValue] = counters.sorted { $0.name < $1.name }.map { counter in
            var object: [String: JSONValue] = ["name": .string(counter.name), "tokenSHA256": .string(counter.tokenSHA256),
                                               "createdAt": .string(counter.createdAt)]
            if let revoked = counter.revokedAt { object["revokedAt"] = .string(revoked) }
            return .object(object)
        }
        let json: JSONValue = ["version": 1, "counters": .array(entries)]
        do {
            let folder = url.deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            try FileWriter.writeAtomically(json.serialized(pretty: true) + Data("\n".utf8), to: url, permissions: .ownerOnly)
        } catch {
            throw .tokenFile(path: url.path, reason: (error as? OutputError)?.description ?? error.localizedDescription)
        }
    }
}
