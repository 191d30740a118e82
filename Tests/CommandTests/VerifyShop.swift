import Credentials
import Foundation
import PassportTestSupport

/// A shop set up the way a clerk would: the example project built by `passport build`, its
/// bundle imported into a trust store with `passport trust import`, and the certifier added with
/// `passport trust add certifier` — everything through the `passport` binary.
struct VerifyShop {
    /// Build time of the example's bundle (2026-10-26T07:33:20Z) and the default "now" of scans.
    static let buildEpoch = "1793000000"
    static let now = "2026-11-05T10:00:00Z"
    static let certifierDID = "did:web:terraviva-cert.example"

    let folder: TemporaryFolder
    var project: URL { folder.url.appendingPathComponent("farm") }
    var output: URL { folder.url.appendingPathComponent("output") }
    var bundle: URL { output.appendingPathComponent("bundle/bundle.json") }
    var store: URL { folder.url.appendingPathComponent("store") }
    var certifierDocument: URL { project.appendingPathComponent("certifiers/did_web_terraviva-cert.example.did.json") }
    /// The code `passport build` offers to try ("Try a code as a shop would: passport verify '…'"):
    /// the first label of the serialized batch, as printed.
    private(set) var sampleCode: String?

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// - Parameters:
    ///   - recall: a recall to add to the lot batch (evo-2026-a) before building.
    ///   - importBundle: import the bundle, trusting its producer.
    ///   - trustCertifier: trust the example's certifier for both its schemes.
    ///   - labels: let `passport build` render the labels (slower).
    ///   - prepare: `passport` commands to run (in the folder holding `farm`) before building.
    init(recall: String? = nil, importBundle: Bool = true, trustCertifier: Bool = true, labels: Bool = false,
         prepare: [[String]] = []) throws {
        folder = try TemporaryFolder()
        try expect(run(["init", "farm"], in: folder.url), "init")
        if let recall {
            let batch = project.appendingPathComponent("batches/evo-2026-a.yaml")
            let text = try String(contentsOf: batch, encoding: .utf8)
            try (text + recall + "\n").write(to: batch, atomically: true, encoding: .utf8)
        }
        for command in prepare { try expect(run(command, in: folder.url), command.joined(separator: " ")) }
        let build = try run(["build", "farm", "-o", output.path] + (labels ? [] : ["--no-labels"]), in: folder.url)
        try expect(build, "build")
        sampleCode = build.stdout.split(separator: "\n")
            .first { $0.hasPrefix("Try a code as a shop would: passport verify '") }
            .flatMap { line in line.split(separator: "'").dropFirst().first.map(String.init) }
        if importBundle {
            try expect(run(["trust", "import", bundle.path, "--trust-producer"]), "trust import")
        }
        if trustCertifier {
            try expect(run(["trust", "add", "certifier", "--did", Self.certifierDID, "--did-document", certifierDocument.path,
                            "--scheme", "EU organic", "--scheme", "Regenerative Organic Certified"]), "trust add certifier")
        }
    }

    private func expect(_ result: ToolOutput, _ step: String) throws {
        guard result.status == 0 else { throw Failure(description: "\(step) failed (\(result.status)): \(result.stderr)") }
    }

    /// Runs `passport` with this shop's store, clock, name and time zone (UTC; each overridable).
    func run(_ arguments: [String], in directory: URL? = nil, input: String? = nil,
             environment: [String: String] = [:]) throws -> ToolOutput {
        var env = ["PASSPORT_STORE": store.path, "PASSPORT_NOW": Self.now, "PASSPORT_SHOP": "shop-a",
                   "SOURCE_DATE_EPOCH": Self.buildEpoch, "TZ": "UTC"]
        for (key, value) in environment { env[key] = value }
        return try Command.run(arguments, in: directory ?? folder.url, input: input, environment: env)
    }

    /// The printed code of unit `serial` of the serialized batch (N2026S), signed with the
    /// project's key as the labels are.
    func code(serial: String, gtin: String = "08012345000029", lot: String = "N2026S") throws -> String {
        let key = try KeyStore(projectDirectory: project).load(id: "main")
        return try UnitCode.text(baseURL: "https://oliveto.example", gtin: gtin, lot: lot, serial: serial, key: key)
    }

    /// Every file and folder in the store, relative paths.
    func storeFiles() -> [String] {
        FileTree.entries(below: store)
    }

    /// A QR code PNG of `text` at 300 dpi, drawn by the `qrencode` command.
    func labelPNG(_ text: String, name: String) throws -> URL {
        let file = folder.appending(name)
        try ExternalCodes.drawPNG(text, to: file)
        return file
    }
}
