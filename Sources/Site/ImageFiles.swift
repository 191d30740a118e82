import Foundation
import Output

/// A producer image copied into `media/`, with its pixel size when the format tells it.
struct SiteImage: Sendable {
    /// Site-relative path, e.g. `media/extra-virgin-1.jpg`.
    var path: String
    var width: Int?
    var height: Int?
    var data: Data

    /// Copies nothing yet: reads the file (through the confined project reader) and works out its
    /// size. Only web image formats are kept.
    static func load(project: ProjectFolder, relativePath: String, productID: String, index: Int) throws(SiteError) -> SiteImage? {
        try load(project: project, relativePath: relativePath, name: "\(productID)-\(index + 1)")
    }

    /// Reads an image to be published as `media/<name>.<ext>`.
    static func load(project: ProjectFolder, relativePath: String, name: String) throws(SiteError) -> SiteImage? {
        let ext = (relativePath as NSString).pathExtension.lowercased()
        guard ["jpg", "jpeg", "png", "gif", "webp", "svg", "avif"].contains(ext) else { return nil }
        let data: Data
        do { data = try project.read(relativePath, limit: ProjectFolder.publishedLimit) } catch { throw .projectFile(error) }
        let size = pixelSize(data)
        return SiteImage(path: "\(SiteLayout.mediaDirectory)\(name).\(ext)",
                         width: size?.0, height: size?.1, data: data)
    }

    /// Width and height from a PNG, GIF or JPEG header.
    static func pixelSize(_ data: Data) -> (Int, Int)? {
        let bytes = [UInt8](data.prefix(512 * 1024))
        func be16(_ i: Int) -> Int { Int(bytes[i]) << 8 | Int(bytes[i + 1]) }
        func be32(_ i: Int) -> Int { be16(i) << 16 | be16(i + 2) }
        if bytes.count >= 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            return (be32(16), be32(20))
        }
        if bytes.count >= 10, bytes.starts(with: [0x47, 0x49, 0x46]) {
            return (Int(bytes[6]) | Int(bytes[7]) << 8, Int(bytes[8]) | Int(bytes[9]) << 8)
        }
        if bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 {
            var i = 2
            while i + 9 < bytes.count {
                guard bytes[i] == 0xFF else { return nil }
                let marker = bytes[i + 1]
                if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                    return (be16(i + 7), be16(i + 5))
                }
                i += 2 + be16(i + 2)
            }
        }
        return nil
    }
}
