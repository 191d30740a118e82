internal import Credentials
internal import Foundation
internal import NIOCore
internal import Output

/// One file of the built site, held in memory (the site is small: pages, linksets, credentials,
/// a few images) with what an answer needs: its type and an entity tag.
struct SiteFile: Sendable {
    let body: ByteBuffer
    let contentType: String
    /// A strong entity tag: the first 16 hex digits of the content's SHA-256, quoted.
    let etag: String
    /// The file on disk when it was read: an unchanged stamp means unchanged content (a build
    /// links the files it leaves as they were, see `StagedPart`).
    let stamp: FileStamp?
}

/// The built site (`output/site`) read whole, by path relative to its folder as written on disk
/// (lots and serials as written, see `SiteLayout`), so a request never waits for the disk.
struct SiteFiles: Sendable {
    let root: URL
    let files: [String: SiteFile]
    /// Folders that exist, relative, each ending in `/` (the root is "").
    let directories: Set<String>
    /// Total bytes held.
    let bytes: Int
    /// Files the load that made this read from disk (the others were kept from the previous load).
    let filesRead: Int

    /// The site larger than this is refused: serve it with a static web server instead.
    static let limit = 1 << 30

    /// Reads every file under `root`; a file whose stamp is the one `previous` read keeps its
    /// content from there, so a reload after a rebuild reads only the files the build wrote.
    /// - Throws: `ServeError.unreadable` when the folder or a file cannot be read.
    static func load(root: URL, reusing previous: SiteFiles? = nil) throws(ServeError) -> SiteFiles {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unreadable(path: root.path, reason: "there is no built site here")
        }
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey],
                                                          options: []) else {
            throw .unreadable(path: root.path, reason: "the folder cannot be listed")
        }
        let prefix = root.standardizedFileURL.path + "/"
        let kept = previous?.root.standardizedFileURL == root.standardizedFileURL ? previous?.files ?? [:] : [:]
        var files: [String: SiteFile] = [:]
        var directories: Set<String> = [""]
        var bytes = 0, filesRead = 0
        let allocator = ByteBufferAllocator()
        for case let url as URL in walker {
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(prefix) else { continue }
            let relative = String(full.dropFirst(prefix.count))
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true {
                directories.insert(relative + "/")
                continue
            }
            let stamp = FileStamp.of(full)
            if let stamp, let old = kept[relative], old.stamp == stamp {
                files[relative] = old
                bytes += old.body.readableBytes
            } else {
                let data: Data
                do { data = try Data(contentsOf: url) } catch {
                    throw .unreadable(path: full, reason: error.localizedDescription)
                }
                filesRead += 1
                bytes += data.count
                files[relative] = SiteFile(body: allocator.buffer(bytes: data), contentType: contentType(of: relative),
                                           etag: "\"" + SHA256Digest.hex(data).prefix(16) + "\"",
                                           stamp: stamp?.size == data.count ? stamp : nil)
            }
            guard bytes <= limit else {
                throw .unreadable(path: root.path, reason: "the site is larger than \(limit >> 20) MB; publish it with a static web server and run `passport serve --no-site` for verification")
            }
        }
        return SiteFiles(root: root, files: files, directories: directories, bytes: bytes, filesRead: filesRead)
    }

    /// The media type of a site file, from its extension.
    static func contentType(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        switch name[name.index(after: dot)...].lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return name == "linkset.json" ? "application/linkset+json" : "application/json"
        case "jsonld": return "application/ld+json"
        case "jwt": return "application/vc+jwt"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "webp": return "image/webp"
        case "pdf": return "application/pdf"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        default: return "application/octet-stream"
        }
    }

    /// The site-relative path a request path names, percent-decoded; `nil` when it tries to leave
    /// the site (`..`) or decodes to something no file can be named.
    static func relativePath(_ requestPath: Substring) -> String? {
        guard requestPath.hasPrefix("/") else { return nil }
        let raw = requestPath.dropFirst()
        // Most paths carry no escapes and no dot segments: nothing to decode or check.
        if !raw.utf8.contains(UInt8(ascii: "%")) && !raw.utf8.contains(0) && !raw.contains("/.") && !raw.hasPrefix(".") {
            return raw.hasPrefix("/") ? nil : String(raw)
        }
        guard let decoded = String(raw).removingPercentEncoding else { return nil }
        guard !decoded.contains("\0"), !decoded.hasPrefix("/") else { return nil }
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: false) where segment == ".." || segment == "." {
            return nil
        }
        return decoded
    }
}
