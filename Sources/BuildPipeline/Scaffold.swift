import Credentials
public import Foundation
import Labels
import PassportModel
public import Output

/// `passport init`: a complete example project — a small olive-oil cooperative — with its own
/// signing key, a certifier (with a key of its own) that has signed two certificates, and an
/// upstream supplier whose passport one input points at.
public enum Scaffold {
    public struct Result: Sendable {
        public var projectRoot: URL
        public var keyFingerprint: String
    }

    /// - Parameter now: when the example certifier signs (its revocation list's date).
    public static func create(at root: URL, display: String, resources: ResourceLocator,
                              now: Date) throws(BuildError) -> Result {
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
            try fileManager.createDirectory(at: staging.appendingPathComponent("certifier"), withIntermediateDirectories: true)
        } catch {
            throw .file(path: root.path, reason: "cannot create the project (\(error.localizedDescription))")
        }
        let key: SigningKey
        do {
            key = try KeyStore(projectDirectory: staging).create(id: "main")
            _ = try KeyStore(projectDirectory: staging.appendingPathComponent("certifier")).create(id: "main")
        } catch { throw .credential(error, context: "creating keys") }
        try BuildError.output(try FileWriter.write("""
            # The certifier's own folder, for the demo: in real life this lives with the certifier,
            # who signs your certificates with `passport certify` and sends you the .dcc.jwt files.
            name: Terra Viva Certification
            base_url: https://terraviva-cert.example
            signing_key: main

            """, to: staging.appendingPathComponent("certifier/certifier.yaml")))
        try BuildError.output(try FileWriter.write("keys/\ncertifier/keys/\n", to: staging.appendingPathComponent(".gitignore")))
        let digest = try writeUpstreamPassport(into: staging)
        let batch = staging.appendingPathComponent("batches/evo-2026-a.yaml")
        let text = try BuildError.projectFile(try ProjectFolder(root: staging).readText("batches/evo-2026-a.yaml",
                                                                                      limit: ProjectFolder.recordLimit))
        try BuildError.output(try FileWriter.write(text.replacingOccurrences(of: "{{UPSTREAM_SHA256}}", with: digest), to: batch))
        _ = try Certify.run(certifierRoot: staging.appendingPathComponent("certifier"), certifierDisplay: "certifier",
                            projectRoot: staging, projectDisplay: display, certificateIDs: [], now: now)
        do {
            try fileManager.moveItem(at: staging, to: root)
        } catch {
            throw .file(path: root.path, reason: "cannot move the new project into place (\(error.localizedDescription))")
        }
        return Result(projectRoot: root, keyFingerprint: key.publicKey.fingerprint)
    }

    /// The glassworks' passport for the bottles: signed by the glassworks' own key (not kept),
    /// stored in `upstream/` so the digest in the batch can be checked. Returns its SHA-256.
    /// It is a UNTP 0.6.0 passport on purpose: suppliers will keep sending older passports for a
    /// while, and this one shows (and `CommandTests` checks) that they still read.
    private static func writeUpstreamPassport(into root: URL) throws(BuildError) -> String {
        do {
            let did = try DIDWeb(baseURL: "https://vetreria.example")
            let key = try SigningKey.generate(id: "main")
            let payload: JSONValue = [
                "@context": ["https://www.w3.org/ns/credentials/v2", "https://test.uncefact.org/vocabulary/untp/dpp/0.6.0/"],
                "type": ["DigitalProductPassport", "VerifiableCredential"],
                "id": "https://vetreria.example/01/08098765000018/10/V2026-09/dpp.json",
                "issuer": ["type": ["CredentialIssuer"], "id": .string(did.did), "name": "Vetreria Toscana"],
                "validFrom": "2026-09-15T00:00:00Z",
                "credentialSubject": [
                    "type": ["ProductPassport"],
                    "id": "https://vetreria.example/01/08098765000018/10/V2026-09",
                    "granularityLevel": "batch",
                    "product": ["type": ["Product"], "id": "https://vetreria.example/01/08098765000018/10/V2026-09",
                                "name": "Dark glass bottle 500 ml, 40% recycled cullet", "batchNumber": "V2026-09"],
                ],
            ]
            let jwt = try JWS.signCredential(payload, key: key, issuer: did)
            try BuildError.output(try FileWriter.write(jwt, to: root.appendingPathComponent("upstream/bottle-v2026-09.dpp.jwt")))
            try BuildError.output(try FileWriter.write(did.didDocument(for: [key.publicKey.withID(did.keyID(for: key.id))]).serialized(pretty: true),
                            to: root.appendingPathComponent("upstream/vetreria.did.json")))
            return SHA256Digest.hex(Data(jwt.utf8))
        } catch let error as CredentialError {
            throw .credential(error, context: "signing the example's upstream passport")
        } catch let error as BuildError {
            throw error
        } catch {
            throw .invalid("\(error)")
        }
    }
}
