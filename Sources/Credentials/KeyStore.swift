public import Foundation
import Output
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The private signing keys of a producer project: one file `keys/<id>.jwk` per key.
///
/// Each file is an Ed25519 JSON Web Key (`kty` OKP, `crv` Ed25519, `d`, `x`, `kid`), created
/// with permissions 0600 at the moment it is created (never loosened and then fixed later), and
/// never overwritten. Keys are rotated by adding a key under a new id; old keys stay so their
/// public halves can still be published and old credentials still verify.
public struct KeyStore: Sendable {
    /// The folder holding the key files.
    public let directory: URL

    /// The key store of a producer project: `<project>/keys/`.
    public init(projectDirectory: URL) {
        self.directory = projectDirectory.appendingPathComponent("keys", isDirectory: true)
    }

    /// A key store in an explicit folder.
    public init(keysDirectory: URL) {
        self.directory = keysDirectory
    }

    /// The path of the key file for `id`.
    public func path(for id: String) -> String {
        directory.appendingPathComponent("\(id).jwk", isDirectory: false).path
    }

    /// Creates, saves (mode 0600) and returns a new random key.
    ///
    /// Creates the `keys/` folder (mode 0700) if it is missing.
    /// - Throws: `CredentialError.invalidKeyID`, `.keyAlreadyExists`, or `.keyStorage`.
    @discardableResult
    public func create(id: String) throws(CredentialError) -> SigningKey {
        let key = try SigningKey.generate(id: id)
        let path = path(for: id)
        try ensureDirectory()
        let text = Self.privateJWK(for: key).serializedString(pretty: true) + "\n"
        try Self.writeNewFile(path: path, bytes: Array(text.utf8), id: id)
        return key
    }

    /// The ids of all keys, sorted.
    /// - Throws: `CredentialError.invalidKeyFile` for a `.jwk` file whose name is not a valid
    ///   id, `.keyStorage` if the folder cannot be read. A missing folder means no keys.
    public func ids() throws(CredentialError) -> [String] {
        let names: [String]
        do { names = try folder.names(in: folderName) } catch {
            if case .notAFolder = error { throw .keyStorage(path: directory.path, reason: "this is a file, not a folder") }
            throw .keyStorage(path: directory.path, reason: "\(error.problem) — \(error.fix)")
        }
        var ids: [String] = []
        for name in names where name.hasSuffix(".jwk") {
            let id = String(name.dropLast(4))
            guard SigningKey.isValidID(id) else {
                throw .invalidKeyFile(path: path(for: id),
                                      reason: "the file name must be <id>.jwk where id is 1 to 32 characters a-z, 0-9 or '-'")
            }
            ids.append(id)
        }
        return ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The keys folder is read through its parent, so a link in it cannot lead outside.
    private var folder: ProjectFolder { ProjectFolder(root: directory.deletingLastPathComponent()) }
    private var folderName: String { directory.lastPathComponent }

    /// Loads the key `id`, refusing a file other users may read or change.
    /// - Throws: `CredentialError.keyNotFound`, `.keyFileTooOpen`, `.invalidKeyFile`, `.keyStorage`.
    public func load(id: String) throws(CredentialError) -> SigningKey {
        guard SigningKey.isValidID(id) else { throw .invalidKeyID(id) }
        let path = path(for: id)
        let bytes: Data
        do { bytes = try folder.readPrivateKey(folderName + "/\(id).jwk") } catch {
            switch error {
            case .missing: throw .keyNotFound(id: id, path: path)
            case .tooOpen(_, let mode): throw .keyFileTooOpen(path: path, mode: mode)
            case .notRegular, .tooLarge, .notText: throw .invalidKeyFile(path: path, reason: "it " + error.problem)
            default: throw .keyStorage(path: path, reason: "\(error.problem) — \(error.fix)")
            }
        }
        return try Self.signingKey(fromJWK: bytes, id: id, path: path)
    }

    /// All keys, sorted by id.
    public func loadAll() throws(CredentialError) -> [SigningKey] {
        var keys: [SigningKey] = []
        for id in try ids() { keys.append(try load(id: id)) }
        return keys
    }

    /// The public halves of all keys, sorted by id — what a DID document publishes.
    public func publicKeys() throws(CredentialError) -> [PublicKey] {
        try loadAll().map(\.publicKey)
    }

    // MARK: - JWK

    static func privateJWK(for key: SigningKey) -> JSONValue {
        [
            "kty": "OKP", "crv": "Ed25519", "kid": .string(key.id),
            "d": .string(Base64URL.encode(key.seed)),
            "x": .string(Base64URL.encode(key.publicKey.rawRepresentation)),
        ]
    }

    static func signingKey(fromJWK bytes: Data, id: String, path: String) throws(CredentialError) -> SigningKey {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: bytes)
        } catch {
            throw .invalidKeyFile(path: path, reason: "it is not valid JSON (\(error.description))")
        }
        func field(_ name: String) throws(CredentialError) -> String {
            guard let value = json[name] else { throw .invalidKeyFile(path: path, reason: "the \"\(name)\" member is missing") }
            guard let text = value.stringValue else { throw .invalidKeyFile(path: path, reason: "\"\(name)\" must be a string") }
            return text
        }
        guard json.objectValue != nil else { throw .invalidKeyFile(path: path, reason: "it is not a JSON object") }
        let kty = try field("kty")
        guard kty == "OKP" else { throw .invalidKeyFile(path: path, reason: "\"kty\" is \"\(kty)\", expected \"OKP\"") }
        let crv = try field("crv")
        guard crv == "Ed25519" else { throw .invalidKeyFile(path: path, reason: "\"crv\" is \"\(crv)\", expected \"Ed25519\"") }
        let kid = try field("kid")
        guard kid == id else {
            throw .invalidKeyFile(path: path, reason: "\"kid\" is \"\(kid)\" but the file name says \"\(id)\"")
        }
        guard let seed = Base64URL.decode(try field("d")), seed.count == 32 else {
            throw .invalidKeyFile(path: path, reason: "\"d\" must be 32 bytes in base64url (43 characters)")
        }
        guard let x = Base64URL.decode(try field("x")), x.count == 32 else {
            throw .invalidKeyFile(path: path, reason: "\"x\" must be 32 bytes in base64url (43 characters)")
        }
        let key: SigningKey
        do {
            key = try SigningKey(id: id, seed: seed)
        } catch {
            throw .invalidKeyFile(path: path, reason: error.description)
        }
        guard key.publicKey.rawRepresentation == x else {
            throw .invalidKeyFile(path: path, reason: "the public part \"x\" does not belong to the private part \"d\"")
        }
        return key
    }

    // MARK: - Files (POSIX, so permissions are right from the first byte)

    private func ensureDirectory() throws(CredentialError) {
        if mkdir(directory.path, 0o700) == 0 { return }
        let code = errno
        var isDirectory: ObjCBool = false
        if code == EEXIST, FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
           isDirectory.boolValue {
            return
        }
        throw .keyStorage(path: directory.path, reason: code == ENOENT
            ? "the project folder does not exist" : Self.systemMessage(code))
    }

    private static func writeNewFile(path: String, bytes: [UInt8], id: String) throws(CredentialError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { throw .keyAlreadyExists(id: id, path: path) }
            throw .keyStorage(path: path, reason: systemMessage(code))
        }
        var written = 0
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while written < buffer.count {
                let result = write(descriptor, base + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += result
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            unlink(path)
            throw .keyStorage(path: path, reason: systemMessage(failure))
        }
    }

    private static func systemMessage(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
