import Credentials
import Foundation
import PassportBench
import Testing
import Verify

/// The synthetic bundle and codes behind `passport bench verify` (and the fuzz harness) are
/// genuine, and the measurements count every verification (no timing is asserted).
@Suite("The verify benchmark")
struct VerifyBenchmarkTests {
    let key: SigningKey
    let issuer: DIDWeb

    init() throws {
        key = try SigningKey(id: "main", seed: Data(repeating: 42, count: 32))
        issuer = try DIDWeb(baseURL: "https://bench.example")
    }

    func verifier() throws -> Verifier {
        let producer = TrustedProducer(did: issuer.did, name: "Benchmark Farm",
                                       keys: [key.publicKey.withID(issuer.keyID(for: "main"))], addedAt: "2026-01-01T00:00:00Z")
        let bundle = try LoadedBundle(bundle: try BenchmarkFixture.bundle(key: key, issuer: issuer, serials: 20),
                                      producer: producer, certifiers: [], path: "bench bundle")
        return Verifier(producers: [producer], bundles: [bundle], scanLog: nil,
                        clock: { Date(timeIntervalSince1970: 1_794_000_000) })  // 2026-11-06, after the bundle
    }

    @Test("the fixture's unit codes verify as genuine")
    func fixtureIsGenuine() throws {
        let verifier = try verifier()
        for number in [1, 7, 20] {
            let code = try BenchmarkFixture.code(serial: number, key: key, issuer: issuer)
            #expect(code.hasPrefix("https://bench.example/01/\(BenchmarkFixture.gtin)/10/\(BenchmarkFixture.lot)/21/\(BenchmarkFixture.serial(number))?s="))
            let verdict = verifier.verify(code)
            #expect(verdict.kind.isGenuine, "\(verdict.reason)")
        }
        #expect(BenchmarkFixture.serial(7) == "000007")
    }

    @Test("throughput and the signature floor count every code they were given")
    func countsEveryVerification() throws {
        let codes = try (1...12).map { number throws(CredentialError) in
            try BenchmarkFixture.code(serial: number, key: key, issuer: issuer)
        }
        let throughput = VerifyBenchmark.throughput(verifier: try verifier(), codes: codes, threads: 3, rounds: 2)
        #expect(throughput.verifications == 24)
        let floor = VerifyBenchmark.signaturesOnly(codes: codes + ["not a code"], keys: [key.publicKey], threads: 2)
        #expect(floor.verifications == 12)
        #expect(VerifyBenchmark.median([3, 1, 2]) == 2 && VerifyBenchmark.median([4, 1, 3, 2]) == 2.5)
        #expect(VerifyBenchmark.median([]) == 0)
    }
}
