import Credentials
import Foundation
import Output

/// The private parts (`"d"`, base64url) of every key kept in a project — `keys/` and a
/// certifier's `<folder>/keys/` beside it — so the last scan before publishing can refuse any file
/// that holds one, whatever form it was copied in.
enum PrivateKeyTexts {
    static func collect(projectRoot: URL) -> [(name: String, text: String)] {
        let folder = ProjectFolder(root: projectRoot)
        let subfolders = ((try? folder.names(in: "")) ?? []).filter { folder.hasFolder("\($0)/keys") }
        var result: [(name: String, text: String)] = []
        for keys in ["keys"] + subfolders.map({ "\($0)/keys" }) {
            for name in ((try? folder.names(in: keys)) ?? []) where name.hasSuffix(".jwk") {
                // Unreadable or malformed key files are left to the key store's own messages.
                guard let data = try? folder.readPrivateKey("\(keys)/\(name)"),
                      let d = (try? JSONValue(parsing: data))?["d"]?.stringValue, d.count >= 16 else { continue }
                result.append(("\(keys)/\(name)", d))
            }
        }
        return result
    }
}
