import Foundation

/// A producer's did:web identity, derived from the https address its site is published at
/// (W3C CCG did:web method specification).
///
/// `https://oliveto.example` → `did:web:oliveto.example`;
/// `https://oliveto.example:8443/shop` → `did:web:oliveto.example%3A8443:shop`.
/// The DID document lives at `https://oliveto.example/.well-known/did.json`
/// (or `…/shop/did.json` when the address has a path).
public struct DIDWeb: Hashable, Sendable, CustomStringConvertible {
    /// The DID, e.g. `did:web:oliveto.example`.
    public let did: String
    /// Lowercased host name.
    public let host: String
    /// The port, if not the https default 443.
    public let port: Int?
    /// Decoded path segments (empty for a bare host).
    public let pathSegments: [String]

    /// Derives the DID from the site's https base address.
    /// - Throws: `CredentialError.invalidDIDWebURL` for a non-https address, a missing or
    ///   unusable host, user info, a query or a fragment.
    public init(baseURL text: String) throws(CredentialError) {
        func fail(_ reason: String) -> CredentialError { .invalidDIDWebURL(url: text, reason: reason) }
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
              let scheme = components.scheme else {
            throw fail("it is not a web address; write it like https://oliveto.example")
        }
        guard scheme.lowercased() == "https" else {
            throw fail("did:web only works with https addresses, because verifiers fetch the DID document over HTTPS to trust it; use https://\(components.host ?? "your-domain")")
        }
        guard components.user == nil, components.password == nil else {
            throw fail("the address must not contain a user name or password")
        }
        guard components.query == nil else { throw fail("remove the query ('?…'); did:web addresses cannot have one") }
        guard components.fragment == nil else { throw fail("remove the fragment ('#…'); did:web addresses cannot have one") }
        guard let rawHost = components.host, !rawHost.isEmpty else { throw fail("it has no host name") }
        let host = rawHost.lowercased()
        try Self.checkHost(host, fail: fail)
        let port = components.port == 443 ? nil : components.port
        var segments: [String] = []
        for segment in components.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = String(segment).removingPercentEncoding, !decoded.isEmpty else {
                throw fail("the path segment '\(segment)' is not valid percent-encoding")
            }
            guard decoded != ".", decoded != ".." else { throw fail("the path must not contain '.' or '..' segments") }
            segments.append(decoded)
        }
        self.init(host: host, port: port, pathSegments: segments)
    }

    /// Reads a `did:web:` DID (without a `#fragment`).
    /// - Throws: `CredentialError.invalidDID`.
    public init(did text: String) throws(CredentialError) {
        func fail(_ reason: String) -> CredentialError { .invalidDID(did: text, reason: reason) }
        guard text.hasPrefix("did:web:") else { throw fail("it must start with 'did:web:'") }
        guard !text.contains("#"), !text.contains("?") else {
            throw fail("a DID has no '#' or '?' part; that is a DID URL")
        }
        let parts = text.dropFirst("did:web:".count).split(separator: ":", omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty else { throw fail("the host name is missing") }
        guard let authority = String(first).removingPercentEncoding else { throw fail("the host is not valid percent-encoding") }
        var host = authority.lowercased()
        var port: Int?
        if let colon = authority.lastIndex(of: ":") {
            guard let number = Int(authority[authority.index(after: colon)...]), (1...65535).contains(number) else {
                throw fail("the port after %3A must be a number from 1 to 65535")
            }
            host = String(authority[..<colon]).lowercased()
            port = number == 443 ? nil : number
        }
        try Self.checkHost(host, fail: fail)
        var segments: [String] = []
        for part in parts.dropFirst() {
            guard let decoded = String(part).removingPercentEncoding, !decoded.isEmpty,
                  decoded != ".", decoded != ".." else {
                throw fail("the path segment '\(part)' is empty or invalid")
            }
            segments.append(decoded)
        }
        self.init(host: host, port: port, pathSegments: segments)
    }

    private init(host: String, port: Int?, pathSegments: [String]) {
        self.host = host
        self.port = port
        self.pathSegments = pathSegments
        var did = "did:web:" + host
        if let port { did += "%3A\(port)" }
        for segment in pathSegments { did += ":" + Self.encodeSegment(segment) }
        self.did = did
    }

    private static func checkHost(_ host: String, fail: (String) -> CredentialError) throws(CredentialError) {
        let allowed = host.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        guard allowed, !host.hasPrefix("."), !host.hasSuffix("."), !host.contains("..") else {
            throw fail("the host name '\(host)' may only contain letters, digits, '-' and '.' (write international domain names in their xn-- form; IP addresses in brackets are not supported)")
        }
    }

    /// Percent-encodes everything but the DID `idchar`s (ALPHA DIGIT . - _).
    private static func encodeSegment(_ segment: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: ".-_")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }

    /// The https base address this DID was derived from (no trailing slash).
    public var baseURL: String {
        var text = "https://" + host
        if let port { text += ":\(port)" }
        for segment in pathSegments { text += "/" + Self.encodeSegment(segment) }
        return text
    }

    /// Where the DID document is published: `<base>/.well-known/did.json` for a bare host,
    /// `<base>/did.json` when the address has a path.
    public var didDocumentURL: String {
        baseURL + (pathSegments.isEmpty ? "/.well-known/did.json" : "/did.json")
    }

    /// The path of the DID document relative to the base address: `.well-known/did.json` for a
    /// bare host, `did.json` otherwise — where the site generator writes the file.
    public var didDocumentPath: String {
        pathSegments.isEmpty ? ".well-known/did.json" : "did.json"
    }

    /// The DID URL of a key: `did:web:oliveto.example#<keyID>`.
    public func keyID(for localKeyID: String) -> String {
        did + "#" + localKeyID
    }

    /// The DID.
    public var description: String { did }
}
