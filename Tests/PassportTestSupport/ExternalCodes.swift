public import Foundation

/// QR codes drawn and read by programs other than ours — `qrencode`, `zbarimg` and `pdftoppm`
/// (Debian packages qrencode, zbar-tools, poppler-utils) — so our encoder and our reader are
/// checked against outside truth, never against each other.
public enum ExternalCodes {
    /// A tool failed; the message says which and what it said.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Draws a QR code of `text` into the PNG `file` with qrencode: `dpi` dots per inch, `module`
    /// pixels per module, a 4-module quiet zone, level M; optionally on a transparent background.
    public static func drawPNG(_ text: String, to file: URL, dpi: Int = 300, module: Int = 6,
                               transparent: Bool = false) throws {
        var arguments = ["-d", "\(dpi)", "-s", "\(module)", "-m", "4", "-l", "M", "-o", file.path]
        if transparent { arguments += ["-t", "PNG32", "--background=FFFFFF00"] }
        let result = try ExternalTool.run("qrencode", arguments + [text])
        guard result.status == 0 else {
            throw Failure(description: "qrencode failed (apt-get install qrencode): \(result.stderr)")
        }
    }

    /// The texts zbarimg reads in an image file, one per symbol (none: empty). `options` are
    /// zbarimg's `-S` settings, e.g. `["-Sdisable", "-Sqrcode.enable"]`.
    public static func read(image: URL, options: [String] = []) throws -> [String] {
        let result = try ExternalTool.run("/usr/bin/zbarimg", ["--raw", "-q"] + options + [image.path])
        return result.stdout.split(separator: "\n").map(String.init)
    }

    /// Every QR code on every page of `pdf`, rasterized in gray at 300 dpi, page by page.
    public static func read(pdf: URL) throws -> [String] {
        let pages = try TemporaryFolder("pages")
        try rasterize(pdf, ["-r", "300", "-gray", "-png", pdf.path, pages.appending("page").path])
        return try pages.files().filter { $0.hasSuffix(".png") }.flatMap { page in
            try read(image: pages.appending(page), options: ["-Sdisable", "-Sqrcode.enable"])
        }
    }

    /// The codes on each label of a sheet PDF, by slot: slot `s` is cut from page
    /// `s / perPage + 1` at `origin(s % perPage)`, `size` large (millimetres from the page's top
    /// left), rasterized at 300 dpi.
    public static func read(pdf: URL, slots: Range<Int>, perPage: Int, size: (width: Double, height: Double),
                            origin: (Int) -> (x: Double, y: Double)) throws -> [[String]] {
        let pixels = { (millimetres: Double) in String(Int((millimetres * 300 / 25.4).rounded())) }
        let folder = try TemporaryFolder("crops")
        return try slots.map { slot in
            let corner = origin(slot % perPage)
            let page = String(slot / perPage + 1)
            let prefix = folder.appending("slot\(slot)").path
            try rasterize(pdf, ["-r", "300", "-png", "-f", page, "-l", page, "-x", pixels(corner.x), "-y", pixels(corner.y),
                                "-W", pixels(size.width), "-H", pixels(size.height), "-singlefile", pdf.path, prefix])
            return try read(image: URL(fileURLWithPath: prefix + ".png"))
        }
    }

    private static func rasterize(_ pdf: URL, _ arguments: [String]) throws {
        let result = try ExternalTool.run("/usr/bin/pdftoppm", arguments)
        guard result.status == 0 else {
            throw Failure(description: "pdftoppm could not rasterize \(pdf.lastPathComponent): \(result.stderr)")
        }
    }
}
