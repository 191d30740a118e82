internal import Credentials
internal import Foundation
internal import HTTPTypes
internal import Hummingbird
internal import Logging
internal import NIOCore
internal import Verify

/// `POST /api/verify`: the verdicts `passport verify --json` prints, for a counter page or a till.
///
/// Body `{"code": "…"}` answers one verdict object; `{"codes": ["…", …]}` (at most 100) answers an
/// array of them, in order. With a counter's token (`Authorization: Bearer …`) every scan is
/// recorded in the scan log before the answer is sent, so a `200` means the scans are committed;
/// without a token the codes are checked against nothing but the trust store and nothing is
/// written (`Passport-Scan-Recorded: no`). A token that is not a live counter's gets `401`.
struct VerifyService: Sendable {
    let trust: LiveTrust
    let store: any ScanStore
    let limiter: RateLimiter
    /// Behind a proxy: take the client's address from the last `X-Forwarded-For` entry.
    let trustForwardedFor: Bool
    let logger: Logger

    static let maximumCodes = 100
    static let maximumBodyBytes = 1 << 20
    static let recordedHeader = HTTPField.Name("Passport-Scan-Recorded")!
    static let counterHeader = HTTPField.Name("Passport-Counter")!

    func respond(to request: Request, context: ServeContext) async -> Response {
        switch request.method {
        case .post: break
        case .options: return Answers.preflight(methods: "POST, OPTIONS")
        default:
            var response = error(.methodNotAllowed, "Send the codes with POST, as JSON: {\"code\": \"…\"}.")
            response.headers[.allow] = "POST, OPTIONS"
            return response
        }
        var counter: String?
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                  let name = trust.counter(forToken: parts[1].trimmingCharacters(in: .whitespaces)) else {
                logger.notice("verify refused: unknown counter token", metadata: ["client": "\(address(request, context))"])
                var response = error(.unauthorized, "This counter token is not valid (revoked, mistyped, or from another server). Ask for a new one: passport serve tokens add NAME.")
                response.headers[.wwwAuthenticate] = "Bearer realm=\"passport\", error=\"invalid_token\""
                return response
            }
            counter = name
        }
        let client = counter.map { "counter " + $0 } ?? "address " + address(request, context)
        if case .limited(let retryAfter) = limiter.take(client) {
            var response = error(.tooManyRequests, "Too many requests from this \(counter == nil ? "address" : "counter"); try again in \(retryAfter) s.")
            response.headers[.retryAfter] = String(retryAfter)
            return response
        }

        let codes: [String], isList: Bool
        switch await readCodes(request) {
        case .success(let read): (codes, isList) = read
        case .failure(let failure): return error(failure.status, failure.message)
        }
        let verifier = trust.verifier
        var verdicts = codes.map { verifier.evaluate($0) }
        if let counter {
            for index in verdicts.indices {
                guard let pending = verdicts[index].pendingScan(shop: counter, sameSaleWindow: verifier.options.sameSaleWindow)
                else { continue }
                do {
                    verdicts[index].recorded(earlier: try await store.record(pending), of: pending,
                                             timeZone: verifier.options.timeZone)
                } catch {
                    logger.error("scan not recorded", metadata: ["counter": "\(counter)", "error": "\(error.description)"])
                    return self.error(.serviceUnavailable, "The scan could not be recorded, so it was not checked against other shops' scans: \(error.description) Try again.")
                }
            }
        }
        for verdict in verdicts {
            logger.debug("verified", metadata: ["verdict": "\(verdict.kind.rawValue)", "client": "\(client)"])
        }
        var headers: HTTPFields = [:]
        headers[Self.recordedHeader] = counter == nil ? "no" : "yes"
        if let counter { headers[Self.counterHeader] = counter }
        headers[.cacheControl] = "no-store"
        let body: JSONValue = isList ? .array(verdicts.map(\.json)) : verdicts[0].json
        return Answers.json(.ok, body, headers: headers)
    }

    private struct Failure: Error {
        var status: HTTPResponse.Status
        var message: String
    }

    /// The codes of the request body, and whether they came as a list.
    private func readCodes(_ request: Request) async -> Result<([String], Bool), Failure> {
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: Self.maximumBodyBytes) } catch {
            return .failure(.init(status: .contentTooLarge, message: "The request is larger than \(Self.maximumBodyBytes >> 10) KB; send at most \(Self.maximumCodes) codes at once."))
        }
        guard let json = try? JSONValue(parsing: Data(buffer.readableBytesView)) else {
            return .failure(.init(status: .badRequest, message: "The body is not JSON. Send {\"code\": \"…\"} or {\"codes\": [\"…\"]}."))
        }
        if let code = json["code"]?.stringValue, json["codes"] == nil { return .success(([code], false)) }
        if let list = json["codes"]?.arrayValue, json["code"] == nil {
            let codes = list.compactMap(\.stringValue)
            guard codes.count == list.count, (1...Self.maximumCodes).contains(codes.count) else {
                return .failure(.init(status: .badRequest, message: "\"codes\" must be a list of 1 to \(Self.maximumCodes) texts."))
            }
            return .success((codes, true))
        }
        return .failure(.init(status: .badRequest, message: "Send {\"code\": \"…\"} for one code or {\"codes\": [\"…\"]} for several."))
    }

    /// The client's address: the connection's, or the proxy's last `X-Forwarded-For` entry.
    func address(_ request: Request, _ context: ServeContext) -> String {
        if trustForwardedFor, let forwarded = request.headers[Self.forwardedFor],
           let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            return last
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    private func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var headers: HTTPFields = [:]
        headers[.cacheControl] = "no-store"
        return Answers.json(status, ["error": .string(message)], headers: headers)
    }
}
