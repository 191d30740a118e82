internal import CCairo
import Foundation
import Output

/// Size and outline extents of one glyph, in font units.
struct GlyphMetrics: Sendable, Hashable {
    var index: UInt32
    var advance: Int32
    var xMin: Int16, xMax: Int16, yMin: Int16, yMax: Int16
}

/// What text layout needs to know about a font, read once when it is loaded: the glyph for each
/// character, advances and outline extents. Immutable, so label layout can run on any thread.
final class FontMetrics: Sendable {
    let unitsPerEm: Double
    /// Highest and lowest outline points (font units, descent positive) over Latin, Greek and
    /// Cyrillic letters: where text lines start and end, so accents and descenders stay in the box.
    let ascent: Double
    let descent: Double
    /// Glyphs for U+0000…U+052F (Latin, Greek, Cyrillic), index 0 where the font has none.
    private let common: [GlyphMetrics]
    private let others: [UInt32: GlyphMetrics]
    let notdef: GlyphMetrics

    init(unitsPerEm: Double, ascent: Double, descent: Double, common: [GlyphMetrics],
         others: [UInt32: GlyphMetrics], notdef: GlyphMetrics) {
        self.unitsPerEm = unitsPerEm
        self.ascent = ascent
        self.descent = descent
        self.common = common
        self.others = others
        self.notdef = notdef
    }

    static let commonLimit: UInt32 = 0x530

    /// The glyph for a character, or nil if the font does not cover it.
    @inline(__always)
    func glyph(_ scalar: Unicode.Scalar) -> GlyphMetrics? {
        if scalar.value < Self.commonLimit {
            let glyph = common[Int(scalar.value)]
            return glyph.index == 0 ? nil : glyph
        }
        return others[scalar.value]
    }
}

/// One font file, loaded through FreeType from the path given (never from the system's fonts)
/// and wrapped as a cairo font face. Its FreeType calls are all here; its cairo calls are in
/// ``CairoFontFace``.
final class Font: Sendable {
    let path: String
    let metrics: FontMetrics
    let face: CairoFontFace

    init(path: String) throws(LabelError) {
        self.path = path
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else {
            throw .fontUnreadable(path: path, reason: "FreeType could not start")
        }
        var ftFace: FT_Face?
        let status = FT_New_Face(library, path, 0, &ftFace)
        guard status == 0, let ftFace else {
            FT_Done_FreeType(library)
            throw .fontUnreadable(path: path, reason: Self.freeTypeMessage(status))
        }
        guard ftFace.pointee.units_per_EM > 0 else {
            FT_Done_FreeType(library)
            throw .fontUnreadable(path: path, reason: "it is not a scalable (outline) font")
        }
        metrics = Self.readMetrics(ftFace)
        face = try CairoFontFace(face: ftFace, library: library, path: path)
    }

    private static func readMetrics(_ face: FT_Face) -> FontMetrics {
        var byGlyph: [UInt32: GlyphMetrics] = [:]
        func metrics(_ index: UInt32) -> GlyphMetrics {
            if let known = byGlyph[index] { return known }
            var glyph = GlyphMetrics(index: index, advance: 0, xMin: 0, xMax: 0, yMin: 0, yMax: 0)
            if FT_Load_Glyph(face, index, Int32(FT_LOAD_NO_SCALE)) == 0, let slot = face.pointee.glyph {
                let m = slot.pointee.metrics
                glyph.advance = Int32(clamping: m.horiAdvance)
                glyph.xMin = Int16(clamping: m.horiBearingX)
                glyph.xMax = Int16(clamping: m.horiBearingX + m.width)
                glyph.yMax = Int16(clamping: m.horiBearingY)
                glyph.yMin = Int16(clamping: m.horiBearingY - m.height)
            }
            byGlyph[index] = glyph
            return glyph
        }
        let empty = GlyphMetrics(index: 0, advance: 0, xMin: 0, xMax: 0, yMin: 0, yMax: 0)
        var common = [GlyphMetrics](repeating: empty, count: Int(FontMetrics.commonLimit))
        var others: [UInt32: GlyphMetrics] = [:]
        var ascent = 0.0, descent = 0.0
        var index: FT_UInt = 0
        var code = FT_Get_First_Char(face, &index)
        while index != 0 {
            let glyph = metrics(index)
            if code < FontMetrics.commonLimit {
                common[Int(code)] = glyph
                let letters = (0x41...0x7A).contains(code) || (0xC0...0x17F).contains(code)
                    || (0x386...0x3CE).contains(code) || (0x400...0x45F).contains(code)
                if letters {
                    ascent = max(ascent, Double(glyph.yMax))
                    descent = max(descent, Double(-glyph.yMin))
                }
            } else {
                others[UInt32(code)] = glyph
            }
            code = FT_Get_Next_Char(face, code, &index)
        }
        let unitsPerEm = Double(face.pointee.units_per_EM)
        if ascent == 0 { ascent = Double(face.pointee.ascender) }
        if descent == 0 { descent = Double(-face.pointee.descender) }
        return FontMetrics(unitsPerEm: unitsPerEm, ascent: ascent, descent: descent, common: common,
                           others: others, notdef: metrics(0))
    }

    private static func freeTypeMessage(_ status: FT_Error) -> String {
        if let text = FT_Error_String(status) { return String(cString: text) }
        switch status {
        case 0x01: return "the file cannot be opened"
        case 0x02, 0x03: return "it is not a font file FreeType understands"
        default: return "FreeType error \(status)"
        }
    }
}

/// The fonts a layout names, by role, loaded from the project's fonts folder or the bundled one.
final class FontSet: Sendable {
    let regular: Font
    let bold: Font

    init(layout: LabelLayout, resources: ResourceLocator) throws(LabelError) {
        var fonts: [FontRole: Font] = [:]
        let folders = [resources.projectFontsDirectory, resources.fontsDirectory].compactMap { $0 }
        for (role, file) in layout.fonts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            // A font is named by its file name only: a path could reach a file outside the fonts folders.
            guard !file.isEmpty, !file.contains("/"), !file.hasPrefix(".") else {
                throw .templateInvalid(file: layout.file.path, field: "fonts.\(role.rawValue)",
                                       problem: "'\(file)' is not a font file name — name a file in the Fonts folder, without a path")
            }
            let candidates = folders.map { $0.appendingPathComponent(file).path }
            guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
                throw .fontMissing(file: file, searched: candidates)
            }
            fonts[role] = try Font(path: path)
        }
        guard let regular = fonts[.regular] else {
            throw .templateInvalid(file: layout.file.path, field: "fonts.regular", problem: "a layout needs a regular font file")
        }
        self.regular = regular
        bold = fonts[.bold] ?? regular
    }

    subscript(role: FontRole) -> Font {
        switch role {
        case .regular: regular
        case .bold: bold
        }
    }
}
