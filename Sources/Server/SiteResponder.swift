internal import Foundation
internal import HTTPTypes
internal import Hummingbird
internal import NIOCore
internal import Site

/// The built site and its resolver as one immutable value, replaced whole after a preview rebuild.
struct SiteSnapshot: Sendable {
    let files: SiteFiles
    let resolver: Resolver
    /// Counts rebuilds (the preview's reload script waits for it to change).
    let generation: Int
    /// Resolver answers of this snapshot.
    let answers = AnswerCache()
}

/// Answers requests for the site: its files as they are, GS1 Digital Link paths through the
/// resolver, folders with the page in the reader's language, everything else with the site's 404.
struct SiteResponder: Sendable {
    /// In preview, HTML pages get the live-reload script before `</head>`.
    let preview: Bool

    static let methods = "GET, HEAD, OPTIONS"
    static let link = HTTPField.Name("Link")!

    func respond(to request: Request, site: SiteSnapshot?) -> Response {
        switch request.method {
        case .options:
            return Answers.preflight(methods: Self.methods)
        case .get, .head:
            var response = answer(request, site: site)
            Answers.addCORS(to: &response.headers)
            return request.method == .head ? response.createHeadResponse() : response
        default:
            var response = Answers.text(.methodNotAllowed, "The site answers GET, HEAD and OPTIONS only.")
            response.headers[.allow] = Self.methods
            return response
        }
    }

    private func answer(_ request: Request, site: SiteSnapshot?) -> Response {
        guard let site else {
            return Answers.text(.notFound, "This server has no site to serve; it verifies codes at /api/verify and /counter.")
        }
        let rawPath = Substring(request.uri.path)
        if Self.looksLikeDigitalLink(rawPath) {
            if let relative = SiteFiles.relativePath(rawPath), let file = site.files.files[relative] {
                return serve(file, request, site)
            }
            let key = AnswerCache.key(path: rawPath, query: request.uri.query, accept: request.headers[.accept],
                                      acceptLanguage: request.headers[.acceptLanguage])
            return site.answers.answer(for: key) { resolve(request, path: rawPath, resolver: site.resolver) }
        }
        guard let relative = SiteFiles.relativePath(rawPath) else { return notFound(site, request) }
        if let file = site.files.files[relative] { return serve(file, request, site) }
        let folder = relative.isEmpty || relative.hasSuffix("/") ? relative : relative + "/"
        guard site.files.directories.contains(folder) else { return notFound(site, request) }
        guard folder == relative else {
            var headers: HTTPFields = [:]
            headers[.location] = String(rawPath) + "/" + (request.uri.query.map { "?" + $0 } ?? "")
            return Response(status: .movedPermanently, headers: headers)
        }
        let languages = site.resolver.index.languages
        let language = AcceptLanguage.best(request.headers[.acceptLanguage], offered: languages) ?? languages.first
        let names = [language.map { SiteLayout.pageFile(language: $0, defaultLanguage: languages.first ?? $0) },
                     "index.html"].compactMap { $0 }
        for name in names {
            if let file = site.files.files[folder + name] {
                var response = serve(file, request, site)
                response.headers[.vary] = "Accept-Language"
                return response
            }
        }
        return notFound(site, request)
    }

    /// A path whose first segment is a number: a GS1 application identifier, so a Digital Link.
    static func looksLikeDigitalLink(_ path: Substring) -> Bool {
        let first = path.dropFirst().prefix { $0 != "/" }
        return first.count >= 2 && first.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    private func resolve(_ request: Request, path: Substring, resolver: Resolver) -> Response {
        let (answer, linksetPath) = resolver.resolve(.init(
            path: path, query: request.uri.query.map { Substring($0) },
            accept: request.headers[.accept], acceptLanguage: request.headers[.acceptLanguage]))
        var links: [String] = []
        if let linksetPath { links.append("<\(linksetPath)>; rel=\"linkset\"; type=\"application/linkset+json\"") }
        var headers = HTTPFields([HTTPField(name: .vary, value: "Accept, Accept-Language")])
        var response: Response
        switch answer {
        case .redirect(let location):
            headers.append(HTTPField(name: .location, value: location))
            headers.append(HTTPField(name: .cacheControl, value: "no-store"))
            headers.append(HTTPField(name: .contentLength, value: "0"))
            if !links.isEmpty { headers.append(HTTPField(name: Self.link, value: links.joined(separator: ", "))) }
            return Response(status: .temporaryRedirect, headers: headers)
        case .linkset(let linkset):
            response = Answers.json(.ok, linkset, headers: headers, contentType: "application/linkset+json")
        case .notFound(let message, let up):
            if let up { links.append("<\(up)>; rel=\"up\"") }
            response = Answers.page(.notFound, title: "Not found", message: message,
                                    link: up.map { ($0, "Open the passport page") }, headers: headers)
        case .invalid(let message):
            response = Answers.text(.badRequest, message, headers: headers)
        }
        if !links.isEmpty { response.headers[Self.link] = links.joined(separator: ", ") }
        return response
    }

    private func serve(_ file: SiteFile, _ request: Request, _ site: SiteSnapshot) -> Response {
        // In preview a page carries its site generation, so its tag does too.
        let injects = preview && file.contentType.hasPrefix("text/html")
        let etag = injects ? file.etag.dropLast() + "-\(site.generation)\"" : file.etag
        var headers = HTTPFields([HTTPField(name: .eTag, value: etag), HTTPField(name: .cacheControl, value: "no-cache")])
        if let tags = request.headers[.ifNoneMatch], tags.split(separator: ",").contains(where: {
            $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*"
        }) {
            return Response(status: .notModified, headers: headers)
        }
        headers.append(HTTPField(name: .contentType, value: file.contentType))
        if injects {
            let tag = PreviewChannel.tag(generation: site.generation)
            return Response(status: .ok, headers: headers, body: Answers.body(Self.inject(tag, into: file.body)))
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: file.body))
    }

    private func notFound(_ site: SiteSnapshot, _ request: Request) -> Response {
        guard let page = site.files.files["404.html"] else {
            return Answers.text(.notFound, "There is nothing at this address.")
        }
        var headers: HTTPFields = [:]
        headers[.contentType] = page.contentType
        headers[.cacheControl] = "no-cache"
        if preview {
            let tag = PreviewChannel.tag(generation: site.generation)
            return Response(status: .notFound, headers: headers, body: Answers.body(Self.inject(tag, into: page.body)))
        }
        return Response(status: .notFound, headers: headers, body: ResponseBody(byteBuffer: page.body))
    }

    /// The page with `tag` added just before `</head>` (or at the start when there is none).
    static func inject(_ tag: String, into page: ByteBuffer) -> String {
        let html = String(buffer: page)
        guard let head = html.range(of: "</head>") else { return tag + html }
        return html.replacingCharacters(in: head.lowerBound..<head.lowerBound, with: tag)
    }
}
