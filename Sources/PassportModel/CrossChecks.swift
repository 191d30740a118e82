import Output

/// Checks references between records: products, certificates, actors, files, unique identities.
///
/// Runs on whatever records could be read: a missing producer skips the checks that need it, and
/// a reference to a record file that exists (but has problems of its own) is not reported.
struct CrossChecks {
    let producer: Producer?
    let products: [Product]
    let batches: [Batch]
    let certificates: [Certificate]
    /// Ids of the record files found in products/ and certificates/, read or not.
    let productFiles: Set<String>
    let certificateFiles: Set<String>
    let files: ProjectFiles
    let sink: DiagnosticSink

    func run() {
        checkProducts()
        checkBatches()
        checkCertificates()
        if let producer, !files.folder.hasFile("keys/\(producer.signingKey).jwk") {
            sink.report(producer.location(of: "signing_key"), "signing_key",
                        "no key `\(producer.signingKey)` in keys/",
                        fix: "create it with `passport keys new \(producer.signingKey)`")
        }
        if let producer, let logo = producer.brand.logo {
            checkPublishable(logo, what: "logo", at: producer.brand.logoLocation ?? producer.location(of: "brand"),
                             field: "brand.logo")
        }
    }

    private func checkProducts() {
        var gtins: [String: String] = [:]
        let certificateIDs = certificateFiles.sorted()
        for product in products {
            if let other = gtins[product.gtin] {
                sink.report(product.location(of: "gtin"), "gtin", "GTIN \(product.gtin) is also used by product \(quoted(other))",
                            fix: "each product needs its own GTIN")
            }
            gtins[product.gtin] = product.id
            for id in product.certifications where !certificateFiles.contains(id) {
                sink.report(product.location(of: "certifications"), "certifications", "no certificate \(quoted(id)) in certificates/",
                            fix: suggestion(id, certificateIDs, "add certificates/\(id).yaml"))
            }
            for image in product.images {
                checkPublishable(image, what: "image", at: product.location(of: "images"), field: "images")
            }
        }
    }

    private func checkBatches() {
        let productIDs = productFiles.sorted()
        let actorIDs = producer?.actors.map(\.id) ?? []
        var lots: [String: String] = [:]
        for batch in batches {
            guard let product = products.first(where: { $0.id == batch.product }) else {
                if !productFiles.contains(batch.product) {
                    sink.report(batch.location(of: "product"), "product", "no product \(quoted(batch.product)) in products/",
                                fix: suggestion(batch.product, productIDs, "add products/\(batch.product).yaml"))
                }
                continue
            }
            let key = "\(product.gtin)/\(batch.lot)"
            if let other = lots[key] {
                sink.report(batch.location(of: "lot"), "lot", "lot \(batch.lot) of \(product.id) is also used by batch \(quoted(other))",
                            fix: "give each batch of a product its own lot")
            }
            lots[key] = batch.id
            guard let producer else { continue }
            for step in batch.journey where producer.actor(step.actor) == nil {
                sink.report(step.location, "actor", "no actor \(quoted(step.actor)) in passport.yaml",
                            fix: suggestion(step.actor, actorIDs, "add it under `actors:` in passport.yaml"))
            }
            for share in batch.valueShares where producer.actor(share.actor) == nil {
                sink.report(share.location, "actor", "no actor \(quoted(share.actor)) in passport.yaml",
                            fix: suggestion(share.actor, actorIDs, "add it under `actors:` in passport.yaml"))
            }
        }
    }

    private func checkCertificates() {
        for certificate in certificates {
            if case .file(let path) = certificate.evidence {
                checkPublishable(path, what: "evidence file", at: certificate.location(of: "evidence"), field: "evidence")
            }
        }
    }

    /// A file the site will copy: inside the project, a regular file of bounded size, not a key.
    private func checkPublishable(_ path: String, what: String, at location: SourceLocation, field: String) {
        let problem = isInside(path) ? files.folder.problem(reading: path, limit: ProjectFolder.publishedLimit)
                                     : .missing(path: path)
        guard let problem else { return }
        if case .missing = problem {
            sink.report(location, field, "\(what) \(quoted(path)) not found",
                        fix: "put the file in the project folder and give its path relative to it")
        } else {
            sink.report(location, field, "\(what) \(quoted(path)) \(problem.problem)", fix: problem.fix)
        }
    }

    /// Relative paths must stay inside the project folder.
    private func isInside(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.split(separator: "/").contains("..")
    }

    private func suggestion(_ word: String, _ candidates: [String], _ otherwise: String) -> String {
        closestMatch(to: word, in: candidates).map { "did you mean `\($0)`?" } ?? otherwise
    }
}
