import Credentials
import PassportNetwork
public import Foundation
import Synchronization
import Labels
import PassportModel
public import Output

/// `passport init`: a complete example — a small olive-oil cooperative (mill and bottler) in a
/// value network. The co-op's project is the folder itself; beside its records live, each in its
/// own folder with its own keys, the certifier that signed two certificates, the partners
/// upstream (two growers and a bottle maker, whose passports its inputs use, and a grower
/// without a website that confirms its share with a did:key), and the co-op's network folder
/// with the member list shops import. Everything is built in order, so the co-op's project
/// checks and builds at once.
public enum Scaffold {
    public struct Result: Sendable {
        public var projectRoot: URL
        public var keyFingerprint: String
        /// The network folder and its trust list's fingerprint.
        public var networkRoot: URL
        public var networkFingerprint: String
    }

    /// The partner projects upstream, by folder: their passports feed the co-op's inputs.
    static let suppliers = ["podere-rossi": "ROSSI", "fattoria-bianchi": "BIANCHI", "vetreria": "VETRERIA"]
    /// The value shares the example's actors confirm: (lot, actor id, the actor's folder).
    static let confirmations = [("L2026A", "rossi", "podere-rossi"), ("L2026A", "bianchi", "fattoria-bianchi"),
                                ("L2026A", "verdi", "verdi"), ("N2026S", "rossi", "podere-rossi"), ("N2026S", "verdi", "verdi")]

