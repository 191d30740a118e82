import Foundation

/// The last look at an output before it is published: no file in it may hold private key
/// material — a JSON Web Key with its private member `"d"`, a PEM or OpenSSH private key block,
/// or the text of a key the caller names (the project's own keys, base64url).
enum PrivateKeyScan {
    /// Something that must never be published, found in `path` (relative to the scanned folder).
    struct Finding: Equatable {
        var path: String
        var what: String
    }

    /// The first file under `folder` holding key material, in path order; nil when there is none.
    static func firstFinding(in folder: String, secrets: [(name: String, text: String)]) -> Finding? {
        let needles = secrets.filter { !$0.text.isEmpty }.map { ($0.name, Array($0.text.utf8)) }
        return scan(folder, relative: "", needles: needles)
    }

    private static func scan(_ folder: String, relative: String, needles: [(String, [UInt8])]) -> Finding? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for name in names {
            let path = folder + "/" + name, shown = relative.isEmpty ? name : relative + "/" + name
            switch Syscalls.kind(path) {
            case .folder:
                if let finding = scan(path, relative: shown, needles: needles) { return finding }
            case .file, .symbolicLink:
                // A link is looked through: a host that copies the site with `rsync -L` would publish its target.
                guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { continue }
                if let what = keyMaterial(in: data, needles: needles) { return Finding(path: shown, what: what) }
            case .missing, .other:
                continue
            }
        }
        return nil
    }

    static let pemMarker = Array("PRIVATE KEY-----".utf8)
    static let jwkType = Array("\"kty\"".utf8)
    static let jwkPrivate = Array("\"d\"".utf8)

    /// What kind of key material `data` holds, if any.
    static func keyMaterial(in data: Data, needles: [(String, [UInt8])]) -> String? {
        data.withUnsafeBytes { bytes -> String? in
            if !Syscalls.occurrences(of: pemMarker, in: bytes, limit: 1).isEmpty {
                return "a PEM or OpenSSH private key block (\"PRIVATE KEY-----\")"
            }
            if !Syscalls.occurrences(of: jwkType, in: bytes, limit: 1).isEmpty {
                for offset in Syscalls.occurrences(of: jwkPrivate, in: bytes) {
                    var next = offset + jwkPrivate.count
                    while next < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[next]) { next += 1 }
                    if next < bytes.count, bytes[next] == UInt8(ascii: ":") {
                        return "a JSON Web Key with its private member \"d\""
                    }
                }
            }
            for (name, needle) in needles where !Syscalls.occurrences(of: needle, in: bytes, limit: 1).isEmpty {
                return "the private key \(name)"
            }
            return nil
        }
    }
}
