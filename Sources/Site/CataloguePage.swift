/// A network's catalogue page: its members and their products, each linking to the passport
/// pages on the member's own site. Self-contained (styles inline, nothing from another host),
/// every text escaped.
public enum CataloguePage {
    public struct Member: Sendable {
        public var name: String
        public var did: String
        public var since: String
        public var website: String?
        public var products: [Product]

        public init(name: String, did: String, since: String, website: String?, products: [Product]) {
            self.name = name
            self.did = did
            self.since = since
            self.website = website
            self.products = products
        }
    }

    public struct Product: Sendable {
        public var name: String
        public var gtin: String
        /// The product page on the member's site.
        public var href: String
        /// Lots with their passport pages.
        public var batches: [(lot: String, href: String)]

        public init(name: String, gtin: String, href: String, batches: [(lot: String, href: String)]) {
            self.name = name
            self.gtin = gtin
            self.href = href
            self.batches = batches
        }
    }

    /// The page's HTML.
    public static func html(network: String, did: String, version: Int, issued: String, members: [Member]) -> String {
        func text(_ value: String) -> String { HTMLText.escape(value) }
        func link(_ href: String, _ label: String) -> String {
            guard let safe = Markup.externalHref(href) else { return text(label) }
            return "<a href=\"\(text(safe))\">\(text(label))</a>"
        }
        var body = ""
        for member in members {
            body += "<section>\n<h2>\(member.website.map { link($0 + "/", member.name) } ?? text(member.name))</h2>\n"
            body += "<p class=\"muted\">Member since \(text(member.since)) · <code>\(text(member.did))</code></p>\n<ul>\n"
            for product in member.products {
                let lots = product.batches.map { link($0.href, "lot " + $0.lot) }.joined(separator: ", ")
                body += "<li>\(link(product.href, product.name)) <span class=\"muted\">GTIN \(text(product.gtin))</span><br>Passports: \(lots)</li>\n"
            }
            body += "</ul>\n</section>\n"
        }
        return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(text(network)) — members and their products</title>
        <link rel="alternate" type="application/ld+json" href="catalogue.json">
        <style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1b1f1d}.muted{color:#4f5753}code{font-size:.85em;word-break:break-all}li{margin:.5rem 0}</style>
        </head>
        <body>
        <main>
        <h1>\(text(network))</h1>
        <p>Every product below has a signed passport on its producer's own site. This list of members is signed by \(text(network)) (<code>\(text(did))</code>), version \(version), issued \(text(issued)): shops import <a href="trust-list.json">trust-list.json</a> once to check every member's codes.</p>
        \(body)</main>
        </body>
        </html>

        """
    }
}
