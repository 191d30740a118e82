import Credentials
import Foundation
import PassportTestSupport

/// The example value network made by `passport init`, and a shop beside it — everything through
/// the `passport` binary, with a fixed clock.
struct NetworkFixture {
    static let now = "2026-11-05T10:00:00Z"
    static let epoch = "1793000000"

    let folder: TemporaryFolder
    var farm: URL { folder.url.appendingPathComponent("farm") }
    var out: URL { folder.url.appendingPathComponent("out") }
    var store: URL { folder.url.appendingPathComponent("store") }
    var network: URL { farm.appendingPathComponent("network") }
    var trustList: URL { network.appendingPathComponent("output/list/trust-list.json") }
    /// The stored upstream passport of Podere Rossi's olives.
    var rossiPassport: URL {
        farm.appendingPathComponent("upstream/podere-rossi.example/01/08055555000014/10/R2026-10/dpp.jwt")
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    init() throws {
        folder = try TemporaryFolder("network")
        let created = try run(["init", "farm"])
        guard created.status == 0 else { throw Failure(description: "init failed: \(created.stderr)") }
    }

    /// Runs `passport` with this fixture's store, clock and build time.
    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ToolOutput {
        var env = ["PASSPORT_STORE": store.path, "PASSPORT_NOW": Self.now, "SOURCE_DATE_EPOCH": Self.epoch,
                   "PASSPORT_SHOP": "shop-a"]
        for (key, value) in environment { env[key] = value }
        return try Command.run(arguments, in: folder.url, environment: env)
    }

    /// `passport build farm -o out --no-labels`.
    func build() throws -> ToolOutput { try run(["build", "farm", "-o", out.path, "--no-labels"]) }

    /// The code of unit `serial` of the co-op's serialized batch, signed with its key.
    func code(serial: String = "000001") throws -> String {
        let key = try KeyStore(projectDirectory: farm).load(id: "main")
        return try UnitCode.text(baseURL: "https://oliveto.example", gtin: "08012345000029", lot: "N2026S", serial: serial, key: key)
    }

    /// Replaces text in a file of the example, failing when the text is not there.
    func edit(_ relative: String, _ old: String, _ new: String) throws {
        let url = farm.appendingPathComponent(relative)
        let text = try String(contentsOf: url, encoding: .utf8)
        guard text.contains(old) else { throw Failure(description: "\(relative) does not contain \(old)") }
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    /// The 1-based line of the first line containing `text` in a file of the example.
    func line(of text: String, in relative: String) throws -> Int {
        let lines = try String(contentsOf: farm.appendingPathComponent(relative), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: { $0.contains(text) }) else { throw Failure(description: "no \(text) in \(relative)") }
        return index + 1
    }
}

/// A compact JWS with its payload re-signed by `key` under `keyID`.
func resigned(_ jwt: String, key: SigningKey, keyID: String) throws -> String {
    let parts = jwt.split(separator: ".")
    guard parts.count == 3, let payload = Base64URL.decode(parts[1]) else { throw NetworkFixture.Failure(description: "not a JWS") }
    return try JWS.sign(header: JWS.credentialHeader(keyID: keyID), payload: payload, key: key)
}

/// `text` with one character of its middle part (the payload) changed.
func alteredPayload(_ jwt: String) -> String {
    var parts = jwt.split(separator: ".").map(String.init)
    var payload = Array(parts[1])
    let index = payload.count / 2
    payload[index] = payload[index] == "A" ? "B" : "A"
    parts[1] = String(payload)
    return parts.joined(separator: ".")
}
