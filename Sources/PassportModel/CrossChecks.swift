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
        if let producer, !files.exists("keys/\(producer.signingKey).jwk") {
            sink.report(producer.location(of: "signing_key"), "signing_key",
                        "no key `\(producer.signingKey)` in keys/",
                        fix: "create it with `passport keys new \(producer.signingKey)`")
        }
        if let producer, let logo = producer.brand.logo, !isInside(logo) || !files.exists(logo) {
            sink.report(producer.brand.logoLocation ?? producer.location(of: "brand"), "brand.logo", "logo `\(logo)` not found",
                        fix: "put the file in the project folder and give its path relative to it")
        }
    }

    private func checkProducts() {
        var gtins: [String: String] = [:]
        let certificateIDs = certificateFiles.sorted()
        for product in products {
            if let other = gtins[product.gtin] {
                sink.report(product.location(of: "gtin"), "gtin", "GTIN \(product.gtin) is also used by product `\(other)`",
                            fix: "each product needs its own GTIN")
            }
            gtins[product.gtin] = product.id
            for id in product.certifications where !certificateFiles.contains(id) {
                sink.report(product.location(of: "certifications"), "certifications", "no certificate `\(id)` in certificates/",
                            fix: suggestion(id, certificateIDs, "add certificates/\(id).yaml"))
            }
            for image in product.images where !isInside(image) || !files.exists(image) {
                sink.report(product.location(of: "images"), "images", "image `\(image)` not found",
                            fix: "put the file in the project folder and give its path relative to it")
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
                    sink.report(batch.location(of: "product"), "product", "no product `\(batch.product)` in products/",
                                fix: suggestion(batch.product, productIDs, "add products/\(batch.product).yaml"))
                }
                continue
            }
            let key = "\(product.gtin)/\(batch.lot)"
            if let other = lots[key] {
                sink.report(batch.location(of: "lot"), "lot", "lot \(batch.lot) of \(product.id) is also used by batch `\(other)`",
                            fix: "give each batch of a product its own lot")
            }
            lots[key] = batch.id
            guard let producer else { continue }
            for step in batch.journey where producer.actor(step.actor) == nil {
                sink.report(step.location, "actor", "no actor `\(step.actor)` in passport.yaml",
                            fix: suggestion(step.actor, actorIDs, "add it under `actors:` in passport.yaml"))
            }
            for share in batch.valueShares where producer.actor(share.actor) == nil {
                sink.report(share.location, "actor", "no actor `\(share.actor)` in passport.yaml",
                            fix: suggestion(share.actor, actorIDs, "add it under `actors:` in passport.yaml"))
            }
        }
    }

    private func checkCertificates() {
        for certificate in certificates {
            if case .file(let path) = certificate.evidence, !isInside(path) || !files.exists(path) {
                sink.report(certificate.location(of: "evidence"), "evidence", "evidence file `\(path)` not found",
                            fix: "put the file in the project folder and give its path relative to it")
            }
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
