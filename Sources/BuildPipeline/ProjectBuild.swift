import Credentials
public import Foundation
import Labels
import PassportModel
import Site
public import Output
import DigitalLink
import Issuance
import PassportNetwork

/// `passport build`: validated records in, signed credentials, the passport site, labels and the
/// verification bundle out — all written atomically into the output folder.
public struct ProjectBuild {
    public struct Options: Sendable {
        public var projectRoot: URL
        /// How the project folder is shown in messages.
        public var displayRoot: String
        public var output: URL
        /// The build day and instant, from SOURCE_DATE_EPOCH when set (same input, same bytes).
        public var now: Date
        public var resources: ResourceLocator
        public var renderLabels: Bool
        /// Unit landing pages written per batch; nil for the site's own limit (see `SiteInput`).
        public var unitPageLimit: Int?

        public init(projectRoot: URL, displayRoot: String, output: URL, now: Date, resources: ResourceLocator,
                    renderLabels: Bool = true) {
            self.projectRoot = projectRoot
            self.displayRoot = displayRoot
            self.output = output
            self.now = now
            self.resources = resources
            self.renderLabels = renderLabels
        }
    }

    /// What was written, for the summary a producer sees.
    public struct Report: Sendable {
        public var passports = 0
        public var conformityCredentials = 0
        public var certifierSigned = 0
        public var pages = 0
        public var labels = 0
        public var labelNotes: [String] = []
        /// Upstream inputs checked, and value shares confirmed by their actors.
        public var inputsChecked = 0
        public var sharesConfirmed = 0
        public var output: URL
        /// The code printed on the first label of a batch (a signed unit code when a batch is
        /// serialized), to try `passport verify` with.
        public var sampleCode: String?
        /// Site files written anew, and files left as the previous build wrote them.
        public var siteFiles = StagedPart.Tally()
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    public func run() throws(BuildError) -> Report {
        let project: Project
        do { project = try ProjectLoader.load(root: options.projectRoot, displayRoot: options.displayRoot) } catch {
            throw .project(error)
        }
        let credentials = try CredentialSet.issue(project: project, now: options.now, displayRoot: options.displayRoot)
        let staged = try BuildError.output(try StagedOutput(destination: options.output))
        var report = Report(output: options.output)
        report.inputsChecked = credentials.network.inputCount
        report.sharesConfirmed = credentials.network.confirmedCount
        let site = try BuildError.output(try staged.partWriter("site"))
        try writeCredentials(credentials, project: project, site: site, report: &report)
        report.pages = try writePages(credentials, project: project, site: site)
        if options.renderLabels {
            let printer = BatchLabels(project: project, issuer: credentials.issuer, key: credentials.signingKey,
                                      resources: options.resources, documentDate: options.now,
                                      certifierSigned: Set(credentials.conformity.filter(\.signedByCertifier).map(\.certificate.id)))
            let labels = try BuildError.output(try staged.part("labels"))
            for batch in project.batches {
                let run = try printer.render(BatchLabels.Request(batchID: batch.id),
                                             into: labels.appendingPathComponent(batch.id))
                report.labels += run.labelCount
                report.labelNotes += run.textAdjustments.map { "\(batch.id): \($0.description)" }
            }
        }
        report.sampleCode = try sampleCode(project, credentials: credentials)
        let createdAt = XSDDateTime.string(from: options.now)
        let bundle = try BundleWriter.bundle(project: project, credentials: credentials, createdAt: createdAt)
        let bundleJSON = bundle.json.serialized(pretty: true)
        try BuildError.output(try FileWriter.write(bundleJSON, to: try staged.part("bundle").appendingPathComponent("bundle.json")))
        try BuildError.output(try site.write(bundleJSON, to: ".well-known/passport-bundle.json"))
        try BuildError.output(try staged.commit(refusing: PrivateKeyTexts.collect(projectRoot: options.projectRoot)))
        report.siteFiles = site.counts
        try credentials.statusAllocation.record()
        return report
    }

    private func writeCredentials(_ credentials: CredentialSet, project: Project, site: StagedPart,
                                  report: inout Report) throws(BuildError) {
        try BuildError.output(try site.write(credentials.didDocument.serialized(pretty: true),
                                             to: credentials.issuer.didDocumentPath))
        try BuildError.output(try site.write(PassportContext.document.serialized(pretty: true), to: PublishedPaths.context))
        for batch in project.batches {
            guard let product = project.product(batch.product), let passport = credentials.passports[batch.id] else { continue }
            let folder = SiteLayout.batchFolder(gtin: product.gtin, lot: batch.lot)
            try BuildError.output(try site.write(passport.jwt, to: folder + PublishedPaths.passportJWT))
            try BuildError.output(try site.write(passport.payload.serialized(pretty: true),
                                                 to: folder + PublishedPaths.passportJSON))
            if let events = credentials.events[batch.id] {
                try BuildError.output(try site.write(events.jwt, to: folder + PublishedPaths.traceabilityJWT))
                try BuildError.output(try site.write(events.payload.serialized(pretty: true),
                                                 to: folder + PublishedPaths.traceabilityJSON))
            }
            for file in credentials.network.attestationFiles[batch.id] ?? [] {
                try BuildError.output(try site.write(file.jwt, to: folder + (file.path.removingPercentEncoding ?? file.path)))
            }
            report.passports += 1
        }
        for (purpose, list) in credentials.statusLists {
            try BuildError.output(try site.write(list.jwt, to: PublishedPaths.statusListJWT(purpose)))
            try BuildError.output(try site.write(list.payload.serialized(pretty: true),
                                                 to: PublishedPaths.statusListJSON(purpose)))
        }
        for entry in credentials.conformity {
            let folder = SiteLayout.certificateFolder(id: entry.certificate.id)
            try BuildError.output(try site.write(entry.credential.jwt, to: folder + PublishedPaths.conformityJWT))
            try BuildError.output(try site.write(entry.credential.payload.serialized(pretty: true),
                                                 to: folder + PublishedPaths.conformityJSON))
            report.conformityCredentials += 1
            if entry.signedByCertifier { report.certifierSigned += 1 }
        }
        for (did, document) in credentials.certifierDocuments.sorted(by: { $0.key < $1.key }) {
            let name = did.replacingOccurrences(of: ":", with: "_")
            try BuildError.output(try site.write(document.serialized(pretty: true),
                                                 to: "certifiers/\(name).did.json"))
        }
    }
}

extension ProjectBuild {
    /// The first label's code of the first serialized batch, else of the first batch.
    func sampleCode(_ project: Project, credentials: CredentialSet) throws(BuildError) -> String? {
        guard let batch = project.batches.first(where: { $0.serials != nil }) ?? project.batches.first,
              let product = project.product(batch.product) else { return nil }
        let maker = LabelContentMaker(project: project, product: product, batch: batch, issuer: credentials.issuer,
                                      key: credentials.signingKey,
                                      certifierSigned: Set(credentials.conformity.filter(\.signedByCertifier).map(\.certificate.id)))
        do { return try maker.make(unit: batch.serials?.first).codeText } catch {
            throw .invalid("batches/\(batch.id).yaml: its code cannot be made: \(error)")
        }
    }

