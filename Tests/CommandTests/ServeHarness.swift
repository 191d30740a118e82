import Foundation
import PassportTestSupport
import Testing

/// A `passport serve` process started the way an operator would, on a free loopback port (it
/// prints the address it listens on; the harness reads it from standard output).
final class ServeProcess: @unchecked Sendable {
    // @unchecked: set once in init; `Process` is only used from the test's thread.
    let process: Process
    /// `http://127.0.0.1:PORT`
    let base: String
    let port: UInt16
    private let errors = LogBuffer()

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts `passport serve start --port 0 …arguments` and waits until it listens.
    init(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) throws {
        process = Process()
        process.executableURL = Checkout.passportBinary
        process.arguments = ["serve", "start", "--port", "0"] + arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env["PASSPORT_DATABASE_URL"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errorHandle = err.fileHandleForReading
        let errors = self.errors
        // Drain standard error as it comes, so a chatty server never blocks on a full pipe.
        Thread.detachNewThread {
            while true {
                let chunk = errorHandle.availableData
                if chunk.isEmpty { return }
                errors.append(chunk)
            }
        }
        // The first line on standard output names the address.
        var seen = Data()
        let outHandle = out.fileHandleForReading
        var address: String?
        while address == nil {
            let chunk = outHandle.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
            let text = String(decoding: seen, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Serving http://") }) {
                address = line.dropFirst("Serving ".count).split(separator: " ").first.map(String.init)
            }
        }
        guard let address, let port = address.split(separator: ":").last.flatMap({ UInt16($0) }) else {
            process.waitUntilExit()
            throw Failure(description: "passport serve did not start (exit \(process.terminationStatus)): \(String(decoding: seen, as: UTF8.self)) \(errors.text)")
        }
        Thread.detachNewThread { while !outHandle.availableData.isEmpty {} }
        self.base = address
        self.port = port
    }

    /// What the server has logged so far.
    var log: String { errors.text }

    /// SIGTERM, then waits for the exit; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGKILL: the process dies at once, as in a power cut of the server alone.
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { if process.isRunning { process.terminate(); process.waitUntilExit() } }

    /// A request to this server.
    func request(_ path: String, method: String = "GET", headers: [String: String] = [:],
                 body: Data? = nil) throws -> HTTPAnswer {
        try HTTPAnswer.fetch(port: port, method: method, path: path, headers: headers, body: body)
    }

    /// `POST /api/verify` with one code (and a counter token when given).
    func verify(_ code: String, token: String? = nil) throws -> HTTPAnswer {
        var headers = ["Content-Type": "application/json"]
        if let token { headers["Authorization"] = "Bearer " + token }
        let body = try JSONSerialization.data(withJSONObject: ["code": code])
        return try request("/api/verify", method: "POST", headers: headers, body: body)
    }
}

/// Bytes a background thread appends, read under a lock.
final class LogBuffer: @unchecked Sendable {
    // @unchecked: `data` is only touched under `lock`.
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) { lock.withLock { data.append(chunk) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}

/// One HTTP/1.1 exchange over a plain loopback socket: the test sees exactly what the server sent
/// (no redirect following, no caching, HEAD and OPTIONS as they are).
struct HTTPAnswer {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The value of a header (names compared ignoring case); several values joined by ", ".
    func header(_ name: String) -> String? {
        let values = headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    /// The body as a JSON object or array.
    func json() throws -> Any { try JSONSerialization.jsonObject(with: body) }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func fetch(port: UInt16, method: String, path: String, headers: [String: String], body: Data?) throws -> HTTPAnswer {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: \(errno)") }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 120, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect to port \(port): errno \(errno)") }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        var request = Data((head + "\r\n").utf8)
        if let body { request.append(body) }
        try request.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = send(socket, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                guard n > 0 else { throw Failure(description: "send: errno \(errno)") }
                sent += n
            }
        }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(socket, &buffer, buffer.count, 0)
            if n < 0 { throw Failure(description: "recv: errno \(errno)") }
            if n == 0 { break }
            response.append(contentsOf: buffer[0..<n])
        }
        return try parse(response, head: method == "HEAD")
    }

    static func parse(_ data: Data, head: Bool) throws -> HTTPAnswer {
        guard let end = data.firstRange(of: Data("\r\n\r\n".utf8)) else {
            throw Failure(description: "no HTTP head in \(data.count) bytes")
        }
        let lines = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = lines.first, let status = statusLine.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
            throw Failure(description: "bad status line")
        }
        var headers: [(String, String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var body = Data(data[end.upperBound...])
        if !head, headers.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased() == "chunked" }) {
            body = try dechunk(body)
        }
        return HTTPAnswer(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: Data) throws -> Data {
        var result = Data(), rest = data[...]
        while let lineEnd = rest.firstRange(of: Data("\r\n".utf8)) {
            let sizeText = String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText, radix: 16) else { throw Failure(description: "bad chunk size") }
            if size == 0 { break }
            let start = lineEnd.upperBound
            result.append(rest[start..<(start + size)])
            rest = rest[(start + size + 2)...]
        }
        return result
    }
}

/// A PostgreSQL database of its own for one test, made on the server `PASSPORT_TEST_DATABASE_URL`
/// names (`scripts/start-test-postgres.sh` starts one) and dropped afterwards.
///
/// In CI (`CI=1`, set by `.ci/run`) a missing URL fails the tests that need it; elsewhere they
/// are not run.
final class TestDatabase {
    static let serverURL = ProcessInfo.processInfo.environment["PASSPORT_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    /// Whether PostgreSQL tests run: always in CI (failing without a server), else when one is named.
    static let enabled = serverURL != nil || ProcessInfo.processInfo.environment["CI"] == "1"

    let name: String
    /// `postgres://…/<name>`
    let url: String

    init() throws {
        guard let server = Self.serverURL else {
            throw ServeProcess.Failure(description: "PASSPORT_TEST_DATABASE_URL is not set: start PostgreSQL with `eval \"$(scripts/start-test-postgres.sh)\"` (CI does this in .ci/run)")
        }
        name = "passport_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        guard let slash = server.lastIndex(of: "/") else { throw ServeProcess.Failure(description: "bad URL \(server)") }
        url = String(server[...slash]) + name
        try Self.psql(server, "CREATE DATABASE \(name)")
    }

    deinit { _ = try? Self.psql(Self.serverURL ?? "", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }

    /// Runs one statement; returns its rows, unaligned, one per line.
    @discardableResult
    func query(_ sql: String) throws -> String { try Self.psql(url, sql) }

    @discardableResult
    static func psql(_ url: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url, "-v", "ON_ERROR_STOP=1", "-qAtX", "-c", sql]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ServeProcess.Failure(description: "psql \(sql): \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
