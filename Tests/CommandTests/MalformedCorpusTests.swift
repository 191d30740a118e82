import Foundation
import PassportTestSupport
import Testing

/// Every malformed project in Tests/Corpus/malformed gets its exact messages, exit code 1,
/// and nothing written — checked through the `passport` command a producer runs.
@Suite("Malformed projects")
struct MalformedCorpusTests {
    static let corpus = Checkout.path("Tests/Corpus")

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(
            atPath: corpus.appendingPathComponent("malformed").path)) ?? []
        return names.sorted()
    }

    /// Lays the base project down, then the case's files over it, then removes what DELETE lists.
    static func materialise(_ name: String, into directory: URL) throws {
        let fileManager = FileManager.default
        try FileTree.copy(from: corpus.appendingPathComponent("base"), to: directory)
        let caseDirectory = corpus.appendingPathComponent("malformed/\(name)")
        try FileTree.copy(from: caseDirectory, to: directory)
        let deleteList = directory.appendingPathComponent("DELETE")
        if let text = try? String(contentsOf: deleteList, encoding: .utf8) {
            for path in text.split(separator: "\n") where !path.isEmpty {
                try fileManager.removeItem(at: directory.appendingPathComponent(String(path)))
            }
            try fileManager.removeItem(at: deleteList)
        }
        try? fileManager.removeItem(at: directory.appendingPathComponent("expected.txt"))
    }

    @Test("the corpus holds at least 25 malformed projects")
    func corpusSize() {
        #expect(Self.cases.count >= 25)
    }

    @Test("the base project passes the check")
    func baseIsValid() throws {
        let directory = try TemporaryFolder()
        try FileTree.copy(from: Self.corpus.appendingPathComponent("base"), to: directory.url)
        // The corpus keeps a placeholder key (git records no 0600); `build` could not sign with
        // it, so `check` refuses it too. A real key makes the project whole.
        let placeholder = try Command.run(["check"], in: directory.url)
        #expect(placeholder.status == 1)
        #expect(placeholder.stderr.contains("keys/main.jwk"), "\(placeholder.stderr)")
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("keys/main.jwk"))
        #expect(try Command.run(["keys", "new", "main"], in: directory.url).status == 0)
        let result = try Command.run(["check"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Project is ready: 1 products, 1 batches, 1 certificates."))
    }

    @Test("each malformed project gets its exact message", arguments: cases)
    func malformed(name: String) throws {
        let directory = try TemporaryFolder()
        try Self.materialise(name, into: directory.url)
        let before = directory.files()
        let expected = try String(contentsOf: Self.corpus.appendingPathComponent("malformed/\(name)/expected.txt"),
                                  encoding: .utf8)
        let check = try Command.run(["check"], in: directory.url)
        #expect(check.status == 1)
        #expect(check.stderr == expected)
        #expect(check.stdout.isEmpty)
        // `build` refuses the same project with the same messages and writes nothing.
        let build = try Command.run(["build", "--output", "out"], in: directory.url)
        #expect(build.status == 1)
        #expect(build.stderr == expected)
        #expect(directory.files() == before)
    }
}
