public import Credentials
import DigitalLink
public import Foundation
public import Labels
public import PassportModel
public import QRCode
public import Output

/// Prints a batch's labels: maps the validated records to label content, signs each unit's code,
/// and hands the run to the label renderer.
public struct BatchLabels: Sendable {
    /// Which labels to render, in which template and formats.
    public struct Request: Sendable {
        public var batchID: String
        /// A sheet name or alias from Templates/labels/sheets (or the project's own).
        public var template: String
        public var layout: String?
        public var formats: Set<LabelFormat>
        /// First unit number to print (serialized batches); nil for the range's first.
        public var from: Int?
        /// How many labels; nil for every unit (serialized) or one sheet (lot-level).
        public var count: Int?
        /// Label slots already used on the first sheet.
        public var startPosition: Int
        public var errorCorrection: QRErrorCorrection

        public init(batchID: String, template: String = BatchLabels.defaultTemplate, layout: String? = nil,
                    formats: Set<LabelFormat> = Set(LabelFormat.allCases), from: Int? = nil, count: Int? = nil,
                    startPosition: Int = 0, errorCorrection: QRErrorCorrection = .medium) {
            self.batchID = batchID
            self.template = template
            self.layout = layout
            self.formats = formats
            self.from = from
            self.count = count
            self.startPosition = startPosition
            self.errorCorrection = errorCorrection
        }
    }

    public enum LabelFormat: String, Sendable, CaseIterable {
        case pdf, png, svg
    }

    /// The sheet `build` uses when a batch names none: A4, 21 labels (Avery L7160).
    public static let defaultTemplate = "avery-l7160"

    public let project: Project
    public let issuer: DIDWeb
    public let key: SigningKey
    public let resources: ResourceLocator
    /// The PDF's creation date: the build instant, never the wall clock during rendering.
    public let documentDate: Date
    /// Certificates whose conformity credential a certifier signed: only these are printed as
    /// badges (a self-declared claim is never a badge).
    public let certifierSigned: Set<String>

    public init(project: Project, issuer: DIDWeb, key: SigningKey, resources: ResourceLocator, documentDate: Date,
                certifierSigned: Set<String>) {
        self.project = project
        self.issuer = issuer
        self.key = key
        self.resources = resources
        self.documentDate = documentDate
        self.certifierSigned = certifierSigned
    }

    /// A label printer for a loaded project: its did:web and signing key.
    public static func forProject(_ project: Project, resources: ResourceLocator,
                                  documentDate: Date) throws(BuildError) -> BatchLabels {
        do {
            let issuer = try DIDWeb(baseURL: project.producer.baseURL)
            let key = try KeyStore(projectDirectory: URL(fileURLWithPath: project.root)).load(id: project.producer.signingKey)
            return BatchLabels(project: project, issuer: issuer, key: key, resources: resources, documentDate: documentDate,
                               certifierSigned: CertifierDocuments.certifierSigned(project))
        } catch { throw .credential(error, context: "keys/") }
    }

    /// `passport labels`: renders a run into its own folder and swaps it in whole when complete,
    /// leaving the rest of `labelsFolder` as it was. What `build` prints (every label of the batch
    /// on the default sheet, in every format) goes to `<labelsFolder>/<batch>/`; any other run to
    /// `<labelsFolder>/<batch>/<run>/` (see ``runFolder(for:)``), so it never replaces those labels.
    /// The report's outputs are the files' final paths.
    public func print(_ request: Request, labelsFolder: URL,
                      progress: ((Int) -> Void)? = nil) throws(BuildError) -> LabelRunReport {
        let staged = try BuildError.output(try StagedOutput(destination: labelsFolder))
        let run = Self.runFolder(for: request)
        let relative = run.isEmpty ? request.batchID : request.batchID + "/" + run
        let folder = try BuildError.output(try staged.part(relative))
        var report = try render(request, into: folder, progress: progress)
        try BuildError.output(try staged.commit())
        let final = staged.destination.appendingPathComponent(relative)
        report.outputs = report.outputs.map { output in
            let path = output.path
            guard path.hasPrefix(folder.path) else { return output }
            return URL(fileURLWithPath: final.path + path.dropFirst(folder.path.count))
        }
        return report
    }

