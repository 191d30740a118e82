internal import CCairo
import Foundation
import QRCode

/// Writes labels onto PDF sheets, streaming: each page goes to the file when the next one
/// starts, so memory stays flat however many labels there are.
///
/// Text is vector text with subset fonts embedded. Text that is the same on every label is
/// recorded once and placed as a PDF form on each label, which keeps the file small and fast
/// to write. The codes are 1-bit image masks with interpolation off, at a whole number of
/// printer dots per module, aligned to the printer's dot grid; all codes of a page share one
/// image, each shown through a clip of exactly its own modules. Metadata dates are fixed, so
/// the same input gives the same bytes.
final class PDFSheetWriter {
    private let canvas: CairoCanvas
    private let template: LabelTemplate
    private let fonts: FontSet
    private let drawOutlines: Bool
    private var page = -1
    private var formKey: String?
    private var form: CairoCanvas?
    private var onPage: [(label: PreparedLabel, slot: Int)] = []

    /// Pages started so far.
    var pageCount: Int { page + 1 }

    init(path: String, template: LabelTemplate, fonts: FontSet, title: String, date: Date, drawOutlines: Bool)
        throws(LabelError)
    {
        let sheet = template.sheet
        let stamp = Self.isoDate(date)
        canvas = try .pdf(path: path, width: sheet.pageWidth * Length.pointsPerMillimetre,
                          height: sheet.pageHeight * Length.pointsPerMillimetre,
                          metadata: [(CAIRO_PDF_METADATA_TITLE, title), (CAIRO_PDF_METADATA_CREATOR, "passport"),
                                     (CAIRO_PDF_METADATA_SUBJECT, "Labels on \(sheet.title)"),
                                     (CAIRO_PDF_METADATA_CREATE_DATE, stamp), (CAIRO_PDF_METADATA_MOD_DATE, stamp)])
        self.template = template
        self.fonts = fonts
        self.drawOutlines = drawOutlines
    }

    /// Adds `label` in sheet position `slot` (counted from the first slot of the first page,
    /// skipped slots included); slots must come in increasing order. A page is drawn when the
    /// next one starts.
    func draw(_ label: PreparedLabel, slot: Int) throws(LabelError) {
        let perPage = template.sheet.labelsPerPage
        if slot / perPage != page {
            try drawPage()
            while page < slot / perPage {
                if page >= 0 {
                    cairo_show_page(canvas.context)
                    try canvas.check("finishing page \(page + 1)")
                }
                page += 1
            }
        }
        onPage.append((label, slot % perPage))
    }

    /// Draws the labels collected for the current page: text first, then every code on the page
    /// from one shared 1-bit image (one compressed image per page instead of one per label).
    private func drawPage() throws(LabelError) {
        guard !onPage.isEmpty else { return }
        if drawOutlines { outlinePage() }
        var origins: [(x: Double, y: Double)] = []
        for (label, slot) in onPage {
            let origin = template.sheet.labelOrigin(slot: slot)
            let x = origin.x * Length.pointsPerMillimetre, y = origin.y * Length.pointsPerMillimetre
            origins.append((x, y))
            if !label.fixed.isEmpty {
                if formKey != label.fixed.key || form == nil {
                    let recording = try CairoCanvas.recording(width: template.geometry.width, height: template.geometry.height)
                    recording.draw(label.fixed, fonts: fonts)
                    try recording.check("recording label text")
                    form = recording
                    formKey = label.fixed.key
                }
                if let form { canvas.paint(form, x: x, y: y) }
            }
            canvas.draw(label.variable, fonts: fonts, x: x, y: y)
        }
        let strip = CodeStrip(onPage.map(\.label.symbol))
        guard let mask = strip.surface() else {
            throw .renderingFailed(stage: "drawing codes", reason: "cairo could not make the code image")
        }
        defer { cairo_surface_destroy(mask) }
        let pattern = cairo_pattern_create_for_surface(mask)
        cairo_pattern_set_filter(pattern, CAIRO_FILTER_NEAREST)
        defer { cairo_pattern_destroy(pattern) }
        let context = canvas.context
        cairo_set_source_rgb(context, 0, 0, 0)
        for (index, (label, _)) in onPage.enumerated() {
            // Snap the code to the printer's dot grid on the page, so modules fall on whole dots.
            let placement = label.placement
            let dotsPerPoint = Double(placement.dpi) / 72
            let module = Double(placement.moduleDots) / dotsPerPoint
            let x = ((origins[index].x * dotsPerPoint).rounded() + Double(placement.originX)) / dotsPerPoint
            let y = ((origins[index].y * dotsPerPoint).rounded() + Double(placement.originY)) / dotsPerPoint
            let side = Double(label.symbol.size) * module
            cairo_save(context)
            cairo_rectangle(context, x, y, side, side)
            cairo_clip(context)
            cairo_translate(context, x - Double(strip.offsets[index]) * module, y)
            cairo_scale(context, module, module)
            cairo_mask(context, pattern)
            cairo_restore(context)
        }
        onPage.removeAll(keepingCapacity: true)
        try canvas.check("drawing page \(page + 1)")
    }