    /// The passport pages, rendered from the same validated records and the credentials just signed.
    func writePages(_ credentials: CredentialSet, project: Project, site: StagedPart) throws(BuildError) -> Int {
        let issuer = credentials.issuer
        let signing = credentials.signingKey.publicKey
        let keys = ([signing] + credentials.publicKeys.filter { $0.id != signing.id }).map { key in
            SiteKey(id: key.id, didURL: issuer.keyID(for: key.id), multibase: key.multikey,
                    fingerprint: key.fingerprint, rawBase64URL: Base64URL.encode(key.rawRepresentation))
        }
        var batchProofs: [String: BatchProof] = [:]
        for batch in project.batches {
            guard let product = project.product(batch.product), let passport = credentials.passports[batch.id] else { continue }
            let folder = IdentifierPath.batch(gtin: product.gtin, lot: batch.lot)
            batchProofs[batch.id] = BatchProof(jwtPath: folder + PublishedPaths.passportJWT,
                                               jsonPath: folder + PublishedPaths.passportJSON,
                                               jws: passport.jwt, jwtSHA256: passport.sha256,
                                               passport: passport.credential)
        }
        var certificateProofs: [String: CertificateProof] = [:]
        for entry in credentials.conformity {
            let folder = PublishedPaths.certificateURLPath(id: entry.certificate.id)
            let certifierKey = credentials.certifierDocuments[entry.certificate.certifierDID]
                .flatMap { try? DIDDocument(parsing: $0) }?.assertionKeys.first?.multikey
            certificateProofs[entry.certificate.id] = CertificateProof(
                jwtPath: folder + PublishedPaths.conformityJWT, jsonPath: folder + PublishedPaths.conformityJSON,
                signedByCertifier: entry.signedByCertifier,
                certifierKeyMultibase: entry.signedByCertifier ? certifierKey : nil, credential: entry.credential.credential)
        }
        // The override folder, found without leaving the project; the site reads only inside it.
        let override = try BuildError.projectFile(try ProjectFolder(root: options.projectRoot, displayRoot: options.displayRoot)
            .resolvedFolder("templates/site"))
        var input = SiteInput(project: project, today: CalendarDate(containing: options.now), issuerDID: issuer.did,
                              keys: keys, batchProofs: batchProofs, certificateProofs: certificateProofs,
                              templatesOverride: override,
                              templatesDirectory: options.resources.templatesDirectory.appendingPathComponent("site"),
                              mapDirectory: options.resources.templatesDirectory.appendingPathComponent("map"),
                              webFontsDirectory: options.resources.fontsDirectory.appendingPathComponent("web"))
        input.network = credentials.network.facts.mapValues(Self.view)
        if let limit = options.unitPageLimit { input.unitPageLimit = limit }
        do {
            return try SiteBuilder(input: input).write(into: site).pageCount
        } catch {
            throw .site(error.description)
        }
    }
}

extension ProjectBuild {
    /// A batch's network facts as its page shows them.
    static func view(_ facts: PassportIssuer.NetworkFacts) -> BatchNetworkView {
        var seen: Set<String> = []
        var steps: [BatchNetworkView.Step] = []
        for input in facts.inputs where seen.insert(input.batchLink).inserted {
            for step in input.facts.journey {
                guard let date = CalendarDate(step.date) else { continue }
                steps.append(.init(place: step.place, latitude: step.latitude, longitude: step.longitude, date: date,
                                   actor: step.actorName ?? input.producerName, producer: input.producerName,
                                   what: step.activity))
            }
        }
        let inputs = facts.inputs.map { input in
            BatchNetworkView.Input(name: input.use.name, producer: input.producerName,
                                   place: input.facts.journey.first?.place ?? input.facts.country,
                                   product: input.productName, href: input.batchLink + "/", sha256: input.sha256,
                                   quantity: input.used.description)
        }
        return BatchNetworkView(inputs: inputs, upstreamSteps: steps,
                                confirmedBy: facts.confirmations.mapValues { $0.confirmation.actorName })
    }
}
