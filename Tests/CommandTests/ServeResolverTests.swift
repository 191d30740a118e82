import Foundation
import PassportTestSupport
import Testing

/// `passport serve` as a GS1-Conformant Resolver, over the example site built by `passport build`.
/// Each test names the conformance statements it checks, quoted from
/// `Tests/Conformance/gs1-resolver/` (`statementsAreQuoted` checks the quotes are there).
@Suite("passport serve: the GS1 resolver")
struct ServeResolverTests {
    static let batch = "/01/08012345000029/10/N2026S"
    static let product = "/01/08012345000029"

    /// The example shop (site built, bundle imported) shared by these read-only tests.
    static let shop = Result { try VerifyShop() }  // read only, once made

    func serve() throws -> ServeProcess {
        let shop = try Self.shop.get()
        return try ServeProcess(["--site", shop.output.appendingPathComponent("site").path, "--store", shop.store.path],
                                environment: ["PASSPORT_NOW": VerifyShop.now])
    }

    /// The statements these tests check, as the vendored statement files word them.
    static let statements = [
        "SHALL support HTTP 1.1 (or higher) GET, HEAD and OPTIONS requests.",
        "SHALL support CORS",
        "SHALL extract and syntactically validate the URI and report errors with an HTTP response code of 400.",
        "SHALL respond to a query parameter of linkType set to linkset and/or a request with the HTTP Accept header set to application/linkset+json",
        "If the request GS1 Digital Link URI includes one or more key qualifiers, any links associated with each level up to the primary key SHALL be included in the linkset.",
        "All links in the linkset SHALL include the target URL, the link type and a link title",
        "SHOULD expose link to the linkset in an HTTP Link header, even when redirecting.",
        "SHALL redirect to the requested type of link if available.",
        "SHALL return a 404 Not Found message if a link of the requested type is not available.",
        "By default, SHALL pass on all key=value pairs in the query string of the request URI (if present) when redirecting.",
        "SHOULD support use of the Accept-Language",
        "The resolver SHALL provide a resolver description file at /.well-known/gs1resolver",
        "The list of supported primary identifiers SHALL be provided in the Resolver Description File",
        "SHOULD tolerate trailing slashes at the end of GS1 Digital Link URIs",
        "The resolver SHALL redirect to the default link unless there is information supplied in the request that can be used to make a better match.",
        "SHALL NOT use a 200 OK response code with a resource that indicates an error condition.",
    ]

    @Test("every statement these tests cite is in the vendored GS1 conformance files")
    func statementsAreQuoted() throws {
        let folder = Checkout.root.appendingPathComponent("Tests/Conformance/gs1-resolver")
        let text = try String(contentsOf: folder.appendingPathComponent("ConformantResolver1_0.txt"), encoding: .utf8)
            + String(contentsOf: folder.appendingPathComponent("Conformance1_2.txt"), encoding: .utf8)
        for statement in Self.statements {
            #expect(text.contains(statement), "\(statement)")
        }
    }

    @Test("each available link type redirects (307) to its link, with the linkset in a Link header")
    func linkTypes() throws {
        let server = try serve()
        defer { server.stop() }
        let cases: [(String, String)] = [
            ("gs1:pip", "\(Self.batch)/index.html"),
            ("https://gs1.org/voc/pip", "\(Self.batch)/index.html"),
            ("gs1:defaultLink", "\(Self.batch)/"),
            ("untp:dpp", "\(Self.batch)/dpp.jwt"),
            ("https://test.uncefact.org/vocabulary/linkTypes/dpp", "\(Self.batch)/dpp.jwt"),
            ("https%3A%2F%2Fvocabulary.uncefact.org%2Funtp%2FlinkType%23dpp", "\(Self.batch)/dpp.jwt"),
            ("untp:dcc", "/certificates/eu-organic/dcc.jwt"),
            ("untp:dte", "\(Self.batch)/dte.jwt"),
            ("gs1:certificationInfo", "/certificates/eu-organic/eu-organic-2026.txt"),
        ]
        for (linkType, location) in cases {
            let answer = try server.request(Self.batch + "?linkType=" + linkType)
            #expect(answer.status == 307, "\(linkType): \(answer.status) \(answer.text)")
            #expect(answer.header("Location") == location, "\(linkType)")
            #expect(answer.header("Link") == "<\(Self.batch)?linkType=linkset>; rel=\"linkset\"; type=\"application/linkset+json\"")
            #expect(answer.header("Access-Control-Allow-Origin") == "*")
        }
        // The product level has its own pages.
        let product = try server.request(Self.product + "?linkType=gs1:pip", headers: ["Accept-Language": "it"])
        #expect(product.header("Location") == "\(Self.product)/index.it.html")
    }

