import Foundation
import PassportTestSupport
@testable import Labels
import Output

/// The bundled templates and fonts of this checkout.
let bundled = ResourceLocator(root: Checkout.root)

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
        serial: n.map { serialText($0) },
        dates: ["Best before 30.06.2027", "Produced 15.01.2026"],
        netQuantity: "500 ml",
        badges: ["EU Organic", "DOP Toscano"],
        callToAction: "Scan for origin and proof")
}
