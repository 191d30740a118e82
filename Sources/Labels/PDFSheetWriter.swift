internal import CCairo
import Foundation

/// Writes labels onto PDF sheets, streaming: each page goes to the file when the next one
/// starts, so memory stays flat however many labels there are.
///
/// Text is vector text with subset fonts embedded. Text that is the same on every label is
/// recorded once and placed as a PDF form on each label, which keeps the file small and fast
/// to write. The code is a 1-bit image mask with interpolation off, at a whole number of
/// printer dots per module, aligned to the printer's dot grid. Metadata dates are fixed, so
/// the same input gives the same bytes.
final class PDFSheetWriter {
    private let canvas: CairoCanvas
    private let template: LabelTemplate
    private let fonts: FontSet
    private let drawOutlines: Bool
    private var page = -1
    private var formKey: String?
    private var form: CairoCanvas?

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

    /// Draws `label` in sheet position `slot` (counted from the first slot of the first page,
    /// skipped slots included); slots must come in increasing order.
    func draw(_ label: PreparedLabel, slot: Int) throws(LabelError) {
        let sheet = template.sheet
        let perPage = sheet.labelsPerPage
        while page < slot / perPage {
            if page >= 0 {
                cairo_show_page(canvas.context)
                try canvas.check("finishing page \(page + 1)")
            }
            page += 1
            if drawOutlines { outlinePage() }
        }
        let origin = sheet.labelOrigin(slot: slot % perPage)
        let x = origin.x * Length.pointsPerMillimetre
        let y = origin.y * Length.pointsPerMillimetre
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
        // Snap the code to the printer's dot grid on the page, so modules fall on whole dots.
        let placement = label.placement
        let dotsPerPoint = Double(placement.dpi) / 72
        let codeX = ((x * dotsPerPoint).rounded() + Double(placement.originX)) / dotsPerPoint
        let codeY = ((y * dotsPerPoint).rounded() + Double(placement.originY)) / dotsPerPoint
        canvas.drawCodeImage(label.symbol, x: codeX, y: codeY, module: Double(placement.moduleDots) / dotsPerPoint)
    }

    /// Completes the last page and the file.
    func finish() throws(LabelError) {
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