    @Test("a link type the item has no link of is 404, never 200; an unknown prefix too")
    func unavailableLinkTypes() throws {
        let server = try serve()
        defer { server.stop() }
        for linkType in ["gs1:traceability", "gs1:recallStatus", "acme:brochure", "gs1:pip!"] {
            let answer = try server.request(Self.batch + "?linkType=" + linkType)
            #expect(answer.status == 404, "\(linkType): \(answer.status)")
            #expect(answer.header("Location") == nil)
        }
        // A passport belongs to a batch: the product level has none.
        #expect(try server.request(Self.product + "?linkType=untp:dpp").status == 404)
    }

    @Test("linkType=linkset, linkType=all and Accept: application/linkset+json give the RFC 9264 linkset, levels above included, valid against the UNTP linkset schema")
    func linksets() throws {
        let server = try serve()
        defer { server.stop() }
        let folder = try TemporaryFolder()
        var files: [String] = []
        let requests: [(String, [String: String], [String])] = [
            (Self.batch + "?linkType=linkset", [:], ["/01/08012345000029/10/N2026S", "/01/08012345000029"]),
            (Self.batch + "?linkType=all", [:], ["/01/08012345000029/10/N2026S", "/01/08012345000029"]),
            (Self.batch, ["Accept": "application/linkset+json"], ["/01/08012345000029/10/N2026S", "/01/08012345000029"]),
            (Self.product + "?linkType=linkset", [:], ["/01/08012345000029"]),
            (Self.batch + "/21/000042?linkType=linkset", [:],
             ["/01/08012345000029/10/N2026S/21/000042", "/01/08012345000029/10/N2026S", "/01/08012345000029"]),
        ]
        for (index, (path, headers, anchors)) in requests.enumerated() {
            let answer = try server.request(path, headers: headers)
            #expect(answer.status == 200, "\(path)")
            #expect(answer.header("Content-Type") == "application/linkset+json")
            #expect(answer.header("Link")?.contains("rel=\"linkset\"") == true)
            let json = try #require(try answer.json() as? [String: Any])
            let contexts = try #require(json["linkset"] as? [[String: Any]])
            #expect(contexts.map { $0["anchor"] as? String } == anchors.map { "https://oliveto.example" + $0 }, "\(path)")
            for context in contexts {
                for (key, value) in context where key != "anchor" {
                    let links = try #require(value as? [[String: Any]])
                    // Full URIs, or IANA's describedby for UNTP links, each naming its UNTP type in rel.
                    #expect(key.hasPrefix("https://") || key == "describedby", "link types are full URIs: \(key)")
                    for link in links {
                        #expect(link["href"] is String && link["title"] is String, "\(key) \(link)")
                        if key == "describedby" {
                            #expect((link["rel"] as? [String])?.allSatisfy { $0.hasPrefix("untp:") } == true, "\(link)")
                        }
                    }
                }
            }
            let file = folder.url.appendingPathComponent("linkset-\(index).json")
            try answer.body.write(to: file)
            files.append(file.path)
        }
        // External truth: the UNTP 0.7.0 linkset schema (RFC 9264 + UNTP link properties).
        let check = try Command.python(Checkout.root.appendingPathComponent("Tests/Support/check_credentials.py"),
                                       ["--kind", "linkset"] + files)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test("no linkType: 307 to the passport page in the language Accept-Language asks for")
    func defaultLinkAndLanguage() throws {
        let server = try serve()
        defer { server.stop() }
        let cases: [(String?, String)] = [
            (nil, "index.html"), ("it", "index.it.html"), ("it-CH, en;q=0.5", "index.it.html"),
            ("de-DE, en;q=0.8, it;q=0.9", "index.it.html"), ("fr", "index.html"), ("it;q=0, en", "index.html"),
        ]
        for (language, page) in cases {
            let answer = try server.request(Self.batch, headers: language.map { ["Accept-Language": $0] } ?? [:])
            #expect(answer.status == 307)
            #expect(answer.header("Location") == "\(Self.batch)/\(page)", "\(language ?? "none")")
            #expect(answer.header("Vary")?.contains("Accept-Language") == true)
        }
    }

    @Test("an invalid Digital Link is 400 with a plain message, CORS included")
    func invalidURIs() throws {
        let server = try serve()
        defer { server.stop() }
        for path in ["/01/08012345000028", "/01/0801234500002", "/01/08012345000029/10", "/01/08012345000029/99/x",
                     "/01/08012345000029/10/N2026S?17=261340", "/01/08012345000029//10/N2026S"] {
            let answer = try server.request(path)
            #expect(answer.status == 400, "\(path): \(answer.status)")
            #expect(answer.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(answer.text.hasPrefix("This is not a valid GS1 Digital Link: "), "\(answer.text)")
            #expect(answer.header("Access-Control-Allow-Origin") == "*")
        }
    }

    @Test("GET, HEAD and OPTIONS: HEAD answers GET's head without a body, OPTIONS the CORS preflight; other methods 405")
    func methods() throws {
        let server = try serve()
        defer { server.stop() }
        for path in [Self.batch, Self.batch + "?linkType=linkset", "/01/08012345000028"] {
            let get = try server.request(path, method: "GET")
            let head = try server.request(path, method: "HEAD")
            #expect(head.status == get.status, "\(path)")
            #expect(head.body.isEmpty)
            for name in ["Location", "Link", "Content-Type", "Content-Length", "Access-Control-Allow-Origin"] {
                #expect(head.header(name) == get.header(name), "\(path) \(name)")
            }
        }
        let options = try server.request(Self.batch, method: "OPTIONS", headers: ["Origin": "https://shop.example",
                                                                          "Access-Control-Request-Method": "GET"])
        #expect(options.status == 204)
        #expect(options.header("Access-Control-Allow-Origin") == "*")
        #expect(options.header("Access-Control-Allow-Methods") == "GET, HEAD, OPTIONS")
        #expect(options.header("Allow") == "GET, HEAD, OPTIONS")
        let post = try server.request(Self.batch, method: "POST", body: Data("x".utf8))
        #expect(post.status == 405)
        #expect(post.header("Allow") == "GET, HEAD, OPTIONS")
    }

    @Test("the query string passes through redirects (a unit code's s= survives), linkType itself does not; a trailing slash is tolerated")
    func queryAndTrailingSlash() throws {
        let server = try serve()
        defer { server.stop() }
        let redirect = try server.request(Self.batch + "?linkType=gs1:pip&foo=bar&17=271231")
        #expect(redirect.header("Location") == "\(Self.batch)/index.html?foo=bar&17=271231")
        let unit = try server.request(Self.batch + "/21/000042?s=c2lnbmF0dXJl")
        #expect(unit.status == 307)
        #expect(unit.header("Location") == "\(Self.batch)/index.html?serial=000042&s=c2lnbmF0dXJl")
        #expect(unit.header("Link") == "<\(Self.batch)/21/000042?linkType=linkset>; rel=\"linkset\"; type=\"application/linkset+json\"")
        for path in [Self.batch + "/", Self.product + "/", Self.batch + "/21/000042/"] {
            let slash = try server.request(path)
            let bare = try server.request(String(path.dropLast()))
            #expect(slash.status == 307, "\(path)")
            #expect(slash.header("Location") == bare.header("Location"), "\(path)")
        }
    }

    @Test("unit URLs resolve for issued serials; others are 404 with the batch page's link, and unknown lots with the product's")
    func units() throws {
        let server = try serve()
        defer { server.stop() }
        for serial in ["000001", "000150", "000300"] {
            let answer = try server.request(Self.batch + "/21/" + serial, headers: ["Accept-Language": "it"])
            #expect(answer.status == 307)
            #expect(answer.header("Location") == "\(Self.batch)/index.it.html?serial=\(serial)")
        }
        for serial in ["000000", "000301", "42", "S000042"] {
            let answer = try server.request(Self.batch + "/21/" + serial)
            #expect(answer.status == 404, "\(serial)")
            #expect(answer.header("Link") == "<\(Self.batch)/index.html>; rel=\"up\"")
            #expect(answer.text.contains("href=\"\(Self.batch)/index.html\""))
            #expect(answer.text.contains("never issued"))
        }
        // A lot without serials has no units; a lot not published has none either.
        let lotCode = try server.request("/01/08012345000012/10/L2026A/21/000001")
        #expect(lotCode.status == 404)
        let unknownLot = try server.request("/01/08012345000029/10/NOPE")
        #expect(unknownLot.status == 404)
        #expect(unknownLot.header("Link") == "<\(Self.product)/index.html>; rel=\"up\"")
        #expect(try server.request("/01/09506000134352").status == 404)
    }

    @Test("/.well-known/gs1resolver describes the resolver; /healthz answers load balancers")
    func descriptionAndHealth() throws {
        let server = try serve()
        defer { server.stop() }
        let answer = try server.request("/.well-known/gs1resolver")
        #expect(answer.status == 200)
        let json = try #require(try answer.json() as? [String: Any])
        #expect(json["supportedPrimaryKeys"] as? [String] == ["01"])
        #expect(json["resolverRoot"] as? String == "https://oliveto.example")
        let namespaces = (json["supportedLinkType"] as? [[String: Any]])?.compactMap { $0["prefix"] as? String }
        #expect(namespaces == ["gs1:", "untp:"])
        let health = try server.request("/healthz")
        #expect(health.status == 200)
        #expect(health.text == "ok\n")
    }

    @Test("site files are served as built, with entity tags; folders in the reader's language; the site's 404 page")
    func staticFiles() throws {
        let server = try serve()
        defer { server.stop() }
        let shop = try Self.shop.get()
        let site = shop.output.appendingPathComponent("site")
        let page = try server.request(Self.batch + "/index.it.html")
        #expect(page.status == 200)
        #expect(page.body == (try Data(contentsOf: site.appendingPathComponent("01/08012345000029/10/N2026S/index.it.html"))))
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        let etag = try #require(page.header("ETag"))
        #expect(try server.request(Self.batch + "/index.it.html", headers: ["If-None-Match": etag]).status == 304)
        let linkset = try server.request(Self.batch + "/linkset.json")
        #expect(linkset.header("Content-Type") == "application/linkset+json")
        let home = try server.request("/", headers: ["Accept-Language": "it"])
        #expect(home.body == (try Data(contentsOf: site.appendingPathComponent("index.it.html"))))
        let folder = try server.request("/assets")
        #expect(folder.status == 301)
        #expect(folder.header("Location") == "/assets/")
        let missing = try server.request("/no/such/page.html")
        #expect(missing.status == 404)
        #expect(missing.body == (try Data(contentsOf: site.appendingPathComponent("404.html"))))
        #expect(try server.request("/../../etc/passwd").status == 404)
        #expect(try server.request("/%2e%2e/%2e%2e/etc/passwd").status == 404)
    }
}
