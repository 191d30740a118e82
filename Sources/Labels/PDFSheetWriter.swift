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
                          metadata: PDFMetadata(title: title, creator: "passport", subject: "Labels on \(sheet.title)",
                                                date: stamp))
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
                if page >= 0 { try canvas.showPage("finishing page \(page + 1)") }
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
        // Snap each code to the printer's dot grid on the page, so modules fall on whole dots.
        let placements = onPage.enumerated().map { index, entry in
            let placement = entry.label.placement
            let dotsPerPoint = Double(placement.dpi) / 72
            return (x: ((origins[index].x * dotsPerPoint).rounded() + Double(placement.originX)) / dotsPerPoint,
                    y: ((origins[index].y * dotsPerPoint).rounded() + Double(placement.originY)) / dotsPerPoint,
                    module: Double(placement.moduleDots) / dotsPerPoint)
        }
        try canvas.drawCodes(CodeStrip(onPage.map(\.label.symbol)), at: placements)
        onPage.removeAll(keepingCapacity: true)
        try canvas.check("drawing page \(page + 1)")
    }

    /// Completes the last page and the file.
    func finish() throws(LabelError) {
        try drawPage()
        if page < 0 { page = 0 }
        form = nil
        try canvas.finish("writing the PDF file", showingPage: true)
    }

    /// Thin grey die-cut outlines for every slot, for checking alignment on plain paper.
    private func outlinePage() {
        let sheet = template.sheet
        let slots = (0..<sheet.labelsPerPage).map { slot in
            let origin = sheet.labelOrigin(slot: slot)
            return Rect(x: origin.x * Length.pointsPerMillimetre, y: origin.y * Length.pointsPerMillimetre,
                        width: template.geometry.width, height: template.geometry.height)
        }
        canvas.stroke(slots, radius: sheet.cornerRadius * Length.pointsPerMillimetre, gray: 0.7, lineWidth: 0.3)
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