    /// - Parameter now: when the example's partners, actors and certifier sign.
    /// - Parameter publishNetwork: build the co-op and the network's member list too (what `init`
    ///   does); `demo` builds them itself, with labels, and lists its own output.
    public static func create(at root: URL, display: String, resources: ResourceLocator, now: Date,
                              publishNetwork: Bool = true) throws(BuildError) -> Result {
        let fileManager = FileManager.default
        if let contents = try? fileManager.contentsOfDirectory(atPath: root.path), !contents.isEmpty {
            throw .invalid("\(display) already exists and is not empty — choose a new folder name, or empty it first")
        }
        let starter = resources.templatesDirectory.appendingPathComponent("starter")
        // Build the project beside its final place, and rename it in only when complete.
        let staging = root.deletingLastPathComponent()
            .appendingPathComponent(".\(root.lastPathComponent).init-\(ProcessInfo.processInfo.processIdentifier)")
        try? fileManager.removeItem(at: staging)
        defer { try? fileManager.removeItem(at: staging) }
        do {
            try fileManager.createDirectory(at: staging.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fileManager.copyItem(at: starter, to: staging)
            for folder in ["certifier", "network/members", "attestations"] {
                try fileManager.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
        } catch {
            throw .file(path: root.path, reason: "cannot create the project (\(error.localizedDescription))")
        }
        let partners = staging.appendingPathComponent("partners")
        let key: SigningKey, networkKey: SigningKey, verdi: SigningKey
        do {
            key = try KeyStore(projectDirectory: staging).create(id: "main")
            _ = try KeyStore(projectDirectory: staging.appendingPathComponent("certifier")).create(id: "main")
            networkKey = try KeyStore(projectDirectory: staging.appendingPathComponent("network")).create(id: "main")
            verdi = try KeyStore(projectDirectory: partners.appendingPathComponent("verdi")).create(id: "main")
            for name in suppliers.keys.sorted() {
                _ = try KeyStore(projectDirectory: partners.appendingPathComponent(name)).create(id: "main")
            }
        } catch { throw .credential(error, context: "creating keys") }
        try BuildError.output(try FileWriter.write("""
            # The certifier's own folder, for the demo: in real life this lives with the certifier,
            # who signs your certificates with `passport certify` and sends you the .dcc.jwt files.
            name: Terra Viva Certification
            base_url: https://terraviva-cert.example
            signing_key: main

            """, to: staging.appendingPathComponent("certifier/certifier.yaml")))
        try BuildError.output(try FileWriter.write("""
            keys/
            output/
            certifier/keys/
            network/keys/
            network/output/
            partners/*/keys/
            partners/*/output/
            partners/*/requests/

            """, to: staging.appendingPathComponent(".gitignore")))
        var replacements = ["{{VERDI_DID}}": DIDKey(publicKey: verdi.publicKey).did]
        // The partners build at once (each its own folder), then the co-op imports them, checked.
        let names = suppliers.keys.sorted()
        let built = Mutex<[String: BuildError]>([:])
        DispatchQueue.concurrentPerform(iterations: names.count) { index in
            let folder = partners.appendingPathComponent(names[index])
            do throws(BuildError) {
                _ = try ProjectBuild(options: .init(projectRoot: folder, displayRoot: "partners/\(names[index])",
                                                    output: folder.appendingPathComponent("output"), now: now,
                                                    resources: resources, renderLabels: false)).run()
            } catch {
                built.withLock { $0[names[index]] = error }
            }
        }
        if let failure = built.withLock({ failures in names.compactMap { failures[$0] }.first }) { throw failure }
        for name in names {
            let imported: UpstreamImport.Report
            do {
                imported = try UpstreamImport.importLocal(source: partners.appendingPathComponent("\(name)/output").path,
                                                          projectRoot: staging)
            } catch { throw .network(error) }
            replacements["{{\(suppliers[name] ?? "")_SHA256}}"] = imported.batches.first?.sha256 ?? ""
        }
        for file in ["passport.yaml", "batches/evo-2026-a.yaml", "batches/novello-2026-s.yaml"] {
            let url = staging.appendingPathComponent(file)
            var text = try BuildError.projectFile(try ProjectFolder(root: staging).readText(file, limit: ProjectFolder.recordLimit))
            for (placeholder, value) in replacements { text = text.replacingOccurrences(of: placeholder, with: value) }
            try BuildError.output(try FileWriter.writeAtomically(Data(text.utf8), to: url))
        }
        // The actors confirm their value shares: the co-op asks, each signs in its own folder.
        for (lot, actor, folder) in confirmations {
            let actorRoot = partners.appendingPathComponent(folder)
            let request = try Attest.request(projectRoot: staging, displayRoot: display, lot: lot, actorID: actor,
                                             outputFolder: actorRoot.appendingPathComponent("requests"))
            _ = try Attest.sign(requestFile: request, requestDisplay: request.lastPathComponent, actorRoot: actorRoot,
                                actorDisplay: "partners/\(folder)", outputFolder: staging.appendingPathComponent("attestations"),
                                now: now)
        }
        _ = try Certify.run(certifierRoot: staging.appendingPathComponent("certifier"), certifierDisplay: "certifier",
                            projectRoot: staging, projectDisplay: display, certificateIDs: [], now: now)
        // The co-op's network lists the partners with passports and the co-op, and recognises its certifier.
        let network = staging.appendingPathComponent("network")
        for name in names {
            _ = try NetworkFolder.addMemberLocal(root: network, source: partners.appendingPathComponent("\(name)/output").path, now: now)
        }
        let certifierDocument = try BuildError.projectFile(try ProjectFolder(root: staging)
            .read("certifiers/did_web_terraviva-cert.example.did.json", limit: ProjectFolder.documentLimit))
        do {
            _ = try NetworkFolder.addCertifier(root: network, did: "did:web:terraviva-cert.example", name: "Terra Viva Certification",
                                               schemes: ["EU organic", "Regenerative Organic Certified"],
                                               didDocument: try JSONValue(parsing: certifierDocument))
        } catch let error as CredentialError { throw .credential(error, context: "certifiers/") } catch let error as BuildError {
            throw error
        } catch { throw .invalid("\(error)") }
        if publishNetwork {
            _ = try ProjectBuild(options: .init(projectRoot: staging, displayRoot: display,
                                                output: staging.appendingPathComponent("output"), now: now,
                                                resources: resources, renderLabels: false)).run()
            _ = try NetworkFolder.addMemberLocal(root: network, source: staging.appendingPathComponent("output").path, now: now)
            _ = try NetworkFolder.build(root: network, display: "network", output: network.appendingPathComponent("output"), now: now)
        }
        do {
            try fileManager.moveItem(at: staging, to: root)
        } catch {
            throw .file(path: root.path, reason: "cannot move the new project into place (\(error.localizedDescription))")
        }
        return Result(projectRoot: root, keyFingerprint: key.publicKey.fingerprint,
                      networkRoot: root.appendingPathComponent("network"), networkFingerprint: networkKey.publicKey.fingerprint)
    }
}
