public import Foundation

/// A certifier's own folder (`certifier.yaml` + `keys/`), used by `passport certify`.
public struct CertifierProfile: Sendable {
    public var name: String
    /// The https address the certifier publishes its DID document at.
    public var baseURL: String
    public var signingKey: String

    static let fields = ["name", "base_url", "signing_key"]

    /// Reads and checks `certifier.yaml` in `root`.
    public static func load(root: URL, displayRoot: String = "") throws(ProjectError) -> CertifierProfile {
        let sink = DiagnosticSink()
        let files = ProjectFiles(root: root, displayRoot: displayRoot, sink: sink)
        var profile: CertifierProfile?
        if let text = files.read("certifier.yaml") {
            let reader = RecordReader(file: files.display("certifier.yaml"), sink: sink, defaultLanguage: "en")
            if let map = reader.topLevel(text, allowed: fields) {
                let name = map.string("name", example: "Terra Viva Certification")
                let base = map.string("base_url", example: "https://terraviva-cert.example")
                if let base, !base.hasPrefix("https://") {
                    reader.report(map.value("base_url"), "base_url", "\(quoted(base)) is not an https address",
                                  fix: "write the https address your DID document is published at")
                }
                let key = map.string("signing_key", example: "main")
                if let name, let base, let key {
                    profile = CertifierProfile(name: name, baseURL: base.hasSuffix("/") ? String(base.dropLast()) : base,
                                               signingKey: key)
                }
            }
        }
        guard let profile, sink.isEmpty else { throw ProjectError(diagnostics: sink.diagnostics) }
        return profile
    }
}
