public import Foundation
public import QRCode
public import Output

/// What to render and where.
public struct LabelRunRequest: Sendable {
    public var template: LabelTemplate
    /// Number of labels; the content closure is called with 0..<count.
    public var count: Int
    /// Label slots to leave empty on the first sheet (a partly used sheet), 0 for a fresh one.
    public var startPosition: Int
    public var errorCorrection: QRErrorCorrection
    /// A PDF of sheets; nil for none.
    public var pdf: URL?
    /// A folder to receive one PNG per label (replaced as a whole); nil for none.
    public var pngDirectory: URL?
    /// A folder to receive one SVG per label (replaced as a whole); nil for none.
    public var svgDirectory: URL?
    /// The CSV manifest (serial, code, label, sheet, position); nil for none.
    public var manifest: URL?
    /// Written into the PDF as its creation date: use the batch's issue date, never "now",
    /// so the same input gives the same bytes.
    public var documentDate: Date
    /// The PDF's title.
    public var title: String
    /// Draw thin grey die-cut outlines on the PDF, for a test print on plain paper.
    public var drawOutlines: Bool

    /// A run of `count` labels on `template`; name at least one output.
    public init(template: LabelTemplate, count: Int, documentDate: Date, title: String = "Labels",
                startPosition: Int = 0, errorCorrection: QRErrorCorrection = .medium, pdf: URL? = nil,
                pngDirectory: URL? = nil, svgDirectory: URL? = nil, manifest: URL? = nil, drawOutlines: Bool = false) {
        self.template = template
        self.count = count
        self.documentDate = documentDate
        self.title = title
        self.startPosition = startPosition
        self.errorCorrection = errorCorrection
        self.pdf = pdf
        self.pngDirectory = pngDirectory
        self.svgDirectory = svgDirectory
        self.manifest = manifest
        self.drawOutlines = drawOutlines
    }
}

/// Renders runs of labels: encodes and lays out labels in parallel on all cores, draws the PDF
/// in order on the calling thread, and writes every output atomically.
public struct LabelRenderer: Sendable {
    public let resources: ResourceLocator

    /// A renderer using the bundled (and project) fonts that `resources` points to.
    public init(resources: ResourceLocator) {
        self.resources = resources
    }

    /// Renders `request.count` labels.
    /// - Parameters:
    ///   - content: the content of label `index` (0-based). Called from several threads at once
    ///     and not in order; sign serials here. A thrown error stops the run.
    ///   - progress: called on the calling thread with the number of labels done so far.
    /// - Returns: what was written and which labels needed their text adjusted.
    /// - Throws: ``LabelError``. Write into a part of an `Output.StagedOutput`: the files of a
    ///   failed run are discarded with it and never reach the output folder.
    public func render(_ request: LabelRunRequest,
                       content: @escaping @Sendable (Int) throws -> LabelContent,
                       progress: ((Int) -> Void)? = nil) throws(LabelError) -> LabelRunReport {
        try validate(request)
        let fonts = try FontSet(layout: request.template.layout, resources: resources)
        let composer = try LabelComposer(template: request.template, fonts: fonts)

        for folder in [request.pdf?.deletingLastPathComponent(), request.manifest?.deletingLastPathComponent(),
                       request.pngDirectory, request.svgDirectory].compactMap({ $0 }) {
            do { try FileWriter.makeFolder(folder) } catch {
                throw .outputFailed(path: folder.path, reason: error.description)
            }
        }

        let preparer = LabelPreparer(
            composer: composer, fonts: fonts, errorCorrection: request.errorCorrection, count: request.count,
            content: content, pngDirectory: request.pngDirectory, svgDirectory: request.svgDirectory)
        let pipeline = LabelPipeline(preparer: preparer, count: request.count)
        defer { pipeline.waitForPending() }
        do {
            let writer = try request.pdf.map { file throws(LabelError) in
                try PDFSheetWriter(path: file.path, template: request.template, fonts: fonts,
                                   title: request.title, date: request.documentDate, drawOutlines: request.drawOutlines)
            }
            let manifestWriter = try request.manifest.map { file throws(LabelError) in try ManifestWriter(path: file.path) }
            let perPage = request.template.sheet.labelsPerPage
            var collector = AdjustmentCollector()
            var versions: ClosedRange<Int>?
            var modules: ClosedRange<Double>?
            var done = 0
            while let chunk = try pipeline.next() {
                for label in chunk {
                    let slot = request.startPosition + label.index
                    try writer?.draw(label, slot: slot)
                    manifestWriter?.append([label.serial ?? "", label.codeText, String(label.index + 1),
                                            String(slot / perPage + 1), String(slot % perPage + 1)])
                    collector.add(label.fixed.fits, label: label.index + 1)
                    collector.add(label.variable.fits, label: label.index + 1)
                    let version = label.symbol.version, module = label.placement.moduleMillimetres
                    versions = versions.map { min($0.lowerBound, version)...max($0.upperBound, version) } ?? version...version
                    modules = modules.map { min($0.lowerBound, module)...max($0.upperBound, module) } ?? module...module
                }
                try manifestWriter?.flushIfNeeded()
                done += chunk.count
                progress?(done)
            }
            try writer?.finish()
            try manifestWriter?.finish()
            return LabelRunReport(
                template: request.template.name, labelCount: request.count, pageCount: writer?.pageCount ?? 0,
                errorCorrection: request.errorCorrection, codeVersions: versions ?? 0...0,
                moduleMillimetres: modules ?? 0...0, textAdjustments: collector.adjustments,
                outputs: [request.pdf, request.manifest, request.pngDirectory, request.svgDirectory].compactMap { $0 })
        } catch {
            pipeline.waitForPending()
            throw error
        }
    }

    private func validate(_ request: LabelRunRequest) throws(LabelError) {
        guard request.count >= 1 else { throw .invalidRequest("Nothing to print: the label count must be at least 1.") }
        let perPage = request.template.sheet.labelsPerPage
        guard request.startPosition >= 0, request.startPosition < perPage else {
            throw .invalidRequest("The start position \(request.startPosition + 1) is not on the sheet: "
                + "'\(request.template.name)' has positions 1 to \(perPage).")
        }
        guard request.pdf != nil || request.pngDirectory != nil || request.svgDirectory != nil || request.manifest != nil else {
            throw .invalidRequest("No output was asked for: choose a PDF, PNG or SVG output, or a manifest.")
        }
    }
}
