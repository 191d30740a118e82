import Foundation
import PassportTestSupport
@testable import Site
import Testing

/// What a shopper sees: no green beside a failed check, map labels apart, accessibility, dark mode,
/// print, reduced motion, and the embeddable card on a shop's strict-CSP page.
@Suite("Site design in Chromium", .serialized, .enabled(if: ChromiumHarness.isAvailable, "needs /usr/bin/chromium"))
struct ChromiumDesignTests {
    typealias C = ChromiumTests

    /// Visible elements painted green (text, background, border, SVG fill or stroke), as
    /// "tag.class colour"; images are not looked into.
    static let greens = """
        (function () {
          function rgb(c) { var m = (c || '').match(/[0-9.]+/g); if (!m || m.length < 3) return null;
            if (m.length > 3 && +m[3] === 0) return null; return m.slice(0, 3).map(Number); }
          function green(c) { var r = c[0] / 255, g = c[1] / 255, b = c[2] / 255, max = Math.max(r, g, b), min = Math.min(r, g, b);
            var d = max - min, l = (max + min) / 2; if (d < 0.06) return false;
            var s = d / (1 - Math.abs(2 * l - 1)), h = max === r ? 60 * (((g - b) / d) % 6) : max === g ? 60 * ((b - r) / d + 2) : 60 * ((r - g) / d + 4);
            if (h < 0) h += 360; return h >= 75 && h <= 170 && s >= 0.2; }
          var found = [];
          document.querySelectorAll('body, body *').forEach(function (el) {
            var box = el.getBoundingClientRect(), st = getComputedStyle(el);
            if (box.width === 0 || box.height === 0 || st.visibility === 'hidden' || el.tagName === 'IMG') return;
            var svg = el instanceof SVGElement, props = [];
            var text = Array.prototype.some.call(el.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim(); });
            if (text && !svg) props.push('color');
            props.push('backgroundColor');
            if (parseFloat(st.borderTopWidth) > 0) props.push('borderTopColor');
            if (parseFloat(st.borderLeftWidth) > 0) props.push('borderLeftColor');
            if (svg && st.fill !== 'none') props.push('fill');
            if (svg && st.stroke !== 'none') props.push('stroke');
            props.forEach(function (p) { var c = rgb(st[p]); if (c && green(c)) found.push(el.tagName.toLowerCase() + '.' + (el.getAttribute('class') || '') + ' ' + p + ' ' + st[p]); });
          });
          return found.slice(0, 12).join('; ');
        })()
        """

    /// Map labels (lines of one label joined) whose on-screen boxes overlap another label or a marker.
    static let labelOverlaps = """
        (function () {
          var svg = document.querySelector('#journey .map svg'); if (!svg) return 'no map';
          var labels = [];
          svg.querySelectorAll('g[paint-order] text').forEach(function (t) {
            var r = t.getBoundingClientRect(), last = labels[labels.length - 1];
            if (last && last.x === t.getAttribute('x') && Math.abs(r.top - last.bottom) < r.height * 0.6) {
              last.left = Math.min(last.left, r.left); last.right = Math.max(last.right, r.right); last.bottom = r.bottom; last.text += ' ' + t.textContent;
            } else labels.push({ x: t.getAttribute('x'), left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: t.textContent });
          });
          var markers = Array.prototype.map.call(svg.querySelectorAll('rect[fill="currentColor"]'), function (m) { return m.getBoundingClientRect(); });
          function hit(a, b) { return a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1; }
          var bad = [];
          labels.forEach(function (a, i) {
            labels.slice(i + 1).forEach(function (b) { if (hit(a, b)) bad.push(a.text + ' / ' + b.text); });
            markers.forEach(function (m) { if (hit(a, m)) bad.push(a.text + ' covers a marker'); });
          });
          return labels.length + ' labels' + (bad.length ? ': ' + bad.join('; ') : '');
        })()
        """

