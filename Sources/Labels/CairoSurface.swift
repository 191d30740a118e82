internal import CCairo
import Foundation
import QRCode

/// One cairo surface (`cairo_surface_t *`), owned: one reference, released in `deinit`.
///
/// With ``CairoCanvas`` and ``CairoFontFace`` the only place the module calls cairo. Every
/// factory checks cairo's status and throws ``LabelError/renderingFailed(stage:reason:)`` with
/// cairo's own message (`cairo_status_to_string`), so a surface that exists is usable.
final class CairoSurface {
    /// `cairo_surface_t *`.
    let pointer: OpaquePointer

    /// Takes over the reference `created` by a cairo constructor, or releases it and throws.
    private init(taking created: OpaquePointer?, stage: String) throws(LabelError) {
        guard let created else { throw .renderingFailed(stage: stage, reason: "cairo could not create a surface") }
        let status = cairo_surface_status(created)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(created)
            throw Self.error(status, stage: stage)
        }
        pointer = created
    }

    deinit { cairo_surface_destroy(pointer) }

    /// A PDF file written page by page (`cairo_pdf_surface_create`); `width`/`height` in points.
    static func pdf(path: String, width: Double, height: Double, metadata: PDFMetadata) throws(LabelError) -> CairoSurface {
        let surface = try CairoSurface(taking: cairo_pdf_surface_create(path, width, height), stage: "starting the PDF \(path)")
        for (key, value) in [(CAIRO_PDF_METADATA_TITLE, metadata.title), (CAIRO_PDF_METADATA_CREATOR, metadata.creator),
                             (CAIRO_PDF_METADATA_SUBJECT, metadata.subject), (CAIRO_PDF_METADATA_CREATE_DATE, metadata.date),
                             (CAIRO_PDF_METADATA_MOD_DATE, metadata.date)] {
            cairo_pdf_surface_set_metadata(surface.pointer, key, value)
        }
        return surface
    }

    /// An SVG file of `width` × `height` points (`cairo_svg_surface_create`).
    static func svg(path: String, width: Double, height: Double) throws(LabelError) -> CairoSurface {
        try CairoSurface(taking: cairo_svg_surface_create(path, width, height), stage: "starting the SVG file \(path)")
    }

    /// A 24-bit image of `width` × `height` pixels (`CAIRO_FORMAT_RGB24`).
    static func image(width: Int, height: Int) throws(LabelError) -> CairoSurface {
        try CairoSurface(taking: cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)),
                         stage: "making a \(width) × \(height) pixel label image")
    }

    /// Drawing recorded for replay, `width` × `height` points (`cairo_recording_surface_create`):
    /// a form in PDF output.
    static func recording(width: Double, height: Double) throws(LabelError) -> CairoSurface {
        var extents = cairo_rectangle_t(x: 0, y: 0, width: width, height: height)
        return try CairoSurface(taking: cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents),
                                stage: "recording label text")
    }

    /// The symbols side by side in one 1-bit image (`CAIRO_FORMAT_A1`), one pixel per module,
    /// packed without gaps (a PDF compresses one image per page, so fewer bytes is less work).
    static func mask(_ strip: CodeStrip) throws(LabelError) -> CairoSurface {
        let stage = "drawing \(strip.symbols.count) code\(strip.symbols.count == 1 ? "" : "s")"
        guard strip.width > 0 else { throw .renderingFailed(stage: stage, reason: "there is no code to draw") }
        let surface = try CairoSurface(taking: cairo_image_surface_create(CAIRO_FORMAT_A1, Int32(strip.width),
                                                                          Int32(strip.height)), stage: stage)
        cairo_surface_flush(surface.pointer)
        guard let data = cairo_image_surface_get_data(surface.pointer) else {
            throw .renderingFailed(stage: stage, reason: "cairo gave no pixel memory for the code image")
        }
        strip.fill(data, stride: Int(cairo_image_surface_get_stride(surface.pointer)))
        cairo_surface_mark_dirty(surface.pointer)
        return surface
    }

    /// Throws if cairo has recorded an error on the surface.
    func check(_ stage: String) throws(LabelError) {
        let status = cairo_surface_status(pointer)
        guard status == CAIRO_STATUS_SUCCESS else { throw Self.error(status, stage: stage) }
    }

    /// Writes out what is pending and closes the file (`cairo_surface_finish`).
    func finish(_ stage: String) throws(LabelError) {
        cairo_surface_finish(pointer)
        try check(stage)
    }

    /// Runs `body` on an image surface's pixels: rows of native-endian `0x00RRGGBB` words,
    /// `stride` bytes apart.
    func withPixels<T>(_ stage: String,
                       _ body: (_ pixels: UnsafePointer<UInt32>, _ stride: Int) throws(LabelError) -> T) throws(LabelError) -> T {
        try check(stage)
        cairo_surface_flush(pointer)
        guard let data = cairo_image_surface_get_data(pointer) else {
            throw .renderingFailed(stage: stage, reason: "cairo gave no pixel data")
        }
        let stride = Int(cairo_image_surface_get_stride(pointer))
        let height = Int(cairo_image_surface_get_height(pointer))
        let words = UnsafeRawPointer(data).bindMemory(to: UInt32.self, capacity: stride / 4 * height)
        return try body(words, stride)
    }

    /// A cairo status as a typed error carrying cairo's message.
    static func error(_ status: cairo_status_t, stage: String) -> LabelError {
        .renderingFailed(stage: stage, reason: message(status))
    }

    /// cairo's words for a status (`cairo_status_to_string`), e.g. `cairo: out of memory`.
    static func message(_ status: cairo_status_t) -> String {
        "cairo: " + (cairo_status_to_string(status).map { String(cString: $0) } ?? "status \(status.rawValue)")
    }
}