    /// The folder, inside the batch's, of a run that is not what `build` prints: named after what
    /// differs (`from-1-count-30`, `avery-5160`, `start-4`, `layout-wide`, `ec-H`, `pdf`), or empty
    /// for `build`'s own run.
    public static func runFolder(for request: Request) -> String {
        var parts: [String] = []
        if request.template != defaultTemplate { parts.append(request.template) }
        if let layout = request.layout { parts.append("layout-\(layout)") }
        switch (request.from, request.count) {
        case let (from?, count?): parts.append("from-\(from)-count-\(count)")
        case let (from?, nil): parts.append("from-\(from)")
        case let (nil, count?): parts.append("count-\(count)")
        case (nil, nil): break
        }
        if request.startPosition > 0 { parts.append("start-\(request.startPosition)") }
        if request.errorCorrection != .medium { parts.append("ec-\(request.errorCorrection)") }
        if request.formats != Set(LabelFormat.allCases) {
            parts.append(LabelFormat.allCases.filter(request.formats.contains).map(\.rawValue).joined(separator: "-"))
        }
        let name = parts.joined(separator: "-")
        return String(name.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == ".")
                ? Character(scalar) : "-"
        })
    }

    /// Renders into `folder` (`labels.pdf`, `png/`, `svg/`, `manifest.csv`), a part of a
    /// `StagedOutput`: a failed run leaves nothing behind once the staging is discarded.
    public func render(_ request: Request, into folder: URL,
                       progress: ((Int) -> Void)? = nil) throws(BuildError) -> LabelRunReport {
        guard let batch = project.batches.first(where: { $0.id == request.batchID }) else {
            let known = project.batches.map(\.id).joined(separator: ", ")
            throw .invalid("no batch `\(request.batchID)` in batches/ — known batches: \(known)")
        }
        guard let product = project.product(batch.product) else {
            throw .invalid("batch `\(batch.id)` names no known product")
        }
        var located = resources
        // The project's own templates, found without leaving the project; labels read only inside them.
        located.projectTemplatesDirectory = try BuildError.projectFile(
            try ProjectFolder(root: URL(fileURLWithPath: project.root)).resolvedFolder("templates"))
        let template: LabelTemplate
        do {
            template = try TemplateCatalog(resources: located).template(named: request.template, layout: request.layout)
        } catch { throw .labels(error.description) }
        let plan = try numbering(batch, request: request, perSheet: template.sheet.labelsPerPage)
        let content = LabelContentMaker(project: project, product: product, batch: batch, issuer: issuer, key: key,
                                        certifierSigned: certifierSigned)
        let runRequest = LabelRunRequest(
            template: template, count: plan.count, documentDate: documentDate,
            title: "\(product.name.text(in: project.producer.defaultLanguage)) — lot \(batch.lot)",
            startPosition: request.startPosition, errorCorrection: request.errorCorrection,
            pdf: request.formats.contains(.pdf) ? folder.appendingPathComponent("labels.pdf") : nil,
            pngDirectory: request.formats.contains(.png) ? folder.appendingPathComponent("png") : nil,
            svgDirectory: request.formats.contains(.svg) ? folder.appendingPathComponent("svg") : nil,
            manifest: folder.appendingPathComponent("manifest.csv"))
        let first = plan.first
        do {
            return try LabelRenderer(resources: located).render(runRequest, content: { index in
                try content.make(unit: first.map { $0 + index })
            }, progress: progress)
        } catch {
            throw .labels(error.description)
        }
    }

    /// Which unit numbers (serialized) or how many copies (lot-level) to print. Every number is
    /// checked for range before any arithmetic on it; a run prints at most `limits.labels_per_run`.
    private func numbering(_ batch: Batch, request: Request, perSheet: Int) throws(BuildError) -> (first: Int?, count: Int) {
        let cap = project.producer.limits.labelsPerRun
        func capped(_ count: Int) throws(BuildError) -> Int {
            guard count <= cap else {
                throw .invalid("batch `\(batch.id)`: \(count) labels is more than the \(cap) one run may print — print them in runs with --from and --count, build with --no-labels, or raise `limits: {labels_per_run: …}` in passport.yaml (at most \(ProjectLimits.ceiling))")
            }
            return count
        }
        if let count = request.count, count < 1 { throw .invalid("--count must be at least 1") }
        guard let serials = batch.serials else {
            if request.from != nil {
                throw .invalid("batch `\(batch.id)` is not serialized, so --from does not apply — print copies with --count")
            }
            let start = min(max(request.startPosition, 0), perSheet)  // the renderer refuses one off the sheet
            return (nil, try capped(request.count ?? max(1, perSheet - start)))
        }
        let range = "\(serials.serial(serials.first))…\(serials.serial(serials.last))"
        let first = request.from ?? serials.first
        guard first >= serials.first, first <= serials.last else {
            throw .invalid("batch `\(batch.id)` has serials \(range); unit \(first) is outside that range — check --from")
        }
        let available = serials.last - first + 1
        let count = request.count ?? available
        guard count <= available else {
            let (last, overflow) = first.addingReportingOverflow(count - 1)
            throw .invalid("batch `\(batch.id)` has serials \(range); units \(first)…\(overflow ? "\(first) + \(count) - 1" : String(last)) are outside that range — check --from and --count")
        }
        return (first, try capped(count))
    }
}