    /// Completes the last page and the file.
    func finish() throws(LabelError) {
        try drawPage()
        if page < 0 { page = 0 }
        form = nil
        cairo_show_page(canvas.context)
        cairo_surface_finish(canvas.surface)
        try canvas.check("writing the PDF file")
    }

    /// Thin grey die-cut outlines for every slot, for checking alignment on plain paper.
    private func outlinePage() {
        let sheet = template.sheet
        let context = canvas.context
        cairo_save(context)
        cairo_set_source_rgb(context, 0.7, 0.7, 0.7)
        cairo_set_line_width(context, 0.3)
        for slot in 0..<sheet.labelsPerPage {
            let origin = sheet.labelOrigin(slot: slot)
            canvas.roundedRectangle(
                Rect(x: origin.x * Length.pointsPerMillimetre, y: origin.y * Length.pointsPerMillimetre,
                     width: template.geometry.width, height: template.geometry.height),
                radius: sheet.cornerRadius * Length.pointsPerMillimetre)
            cairo_stroke(context)
        }
        cairo_restore(context)
    }

    /// "YYYY-MM-DDThh:mm:ssZ" in UTC, the form cairo turns into the PDF date.
    static func isoDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year ?? 1970, c.month ?? 1, c.day ?? 1,
                      c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}

/// The codes of one page side by side in one 1-bit image, packed without gaps (the image is
/// compressed per page, so fewer bytes is less work).
struct CodeStrip {
    let symbols: [QRMatrix]
    /// Column where each symbol starts.
    let offsets: [Int]
    let width: Int
    let height: Int

    init(_ symbols: [QRMatrix]) {
        self.symbols = symbols
        var offsets: [Int] = []
        var width = 0
        for symbol in symbols {
            offsets.append(width)
            width += symbol.size
        }
        self.offsets = offsets
        self.width = width
        height = symbols.map(\.size).max() ?? 0
    }

    /// A `CAIRO_FORMAT_A1` surface with every symbol at its offset.
    func surface() -> OpaquePointer? {
        guard width > 0, let surface = cairo_image_surface_create(CAIRO_FORMAT_A1, Int32(width), Int32(height)),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS,
              let data = cairo_image_surface_get_data(surface) else { return nil }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let rowWords = (stride + 7) / 8
        var row = [UInt64](repeating: 0, count: rowWords + 1)
        for y in 0..<height {
            for index in row.indices { row[index] = 0 }
            for (symbol, offset) in zip(symbols, offsets) where y < symbol.size {
                symbol.withRowWords { words in
                    for k in 0..<symbol.wordsPerRow {
                        let word = words[y * symbol.wordsPerRow + k]
                        let bit = offset + 64 * k
                        let shift = UInt64(bit & 63)
                        row[bit >> 6] |= word << shift
                        if shift != 0 { row[(bit >> 6) + 1] |= word >> (64 - shift) }
                    }
                }
            }
            row.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress else { return }
                #if _endian(little)
                // A1 pixels are least significant bit first on little-endian machines, like
                // the matrix's words.
                memcpy(data + y * stride, base, stride)
                #else
                let target = data + y * stride
                memset(target, 0, stride)
                for x in 0..<width where (row[x >> 6] >> UInt64(x & 63)) & 1 == 1 {
                    target[x / 8] |= 0x80 >> UInt8(x % 8)
                }
                #endif
            }
        }
        cairo_surface_mark_dirty(surface)
        return surface
    }
}
