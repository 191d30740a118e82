/// Checks references between records: products, certificates, actors, files, unique identities.
struct CrossChecks {
    let project: Project
    let files: ProjectFiles
    let sink: DiagnosticSink

    func run() {
        checkProducts()
        checkBatches()
        checkCertificates()
        if !files.exists("keys/\(project.producer.signingKey).jwk") {
            sink.report(project.producer.location(of: "signing_key"), "signing_key",
                        "no key `\(project.producer.signingKey)` in keys/",
                        fix: "create it with `passport keys new \(project.producer.signingKey)`")
        }
        if let logo = project.producer.brand.logo, !isInside(logo) || !files.exists(logo) {
            sink.report(project.producer.brand.logoLocation ?? project.producer.location(of: "brand"), "brand.logo", "logo `\(logo)` not found",
                        fix: "put the file in the project folder and give its path relative to it")
        }
    }

    private func checkProducts() {
        var gtins: [String: String] = [:]
        let certificateIDs = project.certificates.map(\.id)
        for product in project.products {
            if let other = gtins[product.gtin] {
                sink.report(product.location(of: "gtin"), "gtin", "GTIN \(product.gtin) is also used by product `\(other)`",
                            fix: "each product needs its own GTIN")
            }
            gtins[product.gtin] = product.id
            for id in product.certifications where !certificateIDs.contains(id) {
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
        let productIDs = project.products.map(\.id)
        let actorIDs = project.producer.actors.map(\.id)
        var lots: [String: String] = [:]
        for batch in project.batches {
            guard let product = project.product(batch.product) else {
                sink.report(batch.location(of: "product"), "product", "no product `\(batch.product)` in products/",
                            fix: suggestion(batch.product, productIDs, "add products/\(batch.product).yaml"))
                continue
            }
            let key = "\(product.gtin)/\(batch.lot)"
            if let other = lots[key] {
                sink.report(batch.location(of: "lot"), "lot", "lot \(batch.lot) of \(product.id) is also used by batch `\(other)`",
                            fix: "give each batch of a product its own lot")
            }
            lots[key] = batch.id
            for step in batch.journey where project.producer.actor(step.actor) == nil {
                sink.report(step.location, "actor", "no actor `\(step.actor)` in passport.yaml",
                            fix: suggestion(step.actor, actorIDs, "add it under `actors:` in passport.yaml"))
            }
            for share in batch.valueShares where project.producer.actor(share.actor) == nil {
                sink.report(share.location, "actor", "no actor `\(share.actor)` in passport.yaml",
                            fix: suggestion(share.actor, actorIDs, "add it under `actors:` in passport.yaml"))
            }
        }
    }

    private func checkCertificates() {
        for certificate in project.certificates {
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