/// Builds one label's content from the records; safe to call from several threads.
struct LabelContentMaker: Sendable {
    let project: Project
    let product: Product
    let batch: Batch
    let issuer: DIDWeb
    let key: SigningKey
    let certifierSigned: Set<String>

    func make(unit: Int?) throws -> LabelContent {
        let language = project.producer.defaultLanguage
        let words = LabelWords(language: language)
        var dates: [String] = []
        if let expiry = batch.expiry { dates.append("\(words.useBy) \(words.format(expiry))") }
        if let bestBefore = batch.bestBefore { dates.append("\(words.bestBefore) \(words.format(bestBefore))") }
        dates.append("\(words.produced) \(words.format(batch.productionDate))")
        let badges = product.certifications.filter(certifierSigned.contains).compactMap { project.certificate($0)?.badge }
        var serial: String?
        let code: String
        if let serials = batch.serials, let unit {
            let text = serials.serial(unit)
            serial = text
            code = try UnitCode.text(baseURL: issuer.baseURL, gtin: product.gtin, lot: batch.lot, serial: text, key: key)
        } else {
            code = try batchCode()
        }
        return LabelContent(codeText: code, gtinDisplay: LabelContent.gtinDisplay(product.gtin),
                            productName: product.name.text(in: language), producerName: project.producer.name,
                            lot: batch.lot, serial: serial, dates: dates, netQuantity: product.netQuantity.description,
                            badges: badges, callToAction: words.scan)
    }

    /// The batch's Digital Link, with the expiry date (AI 17) when the batch has one.
    private func batchCode() throws -> String {
        let gtin = try GTIN(product.gtin)
        var link = try DigitalLinkURI(gtin: gtin, lot: batch.lot, stem: issuer.baseURL)
        if let expiry = batch.expiry {
            link = try DigitalLinkURI(stem: link.stem, primaryKey: link.primaryKey, qualifiers: link.qualifiers,
                                      attributes: [GS1Element(ai: "17", value: expiry.gs1YYMMDD)])
        }
        return link.uriString
    }
}

/// The few words a label prints, in the producer's first language (English otherwise).
struct LabelWords {
    let useBy, bestBefore, produced, scan: String
    let months: [String]

    init(language: String) {
        switch language {
        case "it":
            (useBy, bestBefore, produced, scan) = ("Da consumarsi entro", "Da consumarsi preferibilmente entro",
                                                   "Prodotto il", "Inquadra: origine e prova")
            months = ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"]
        default:
            (useBy, bestBefore, produced, scan) = ("Use by", "Best before", "Produced", "Scan for origin and proof")
            months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        }
    }

    func format(_ date: CalendarDate) -> String { "\(date.day) \(months[date.month - 1]) \(date.year)" }
}
