import Foundation
import PassportTestSupport

/// Reading a built site back: files, bytes, and a crawl that follows links the way a browser and a
/// plain static host would (URLs percent-decoded to find files, folders served by `index.html`).
struct SiteFiles {
    let root: URL

    /// Every file, relative path → bytes.
    func all() throws -> [String: Data] {
        try TreeSnapshot(root).files
    }

    func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: root.appendingPathComponent(path)), as: UTF8.self)
    }

    /// The file a static host serves for a URL path (`/a/b/` → `a/b/index.html`), if any.
    func file(forURLPath path: String) -> String? {
        guard var decoded = path.removingPercentEncoding else { return nil }
        if decoded.hasSuffix("/") { decoded += "index.html" }
        decoded = String(decoded.drop { $0 == "/" })
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root.appendingPathComponent(decoded).path, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? file(forURLPath: path + "/") : decoded
        }
        return nil
    }

    /// `href` and `src` attribute values, HTML entities decoded.
    static func links(in html: String) -> [String] {
        var result: [String] = []
        for attribute in [" href=\"", " src=\""] {
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                result.append(String(rest[..<end]).replacingOccurrences(of: "&quot;", with: "\"")
                    .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&"))
                rest = rest[end...]
            }
        }
        return result
    }

    /// Follows every internal link from `seeds`; returns broken links as "page → link" and the pages seen.
    func crawl(seeds: [String]) throws -> (broken: [String], visited: Set<String>) {
        var queue = seeds, seen = Set(seeds), broken: [String] = [], visited = Set<String>()
        while let page = queue.popLast() {
            guard let file = file(forURLPath: page) else { broken.append("seed → \(page)"); continue }
            visited.insert(file)
            guard file.hasSuffix(".html") else { continue }
            let html = try text(file)
            guard let base = URL(string: "http://site.test" + page) else { continue }
            for link in Self.links(in: html) {
                if link.hasPrefix("https://") || link.hasPrefix("http://") || link.hasPrefix("mailto:")
                    || link.hasPrefix("tel:") { continue }
                if link.hasPrefix("#") {
                    if !html.contains("id=\"\(link.dropFirst())\"") { broken.append("\(page) → \(link)") }
                    continue
                }
                guard let url = URL(string: link, relativeTo: base)?.absoluteURL,
                      let components = URLComponents(url: url, resolvingAgainstBaseURL: true),
                      url.host == "site.test" else { broken.append("\(page) → \(link)"); continue }
                let target = components.percentEncodedPath
                guard let found = self.file(forURLPath: target) else { broken.append("\(page) → \(link)"); continue }
                if seen.insert(target).inserted, found.hasSuffix(".html") || !visited.contains(found) {
                    queue.append(target)
                }
            }
        }
        return (broken.sorted(), visited)
    }
}
