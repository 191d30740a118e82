public import Foundation

/// The folder of a party that signs but publishes no passports: an actor confirming its value
/// shares (`actor.yaml`) or a co-op keeping a member list (`network.yaml`). Both hold `keys/`.
public struct PartyProfile: Sendable {
    /// Which file, and so which kind of party.
    public enum Kind: String, Sendable {
        /// `actor.yaml`: `base_url` is optional; without it the actor is identified by did:key.
        case actor = "actor.yaml"
        /// `network.yaml`: `base_url` is required; the list and catalogue are published there.
        case network = "network.yaml"
    }

    public var name: String
    /// The https address the party publishes its DID document at (did:web), if it has one.
    public var baseURL: String?
    public var signingKey: String

    static let fields = ["name", "base_url", "signing_key"]

    /// Whether `root` holds this kind of profile.
    public static func exists(_ kind: Kind, in root: URL) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(kind.rawValue).path)
    }

    /// Reads and checks the profile in `root`.
    public static func load(_ kind: Kind, root: URL, displayRoot: String = "") throws(ProjectError) -> PartyProfile {
        let sink = DiagnosticSink()
        let files = ProjectFiles(root: root, displayRoot: displayRoot, sink: sink)
        var profile: PartyProfile?
        if let text = files.read(kind.rawValue) {
            let reader = RecordReader(file: files.display(kind.rawValue), sink: sink, defaultLanguage: "en")
            if let map = reader.topLevel(text, allowed: fields) {
                let name = map.string("name", example: kind == .actor ? "Fattoria Verdi" : "Rete Olivicola Val d'Orcia")
                var base = map.string("base_url", required: kind == .network, example: "https://rete-valdorcia.example")
                if let text = base {
                    if !text.hasPrefix("https://") || text.contains(" ") {
                        reader.report(map.value("base_url"), "base_url", "`\(text)` is not an https address",
                                      fix: "write the https address your DID document is published at"
                                          + (kind == .actor ? ", or remove the line to be identified by did:key" : ""))
                    }
                    while base?.hasSuffix("/") == true { base?.removeLast() }
                }
                let key = map.string("signing_key", example: "main")
                if let key, !FieldRules.isIdentifier(key) {
                    reader.report(map.value("signing_key"), "signing_key", "`\(key)` is not a key id",
                                  fix: "use lower-case letters, digits and dashes, e.g. `main`")
                }
                if let name, let key { profile = PartyProfile(name: name, baseURL: base, signingKey: key) }
            }
        }
        guard let profile, sink.isEmpty else { throw ProjectError(diagnostics: sink.diagnostics) }
        return profile
    }
}
