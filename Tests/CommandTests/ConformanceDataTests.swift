import Foundation
import PassportTestSupport
import Testing

/// The outside truth in Tests/Conformance is what its README says it is, and the credential
/// checker that reads it accepts valid documents and rejects broken ones.
@Suite("Conformance data and the credential checker")
struct ConformanceDataTests {
    static let verifier = Command.conformance.appendingPathComponent("verify-digests.py")

    @Test("every vendored file has the byte count and SHA-256 its README lists, and none is unlisted")
    func digestsMatch() throws {
        let result = try Command.python(Self.verifier, [])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("71 files listed, 71 present: 0 problems"), "\(result.stdout)\(result.stderr)")
    }

    @Test("a changed, a missing or an unlisted file is caught")
    func changesCaught() throws {
        let scratch = try TemporaryFolder()
        let copy = scratch.url.appendingPathComponent("Conformance")
        try FileManager.default.copyItem(at: Command.conformance, to: copy)
        let schema = copy.appendingPathComponent("untp-0.7.0/schema/dpp.json")
        var bytes = try Data(contentsOf: schema)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: schema)
        try FileManager.default.removeItem(at: copy.appendingPathComponent("w3c/credentials-v2.jsonld"))
        try Data("new".utf8).write(to: copy.appendingPathComponent("gs1-resolver/extra.txt"))
        let result = try Command.python(copy.appendingPathComponent("verify-digests.py"), [copy.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("untp-0.7.0/schema/dpp.json: README.md says 48740 bytes"), "\(result.stdout)")
        #expect(result.stdout.contains("w3c/credentials-v2.jsonld: listed in README.md but missing"), "\(result.stdout)")
        #expect(result.stdout.contains("gs1-resolver/extra.txt: present but not listed"), "\(result.stdout)")
        #expect(result.stdout.contains(": 3 problems"), "\(result.stdout)")
    }

    @Test("the credential checker accepts the hand-made valid documents and rejects each broken one")
    func checkerSelfTest() throws {
        let result = try Command.python(Checkout.path("Tests/Support/check_credentials_selftest.py"), [])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("31 of 31 checker cases pass"), "\(result.stdout)\(result.stderr)")
    }
}