    @Test("a failed check leaves no green anywhere on the page")
    func noGreenWhenFailed() throws {
        let demo = try C.PageTypes(name: "chromium-green")
        let (tampered, _) = try Fixture.build(try Fixture.input(try Fixture.demoProject()), name: "chromium-green-jws", tamper: true)
        let failing = demo.pages.filter { $0.verdict == "bad" }
        var visits = failing.map { C.visit($0.path, C.phone, mobile: true, shot: nil, ["greens": Self.greens, "verdict": C.verdict]) }
        visits.append(C.visit(failing[0].path, C.desktop, mobile: false, shot: nil, ["greens": Self.greens, "verdict": C.verdict]))
        let results = try ChromiumHarness.run(site: demo.site, visits: visits)
        let changed = try ChromiumHarness.run(site: tampered, visits: [
            C.visit("/01/08012345000012/10/L2026A/", C.phone, mobile: true, shot: nil, ["greens": Self.greens, "verdict": C.verdict]),
        ])
        for result in results + changed {
            #expect(result.values["verdict"] == "bad", "\(result.path)")
            #expect(result.values["greens"] == "", "\(result.path) shows green: \(result.values["greens"] ?? "")")
        }
        // The check itself finds green where the verdict is a pass.
        let genuine = try ChromiumHarness.run(site: demo.site, visits: [
            C.visit(demo.pages[0].path, C.phone, mobile: true, shot: nil, ["greens": Self.greens]),
        ])
        #expect(genuine[0].values["greens"]?.contains("verdict") == true, "\(genuine[0].values["greens"] ?? "")")
    }

    @Test("map labels never overlap one another or a marker, at every width")
    func mapLabels() throws {
        let demo = try C.PageTypes(name: "chromium-map")
        let visits = C.widths.flatMap { width, size, mobile in
            ["/01/08012345000012/10/L2026A/", "/01/08012345000012/10/L2025R/"].map {
                C.visit($0, size, mobile: mobile, shot: nil, ["labels": Self.labelOverlaps])
            }
        }
        for result in try ChromiumHarness.run(site: demo.site, visits: visits) {
            let labels = result.values["labels"] ?? ""
            #expect(!labels.contains(":") && !labels.hasPrefix("0 ") && labels.hasSuffix("labels"), "\(result.path): \(labels)")
        }
    }

    @Test("axe-core finds no serious or critical violation on any page type, in either language")
    func accessibility() throws {
        guard AxeCore.script != nil else {
            Issue.record("axe-core is missing: run scripts/setup.sh (it puts axe.min.js in .build/test-tools/)")
            return
        }
        let demo = try C.PageTypes(name: "chromium-axe")
        var visits: [ChromiumHarness.Visit] = []
        for page in demo.pages {
            var english = C.visit(page.path, C.phone, mobile: true, shot: nil)
            english.axe = true
            visits.append(english)
            var italian = english
            if page.path.hasSuffix("/") { italian.path = page.path + "index.it.html" }
            else if page.path.contains("/index.html?") { italian.path = page.path.replacingOccurrences(of: "/index.html?", with: "/index.it.html?") }
            italian.acceptLanguage = "it-IT,it"
            visits.append(italian)
        }
        var dark = C.visit(demo.pages[0].path, C.phone, mobile: true, shot: nil)
        dark.axe = true
        dark.colorScheme = "dark"
        visits.append(dark)
        let results = try ChromiumHarness.run(site: demo.site, visits: visits, serve404: true)
        for result in results {
            #expect(result.values["axe"] == "", "\(result.path): \(result.values["axe"] ?? "not run")")
        }
    }

