import Foundation
@testable import Credentials

/// Runs `body` and returns the `CredentialError` it throws, or nil if it did not throw one.
func credentialError<R>(_ body: () throws -> R) -> CredentialError? {
    do {
        _ = try body()
        return nil
    } catch let error as CredentialError {
        return error
    } catch {
        return nil
    }
}

/// Fixtures shared by the tests.
enum Fixture {
    /// RFC 8037 appendix A.1 private key `d`.
    static let rfcD = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"
    /// RFC 8037 appendix A.1 public key `x`.
    static let rfcX = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"

    static func rfcKey(id: String = "rfc8037") throws -> SigningKey {
        guard let seed = Base64URL.decode(rfcD) else { throw CredentialError.invalidKeyMaterial(reason: "fixture") }
        return try SigningKey(id: id, seed: seed)
    }

    /// A fixed key derived from a repeated byte, so tests never depend on randomness.
    static func key(_ id: String, byte: UInt8) throws -> SigningKey {
        try SigningKey(id: id, seed: [UInt8](repeating: byte, count: 32))
    }

    static let issuer: DIDWeb = {
        // A constant, valid address: cannot fail.
        (try? DIDWeb(baseURL: "https://oliveto.example")) ?? { fatalError("fixture DID") }()
    }()

    static func date(_ text: String) -> Date {
        XSDDateTime.date(from: text) ?? Date(timeIntervalSince1970: .nan)
    }
}
