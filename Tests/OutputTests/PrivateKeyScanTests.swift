import Foundation
import Output
import Testing

@Suite("The last scan before publishing")
struct PrivateKeyScanTests {
    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("passport-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Stages `files` into a new output over `previous` and commits, returning the error if refused.
    func commit(_ files: [String: String], into output: URL,
                secrets: [(name: String, text: String)] = []) throws -> OutputError? {
        let staged = try StagedOutput(destination: output)
        let site = try staged.part("site")
        for (path, text) in files { try FileWriter.write(text, to: site.appendingPathComponent(path)) }
        do { try staged.commit(refusing: secrets) } catch { return error }
        return nil
    }

    @Test("key material of every kind is refused, naming the file, and the previous output stays")
    func refusesKeys() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("output")
        #expect(try commit(["index.html": "<p>hello</p>", "did.json": "{\"kty\": \"OKP\", \"x\": \"abc\"}"], into: output) == nil)
        let cases: [(String, String, String)] = [
            ("certificates/c/main.jwk", "{\n  \"crv\": \"Ed25519\",\n  \"d\" : \"c2VjcmV0\",\n  \"kty\": \"OKP\"\n}",
             "a JSON Web Key with its private member \"d\""),
            ("assets/key.pem", "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI\n-----END PRIVATE KEY-----\n",
             "a PEM or OpenSSH private key block (\"PRIVATE KEY-----\")"),
            ("assets/id", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n",
             "a PEM or OpenSSH private key block (\"PRIVATE KEY-----\")"),
            ("media/note.txt", "copied: nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A.",
             "the private key keys/main.jwk"),
        ]
        for (path, text, what) in cases {
            let refused = try commit(["index.html": "<p>new</p>", path: text], into: output,
                                     secrets: [("keys/main.jwk", "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")])
            #expect(refused == .privateKeyMaterial(path: output.appendingPathComponent("site/" + path).path, what: what,
                                                   leftFromEarlierOutput: false))
            #expect(try String(contentsOf: output.appendingPathComponent("site/index.html"), encoding: .utf8) == "<p>hello</p>")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["output"])
    }

    @Test("a key left in the previous output by an earlier run is found too, and said to be old")
    func findsOldKeys() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("output")
        #expect(try commit(["index.html": "<p>hello</p>"], into: output) == nil)
        try FileWriter.write("{\"kty\":\"OKP\",\"d\":\"x\"}", to: output.appendingPathComponent("old/main.jwk"))
        let refused = try commit(["index.html": "<p>new</p>"], into: output)
        #expect(refused == .privateKeyMaterial(path: output.appendingPathComponent("old/main.jwk").path,
                                               what: "a JSON Web Key with its private member \"d\"", leftFromEarlierOutput: true))
        #expect(refused?.description.contains("it was left there by an earlier run: delete it") == true)
    }
}