    @Test("dark mode keeps AA contrast; print and reduced motion are respected")
    func darkPrintMotion() throws {
        let demo = try C.PageTypes(name: "chromium-modes")
        var visits: [ChromiumHarness.Visit] = []
        for page in demo.pages where ["batch", "unit-tampered", "product-no-image", "home"].contains(page.name) {
            var dark = C.visit(page.path, C.phone, mobile: true, shot: "390-dark-\(page.name)",
                               ["contrast": C.contrast, "paper": "getComputedStyle(document.body).backgroundColor"])
            dark.colorScheme = "dark"
            visits.append(dark)
        }
        var print = C.visit(demo.pages[0].path, C.desktop, mobile: false, shot: "1280-print-batch",
                            ["toc": "getComputedStyle(document.querySelector('.toc')).display"])
        print.media = "print"
        var still = C.visit(demo.pages[0].path, C.phone, mobile: true, shot: nil,
                            ["scroll": "getComputedStyle(document.documentElement).scrollBehavior",
                             "transition": "getComputedStyle(document.getElementById('verdict')).transitionDuration"])
        still.reducedMotion = "reduce"
        let moving = C.visit(demo.pages[0].path, C.phone, mobile: true, shot: nil,
                             ["scroll": "getComputedStyle(document.documentElement).scrollBehavior"])
        let results = try ChromiumHarness.run(site: demo.site, visits: visits + [print, still, moving])
        for result in results.prefix(visits.count) {
            C.checkClean(result)
            #expect(result.values["contrast"] == "", "dark \(result.path): \(result.values["contrast"] ?? "")")
            #expect(result.values["paper"] == "rgb(21, 24, 23)", "dark \(result.path) has a dark page")
        }
        let tail = Array(results.suffix(3))
        #expect(tail[0].values["toc"] == "none", "print hides the page's navigation")
        #expect(tail[1].values["scroll"] == "auto" && tail[1].values["transition"] == "0s")
        #expect(tail[2].values["scroll"] == "smooth")
    }

    @Test("the embed card draws itself on a shop page from another port with a strict CSP, signature checked")
    func embedCard() throws {
        let demo = try C.PageTypes(name: "chromium-card")
        let shop = ChromiumHarness.Foreign(path: "/shop/oil", html: EmbedFixture.shopPage(gtin: "08012345000012"),
                                           csp: EmbedFixture.strictPolicy)
        let card = "document.querySelector('.passport-card')"
        let checks = [
            "text": "(\(card) && \(card).shadowRoot) ? \(card).shadowRoot.textContent : 'no card'",
            "signature": "\(card) ? \(card).getAttribute('data-signature') : 'none'",
            "link": "\(card) ? \(card).shadowRoot.querySelector('a').href : ''",
            "overflow": C.overflow,
        ]
        var visits: [ChromiumHarness.Visit] = []
        for (width, size, mobile) in C.widths {
            var visit = C.visit(shop.path, size, mobile: mobile, shot: "\(width)-embed-card", checks)
            visit.foreign = true
            visits.append(visit)
        }
        let results = try ChromiumHarness.run(site: demo.site, visits: visits, foreign: shop)
        for result in results {
            #expect(result.problems.isEmpty, "card on a strict-CSP page: \(result.problems)")
            let shopOrigin = result.foreignOrigin ?? "?"
            let elsewhere = result.requests.filter { !$0.hasPrefix(result.origin + "/") && !$0.hasPrefix(shopOrigin + "/") }
            #expect(elsewhere.isEmpty, "the card reached other hosts: \(elsewhere)")
            #expect(result.values["text"]?.contains("Extra virgin olive oil") == true, "\(result.values["text"] ?? "")")
            #expect(result.values["text"]?.contains("checked in your browser") == true)
            #expect(result.values["signature"] == "valid")
            #expect(result.values["link"] == result.origin + "/01/08012345000012/10/L2026A/index.html")
            #expect(result.values["overflow"] == "true")
        }
    }
}

/// A web shop's product page that embeds the card, and the strict policy it is served with.
enum EmbedFixture {
    static let strictPolicy = "default-src 'none'; script-src {{SITE}}; img-src {{SITE}}; style-src 'none'; "
        + "connect-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'"

    static func shopPage(gtin: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Olive Shop · Extra virgin olive oil</title></head>
        <body><main><h1>Olive Shop</h1><p>Extra virgin olive oil, 500 ml · €18.00</p>
        <div data-passport-card="\(gtin)"></div>
        <script src="{{SITE}}/01/\(gtin)/card.js" async></script>
        <p>Free delivery in Tuscany.</p></main></body></html>
        """
    }
}
