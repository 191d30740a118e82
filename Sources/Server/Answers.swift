internal import Credentials
internal import Foundation
internal import HTTPTypes
internal import Hummingbird
internal import NIOCore
internal import Site

/// Building HTTP answers: bodies with their types, and the headers every answer of a kind carries.
enum Answers {
    static let allocator = ByteBufferAllocator()

    static func body(_ text: String) -> ResponseBody { ResponseBody(byteBuffer: allocator.buffer(string: text)) }

    /// A plain-text answer (errors a program or a person reads).
    static func text(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: body(message.hasSuffix("\n") ? message : message + "\n"))
    }

    /// A JSON answer, serialized the way the rest of passport writes JSON (sorted keys).
    static func json(_ status: HTTPResponse.Status, _ value: JSONValue, headers: HTTPFields = [:],
                     contentType: String = "application/json") -> Response {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: body(value.serializedString() + "\n"))
    }

    /// A small HTML page: a title, a message and, when given, a link onwards. Everything is escaped.
    static func page(_ status: HTTPResponse.Status, title: String, message: String, link: (href: String, text: String)?,
                     headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = "default-src 'none'; base-uri 'none'; form-action 'none'"
        let onwards = link.map { "<p><a href=\"\(HTMLText.escape($0.href))\">\(HTMLText.escape($0.text))</a></p>\n" } ?? ""
        let html = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex"><title>\(HTMLText.escape(title))</title></head>
            <body><main><h1>\(HTMLText.escape(title))</h1>
            <p>\(HTMLText.escape(message))</p>
            \(onwards)</main></body>
            </html>

            """
        return Response(status: status, headers: headers, body: body(html))
    }

    /// The CORS headers of every resolver and site answer: anyone may read them (RFC: the site is public).
    static func addCORS(to headers: inout HTTPFields) {
        // Appended, not set: answers are built without them, and a set searches the fields first.
        headers.append(HTTPField(name: .accessControlAllowOrigin, value: "*"))
        headers.append(HTTPField(name: .accessControlExposeHeaders, value: "Link, Location, Content-Type, Content-Length, ETag"))
    }

    /// The answer to `OPTIONS` on the site and resolver.
    static func preflight(methods: String) -> Response {
        var headers: HTTPFields = [:]
        addCORS(to: &headers)
        headers[.allow] = methods
        headers[.accessControlAllowMethods] = methods
        headers[.accessControlAllowHeaders] = "Accept, Accept-Language, Authorization, Content-Type"
        headers[.accessControlMaxAge] = "86400"
        return Response(status: .noContent, headers: headers)
    }
}
