import Foundation
import PassportModel
@testable import Site
import Testing
import DigitalLink

@Suite("Site build")
struct BuildTests {
    @Test("the demo builds every page, linkset, unit page and asset")
    func demoFiles() throws {
        let project = try Fixture.demoProject()
        let (output, report) = try Fixture.build(try Fixture.input(project), name: "files")
        let files = try SiteFiles(root: output).all()
        let batch = "01/08012345000012/10/L2026A/"
        for path in ["index.html", "index.it.html", "404.html", "assets/site.css", "assets/passport.js",
                     "assets/unit.js", "assets/icon.svg", "assets/brand.css", "assets/fonts/noto-serif-bold-latin.woff2",
                     "assets/fonts/noto-serif-bold-extended.woff2", "assets/fonts/OFL.txt", "media/logo.svg",
                     "media/extra-virgin-1.svg", "01/08012345000012/card.js", "01/08012345000012/card.json",
                     "certificates/eu-organic/organic.txt",
                     "01/08012345000012/index.html", "01/08012345000012/index.it.html", "01/08012345000012/linkset.json",
                     batch + "index.html", batch + "index.it.html", batch + "linkset.json",
                     batch + "21/000001/index.html", batch + "21/000005/index.html",
                     "01/08012345000029/10/N-26/1/index.html"] {
            #expect(files[path] != nil, "missing \(path)")
        }
        #expect(files[batch + "21/000006/index.html"] == nil)
        #expect(files["assets/card-embed.js"] == nil, "the card's renderer lives only inside each card.js")
        #expect(report.unitPageCount == 5)
        #expect(report.pageCount == 2 * (1 + 2 + 3) + 1)
        #expect(report.cappedBatches.isEmpty)
        #expect(report.files == files.keys.filter { !$0.hasSuffix("dpp.jwt") && !$0.hasSuffix("dpp.json")
            && !$0.hasSuffix("dcc.jwt") && !$0.hasSuffix("dcc.json") && !$0.hasSuffix("did.json")
            && !$0.hasSuffix("dte.jwt") && !$0.hasPrefix("status/") }.sorted())
    }

    @Test("the same input gives the same bytes")
    func deterministic() throws {
        let project = try Fixture.demoProject()
        let input = try Fixture.input(project)
        let first = try SiteFiles(root: try Fixture.build(input, name: "twice-a").0).all()
        let second = try SiteFiles(root: try Fixture.build(input, name: "twice-b").0).all()
        #expect(first.keys.sorted() == second.keys.sorted())
        for (path, data) in first { #expect(second[path] == data, "\(path) differs between builds") }
    }

    @Test("a batch page rendered in memory is the page the build writes, in each language")
    func batchPageInMemory() throws {
        let project = try Fixture.demoProject()
        let input = try Fixture.input(project)
        let site = SiteFiles(root: try Fixture.build(input, name: "in-memory").0)
        let builder = try SiteBuilder(input: input)
        let batch = try #require(project.batches.first { $0.lot == "L2026A" })
        let folder = "01/08012345000012/10/L2026A/"
        #expect(try site.text(folder + "index.html") == builder.batchPage(for: batch))
        #expect(try site.text(folder + "index.it.html") == builder.batchPage(for: batch, language: "it"))
        #expect(builder.batchPage(for: batch, language: "fr") == nil)
        var orphan = batch
        orphan.product = "no-such-product"
        #expect(builder.batchPage(for: orphan) == nil)
    }

    @Test("each page with its map and stylesheets stays within 80 KB (fonts are cached apart)")
    func pageSizes() throws {
        let project = try Fixture.demoProject()
        let (output, report) = try Fixture.build(try Fixture.input(project), name: "sizes")
        let files = try SiteFiles(root: output).all()
        let css = (files["assets/site.css"]?.count ?? 0) + (files["assets/brand.css"]?.count ?? 0)
        for (path, data) in files where path.hasSuffix(".html") {
            #expect(data.count + css <= 80_000, "\(path): \(data.count) + \(css) bytes")
        }
        #expect(report.largestPageBytes <= 80_000)
        let batch = files["01/08012345000012/10/L2026A/index.html"]?.count ?? 0
        print("batch page \(batch) B + CSS \(css) B = \(batch + css) B; largest page \(report.largestPage): \(report.largestPageBytes) B")
    }

    @Test("every internal link and asset resolves, as a static host serves it")
    func linksResolve() throws {
        let project = try Fixture.demoProject()
        let (output, _) = try Fixture.build(try Fixture.input(project), name: "links")
        let site = SiteFiles(root: output)
        var seeds = ["/", "/index.it.html", "/404.html"]
        for batch in project.batches {
            guard let product = project.product(batch.product), let serials = batch.serials else { continue }
            seeds.append("/" + IdentifierPath.unit(gtin: product.gtin, lot: batch.lot, serial: serials.serial(serials.first)))
        }
        let (broken, visited) = try site.crawl(seeds: seeds)
        #expect(broken.isEmpty, "broken links: \(broken.joined(separator: "\n"))")
        let pages = try site.all().keys.filter { $0.hasSuffix(".html") && !$0.contains("/21/") }
        for page in pages { #expect(visited.contains(page), "\(page) is not reachable from the home page") }
    }

    @Test("batch page content: journey, distances, certificates, value share, proof, JSON-LD")
    func batchContent() throws {
        let project = try Fixture.demoProject()
        let (output, _) = try Fixture.build(try Fixture.input(project), name: "content")
        let site = SiteFiles(root: output)
        let html = try site.text("01/08012345000012/10/L2026A/index.html")
        for needle in ["<html lang=\"en\" data-verdict=\"pending\"", "Extra virgin olive oil", "Lot <strong>L2026A</strong>",
                       "Two family farms and one mill", "From 2 farms around Montalcino", "<svg xmlns=", "role=\"img\"",
                       "Signed by Oliveto Cooperative", "Your browser checks the signature when JavaScript is on.",
                       "Expired", "Valid</p>", "Signed by the certifier", "Declared by the producer", "€6.20",
                       "Rest of the price", "did:web:oliveto.example", "0707 0707 0707 0707", "dpp.jwt", "linkset.json",
                       "<details class=\"tech\">", "type=\"application/ld+json\"", "\"gtin14\":\"08012345000012\"",
                       "rel=\"alternate\" type=\"application/vc+jwt\"", "Content-Security-Policy", "font-src &#39;self&#39;",
                       "hreflang=\"it\"", "href=\"https://vetreria.example/01/08000000000019/10/G77/\"",
                       "signature of Vetreria Toscana checked", "1200 units", "✓ confirmed by Confirmer of", "declared by the producer",
                       "assets/brand.css", "media/logo.svg"]
            where !html.contains(needle) {
            Issue.record("batch page lacks \(needle)")
        }
        // Amber only in a certificate's last 30 days; the ROC certificate has 51 left.
        #expect(!html.contains("expires in 51 days"))
        // Plain words first: keys and digests only inside the technical details.
        let beforeDetails = html.components(separatedBy: "<details class=\"tech\">").first ?? ""
        for jargon in ["z6Mk", "did:web:", "9f86d081884c7d659a2feaa0c55ad015"] {
            #expect(!beforeDetails.contains(jargon), "\(jargon) shows before the technical details")
        }
        // One value share: no table repeating the bars.
        #expect(html.components(separatedBy: "€6.20").count == 2)
        let italian = try site.text("01/08012345000012/10/L2026A/index.it.html")
        for needle in ["<html lang=\"it\"", "Olio extravergine di oliva", "Firmato da Oliveto Cooperative",
                       "6,20 €", "Ha percorso", "Italia", "Bottled and sealed", "Da 2 aziende agricole intorno a Montalcino"]
            where !italian.contains(needle) {
            Issue.record("Italian page lacks \(needle)")
        }
        let novello = try site.text("01/08012345000029/index.html")
        #expect(novello.contains("class=\"art\""), "a product without an image gets the designed stand-in")
        let notFound = try site.text("404.html")
        #expect(notFound.contains("Page not found") && notFound.contains("Pagina non trovata"))
        let brand = try site.text("assets/brand.css")
        #expect(brand.contains("--brand: #5a6b2a") && brand.contains("font-family: \"Passport Noto Serif\""))
        #expect(!html.contains("class=\"recall\""))
        let recalled = try site.text("01/08012345000012/10/L2025R/index.html")
        #expect(recalled.contains("class=\"recall\" role=\"alert\"") && recalled.contains("data-verdict=\"bad\""))
        #expect(recalled.contains("Some bottles may contain glass fragments."))
        let linkset = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent(
            "01/08012345000012/10/L2026A/linkset.json"))) as? [String: Any]
        let entry = (linkset?["linkset"] as? [[String: Any]])?.first
        #expect(entry?["anchor"] as? String == "https://oliveto.example/01/08012345000012/10/L2026A")
        let untp = entry?[StructuredData.linkTypeUNTP] as? [[String: Any]] ?? []
        func links(_ rel: String) -> [String] {
            untp.filter { ($0["rel"] as? [String])?.contains(rel) == true }.compactMap { $0["href"] as? String }
        }
        #expect(links("untp:dpp") == ["https://oliveto.example/01/08012345000012/10/L2026A/dpp.jwt",
                                      "https://oliveto.example/01/08012345000012/10/L2026A/dpp.json"])
        #expect(links("untp:dte") == ["https://oliveto.example/01/08012345000012/10/L2026A/dte.jwt"])
        #expect(links("untp:dcc").count == 3)
        #expect((entry?[StructuredData.linkTypePIP] as? [Any])?.count == 2)
    }

    @Test("the embed card: one script with the data inside, and the same data as JSON")
    func embedCardFiles() throws {
        let project = try Fixture.demoProject()
        let (output, _) = try Fixture.build(try Fixture.input(project), name: "card")
        let site = SiteFiles(root: output)
        let script = try site.text("01/08012345000012/card.js")
        #expect(script.hasPrefix("(function (card) {"))
        for unsafe in ["innerHTML", "eval(", "fetch(", "document.cookie", "localStorage", "setAttribute('style'"] {
            #expect(!script.contains(unsafe), "card.js uses \(unsafe)")
        }
        let json = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: output.appendingPathComponent("01/08012345000012/card.json"))) as? [String: Any])
        let english = (json["text"] as? [String: Any])?["en"] as? [String: Any]
        #expect(english?["name"] as? String == "Extra virgin olive oil")
        #expect(english?["origin"] as? String == "From 2 farms around Montalcino")
        #expect(english?["certifications"] as? [String] == ["EU Organic", "ROC"], "expired certificates are left out")
        // The newest batch that is not recalled.
        #expect((json["passport"] as? [String: Any])?["en"] as? String == "../../01/08012345000012/10/L2026A/index.html")
        #expect((json["passport_url"] as? [String: Any])?["it"] as? String
            == "https://oliveto.example/01/08012345000012/10/L2026A/index.it.html")
        let proof = json["proof"] as? [String: Any]
        #expect((proof?["jws"] as? String)?.split(separator: ".").count == 3)
        #expect((proof?["keys"] as? [String])?.count == 1)
    }

    @Test("only certifier-signed certificates are badges; a self-declared one is named as such, in words")
    func selfDeclaredNotABadge() throws {
        var project = try Fixture.demoProject()
        // The demo's Toscano PGI expired in 2025; an expired claim is listed only under "What is
        // certified", so for this test it still holds on the build day.
        let pgi = try #require(project.certificates.firstIndex { $0.id == "old-dop" })
        project.certificates[pgi].validUntil = try #require(CalendarDate(year: 2027, month: 12, day: 31))
        let input = try Fixture.input(project)
        #expect(input.certificateProofs["old-dop"]?.signedByCertifier == false)
        let (output, _) = try Fixture.build(input, name: "badges")
        let site = SiteFiles(root: output)
        for page in ["01/08012345000012/10/L2026A/index.html", "01/08012345000012/index.html"] {
            let html = try site.text(page)
            let hero = html.components(separatedBy: "</section>").first ?? ""
            #expect(hero.contains(">EU Organic</"), "\(page)")
            #expect(hero.contains(">ROC</"), "\(page)")
            #expect(!hero.contains(">PGI<"), "\(page): a self-declared certificate drawn as a badge")
            #expect(hero.contains("<p class=\"self-declared\">Self-declared by the producer, not certified: Toscano PGI</p>"), "\(page)")
            #expect(!html.contains("\"name\":\"Toscano PGI\""), "\(page): JSON-LD calls a self-declared claim a certification")
        }
    }

    @Test("the proof section links the signed traceability events and names the status lists for the in-page check")
    func proofLinks() throws {
        let project = try Fixture.demoProject()
        let (output, _) = try Fixture.build(try Fixture.input(project), name: "proof")
        let html = try SiteFiles(root: output).text("01/08012345000012/10/L2026A/index.html")
        #expect(html.contains("<a href=\"../../../../01/08012345000012/10/L2026A/dte.jwt\" type=\"application/vc+jwt\">dte.jwt</a>"))
        #expect(html.contains("id=\"status-check\""))
        #expect(html.contains("data-revocation=\"../../../../status/revocation.jwt\" data-revocation-index=\"1\""))
        #expect(html.contains("data-suspension=\"../../../../status/suspension.jwt\" data-suspension-index=\"1\""))
    }

    @Test("hostile record text is escaped everywhere and never becomes a link")
    func hostileEscaped() throws {
        let project = try Fixture.hostileProject()
        let (output, _) = try Fixture.build(try Fixture.input(project), name: "hostile-static")
        for (path, data) in try SiteFiles(root: output).all() where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for payload in ["<script>window", "<img src=x", "<svg onload", "<img/src", "<b>L", "<i>'"] {
                #expect(!html.contains(payload), "\(path) contains raw \(payload)")
            }
            #expect(!html.lowercased().contains("href=\"javascript"), "\(path) links javascript:")
            var rest = html[...]
            while let open = rest.range(of: "<script type=\"application/ld+json\">") {
                rest = rest[open.upperBound...]
                let close = rest.range(of: "</script>")
                let body = close.map { rest[..<$0.lowerBound] } ?? rest
                #expect(!body.contains("<"), "\(path): JSON-LD holds a raw <")
                #expect((try? JSONSerialization.jsonObject(with: Data(body.utf8))) != nil, "\(path): JSON-LD is not JSON")
            }
        }
    }
}
