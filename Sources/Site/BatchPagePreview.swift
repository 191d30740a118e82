public import PassportModel

extension SiteBuilder {
    /// The HTML of `batch`'s passport page in `language` (the project's first language when nil),
    /// rendered in memory: nothing is written.
    ///
    /// For previewing one page, and for timing the renderer apart from the disk
    /// (`passport bench site`). Rendering is safe from several threads at once.
    /// - Returns: nil when the project has no product `batch.product`, or the site has no pages in
    ///   `language`.
    public func batchPage(for batch: Batch, language: String? = nil) -> String? {
        guard let product = site.project.product(batch.product) else { return nil }
        guard let localizer = language == nil ? site.localizers.first
                : site.localizers.first(where: { $0.language == language }) else { return nil }
        return BatchPage.render(site, product, batch, localizer)
    }
}
