internal import Credentials
internal import Foundation
internal import HTTPTypes
internal import Hummingbird
internal import NIOCore
internal import Site

/// The counter page (`/counter`) for a shop PC: a field a USB scanner types into, the camera where
/// the browser reads codes, big verdicts; in every language it has strings for (`Templates/counter/`).
///
/// Rendered once at start. Everything it loads comes from this server (strict CSP, no inline
/// script); the page's strings travel in an escaped `data-` attribute.
struct CounterPage: Sendable {
    /// The page per language, the first being the default.
    let pages: [(language: String, html: ByteBuffer)]
    let script: ByteBuffer
    let stylesheet: ByteBuffer
    /// The site's icon (`Templates/site/icon.svg`), so a browser asking for one gets no 404.
    let icon: ByteBuffer

    static let policy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; media-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    /// Language names as each language writes its own.
    static let languageNames = ["en": "English", "it": "Italiano", "fr": "Français", "de": "Deutsch", "es": "Español"]

    /// Reads and renders the page from `Templates/counter/` (English first when present).
    static func load(templates: URL) throws(ServeError) -> CounterPage {
        let folder = templates.appendingPathComponent("counter")
        func read(_ name: String, in base: URL? = nil) throws(ServeError) -> String {
            let url = (base ?? folder).appendingPathComponent(name)
            do { return try String(contentsOf: url, encoding: .utf8) } catch {
                throw .unreadable(path: url.path, reason: error.localizedDescription)
            }
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("strings").path)) ?? [])
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        let languages = names.sorted { a, b in a == "en" || (b != "en" && a < b) }
        guard !languages.isEmpty else {
            throw .unreadable(path: folder.appendingPathComponent("strings").path, reason: "there is no strings file")
        }
        let template: StandaloneTemplate
        let templateFile = folder.appendingPathComponent("counter.mustache").path
        let source = try read("counter.mustache")
        do throws(SiteError) { template = try StandaloneTemplate(source: source, file: templateFile) } catch {
            throw .unreadable(path: templateFile, reason: error.description)
        }
        var pages: [(String, ByteBuffer)] = []
        for language in languages {
            let file = "strings/\(language).json"
            guard let strings = try? JSONValue(parsing: Data(try read(file).utf8)), let table = strings.objectValue else {
                throw .unreadable(path: folder.appendingPathComponent(file).path, reason: "it is not a JSON object of strings")
            }
            let context: [String: Any] = [
                "lang": language,
                "t": table.compactMapValues(\.stringValue),
                "strings_json": strings.serializedString(),
                "languages": languages.map { code -> [String: Any] in
                    ["code": code, "name": languageNames[code] ?? code, "current": code == language]
                },
            ]
            pages.append((language, Answers.allocator.buffer(string: template.render(context))))
        }
        return CounterPage(pages: pages, script: Answers.allocator.buffer(string: try read("counter.js")),
                           stylesheet: Answers.allocator.buffer(string: try read("counter.css")),
                           icon: Answers.allocator.buffer(string: try read("site/icon.svg", in: templates)))
    }

    /// Answers `/counter`, `/counter/counter.js`, `/counter/counter.css` and `/counter/icon.svg`; `nil` for other paths.
    func respond(to request: Request) -> Response? {
        let path = request.uri.path
        let body: ByteBuffer, type: String
        switch path {
        case "/counter", "/counter/":
            let asked = request.uri.queryParameters["lang"].map(String.init)
            let language = asked.flatMap { code in pages.first { $0.language == code }?.language }
                ?? AcceptLanguage.best(request.headers[.acceptLanguage], offered: pages.map { $0.language })
            body = (pages.first { $0.language == language } ?? pages[0]).html
            type = "text/html; charset=utf-8"
        case "/counter/counter.js":
            (body, type) = (script, "text/javascript; charset=utf-8")
        case "/counter/counter.css":
            (body, type) = (stylesheet, "text/css; charset=utf-8")
        case "/counter/icon.svg":
            (body, type) = (icon, "image/svg+xml")
        default:
            return nil
        }
        guard request.method == .get || request.method == .head else {
            var response = Answers.text(.methodNotAllowed, "The counter page answers GET and HEAD only.")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        var headers: HTTPFields = [:]
        headers[.contentType] = type
        headers[.contentSecurityPolicy] = Self.policy
        headers[.cacheControl] = "no-cache"
        headers[.vary] = "Accept-Language"
        headers[HTTPField.Name("Permissions-Policy")!] = "camera=(self)"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        let response = Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
        return request.method == .head ? response.createHeadResponse() : response
    }
}