/// What a label PDF says about itself. `date` is `YYYY-MM-DDThh:mm:ssZ`, fixed per build so
/// the same input gives the same bytes.
struct PDFMetadata {
    var title: String
    var creator: String
    var subject: String
    var date: String
}

/// A cairo font face over a FreeType face (`cairo_ft_font_face_create_for_ft_face`), owned:
/// released in `deinit`. The FreeType library that holds the face is handed to cairo, which
/// frees it when it lets go of the face (it may keep faces in its caches after we do).
final class CairoFontFace: @unchecked Sendable {  // immutable; cairo locks the FT_Face while it draws with it
    /// `cairo_font_face_t *`.
    let pointer: OpaquePointer

    /// Takes over `library` (and `face` within it): on failure both are freed before throwing.
    init(face: FT_Face, library: FT_Library, path: String) throws(LabelError) {
        guard let created = cairo_ft_font_face_create_for_ft_face(face, 0) else {
            FT_Done_FreeType(library)
            throw .fontUnreadable(path: path, reason: "cairo could not use it")
        }
        let status = cairo_font_face_status(created)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_font_face_destroy(created)
            FT_Done_FreeType(library)
            throw .fontUnreadable(path: path, reason: "cairo could not use it (\(CairoSurface.message(status)))")
        }
        let attached = cairo_font_face_set_user_data(created, fontLibraryKey.pointer,
                                                     UnsafeMutableRawPointer(library)) { library in
            if let library { FT_Done_FreeType(OpaquePointer(library)) }
        }
        guard attached == CAIRO_STATUS_SUCCESS else {
            cairo_font_face_destroy(created)
            FT_Done_FreeType(library)
            throw .fontUnreadable(path: path, reason: "cairo could not take it over (\(CairoSurface.message(attached)))")
        }
        pointer = created
    }

    deinit { cairo_font_face_destroy(pointer) }
}

/// The cairo user-data key under which a font face keeps its FreeType library.
private let fontLibraryKey = UserDataKey()

private final class UserDataKey: Sendable {
    // cairo compares keys by address only and never writes through them.
    nonisolated(unsafe) let pointer = UnsafeMutablePointer<cairo_user_data_key_t>.allocate(capacity: 1)
}
