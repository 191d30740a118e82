internal import HTTPTypes
internal import Hummingbird
internal import Logging
internal import NIOConcurrencyHelpers


/// Routes every request: health, resolver description, verification API, counter page, preview
/// channel, and everything else to the site and its resolver.
struct ServeResponder: HTTPResponder {
    typealias Context = ServeContext

    let site: LiveSite
    let siteResponder: SiteResponder
    let verify: VerifyService
    let counter: CounterPage
    let preview: PreviewChannel?
    /// Whether the scan log can be written (PostgreSQL answers); for `/healthz`.
    let healthy: @Sendable () async -> Bool
    let logger: Logger

    func respond(to request: Request, context: ServeContext) async throws -> Response {
        let start = ContinuousClock.now
        let response = await answer(request, context: context)
        if logger.logLevel <= .debug {
            logger.debug("request", metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)",
                "status": "\(response.status.code)", "duration_ms": "\((ContinuousClock.now - start).milliseconds)",
            ])
        }
        return response
    }

    private func answer(_ request: Request, context: ServeContext) async -> Response {
        let path = request.uri.path
        switch path {
        case "/healthz":
            let ok = await healthy()
            var response = Answers.text(ok ? .ok : .serviceUnavailable, ok ? "ok" : "the scan log cannot be reached")
            response.headers[.cacheControl] = "no-store"
            return request.method == .head ? response.createHeadResponse() : response
        case "/.well-known/gs1resolver":
            if request.method == .options { return Answers.preflight(methods: SiteResponder.methods) }
            var response = Answers.json(.ok, ResolverDescription.json(baseURL: site.current?.resolver.index.baseURL))
            Answers.addCORS(to: &response.headers)
            return request.method == .head ? response.createHeadResponse() : response
        case "/api/verify":
            return await verify.respond(to: request, context: context)
        default:
            if path == "/counter" || path.hasPrefix("/counter/") {
                return counter.respond(to: request) ?? Answers.text(.notFound, "There is nothing at this address.")
            }
            if path.hasPrefix(PreviewChannel.prefix) {
                return await preview?.respond(to: request) ?? Answers.text(.notFound, "The live preview is off.")
            }
            return siteResponder.respond(to: request, site: site.current)
        }
    }
}

extension Duration {
    /// Whole milliseconds, for logs.
    var milliseconds: Int64 {
        let parts = components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }
}
