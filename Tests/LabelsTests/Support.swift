import Foundation
@testable import Labels
import Output

/// The package root, found from this file's path (Tests/LabelsTests/Support.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The bundled templates and fonts of this checkout.
let bundled = ResourceLocator(root: packageRoot)

/// A fixed document date, so outputs never depend on the clock.
let fixedDate = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

/// The batch Digital Link (no serial, no signature): 51 characters.
let batchURI = "https://oliveto.example/01/08012345678901/10/L2026A"

/// A deterministic 86-character base64url "signature" for serial `n` (stands in for Ed25519).
func fakeSignature(_ n: Int) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    var state = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15 &+ 0x1234_5678
    return String((0..<86).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return alphabet[Int(state >> 58)]
    })
}

/// Serial `n` as printed: six digits.
func serialText(_ n: Int) -> String {
    let digits = String(n)
    return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
}

/// The signed unit URI for serial `n`: 150 characters.
func unitURI(_ n: Int) -> String {
    "https://oliveto.example/01/08012345678901/10/L2026A/21/\(serialText(n))?s=\(fakeSignature(n))"
}

/// Realistic content for unit `n` (or the batch label when `n` is nil).
func sampleContent(_ n: Int?, productName: String = "Olio extravergine di oliva biologico") -> LabelContent {
    LabelContent(
        codeText: n.map(unitURI) ?? batchURI,
        gtinDisplay: LabelContent.gtinDisplay("08012345678901"),
        productName: productName,
        producerName: "Frantoio Oliveto, Montalcino",
        lot: "L2026A",
        serial: n.map(serialText),
        dates: ["Best before 30.06.2027", "Produced 15.01.2026"],
        netQuantity: "500 ml",
        badges: ["EU Organic", "DOP Toscano"],
        callToAction: "Scan for origin and proof")
}

/// This test process's scratch root; folders left by test processes that have ended are removed
/// the first time it is used, so runs do not pile up files.
let scratchRoot: URL = {
    let parent = FileManager.default.temporaryDirectory.appendingPathComponent("passport-labels-tests")
    let mine = ProcessInfo.processInfo.processIdentifier
    for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] {
        if let pid = Int32(name), pid != mine, kill(pid, 0) != 0 {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }
    return parent.appendingPathComponent(String(mine))
}()

/// A fresh empty folder for one test's outputs.
func scratchFolder(_ name: String = #function) throws -> URL {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let url = scratchRoot.appendingPathComponent("\(safe)-\(UUID().uuidString.prefix(6))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Runs an external tool and returns its standard output.
@discardableResult
func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let error = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
}
