public import Foundation
public import Labels
public import Output
public import QRCode

/// Renders synthetic serialized labels into one PDF and times it: the label renderer alone, with
/// unsigned stand-in codes (`passport bench labels` times the whole signed run of a real project).
public enum LabelBenchmark {
    /// How fast a run went.
    public struct Result: Sendable, CustomStringConvertible {
        public var count: Int
        public var seconds: Double
        public var pages: Int
        public var pdfBytes: Int
        public var codeVersions: ClosedRange<Int>
        public var labelsPerSecond: Double { seconds > 0 ? Double(count) / seconds : 0 }

        public var description: String {
            String(format: "%d labels in %.2f s: %.0f labels/s, %d pages, %.1f MB PDF, QR version %d–%d",
                   count, seconds, labelsPerSecond, pages, Double(pdfBytes) / 1_000_000,
                   codeVersions.lowerBound, codeVersions.upperBound)
        }
    }

    /// A realistic serialized label: a 150-character unit Digital Link whose `s` parameter is
    /// 86 base64url characters, pseudo-random per index (the length of an Ed25519 signature).
    public static func syntheticContent(_ index: Int) -> LabelContent {
        let serial = String(1_000_000 + index % 1_000_000).dropFirst()
        return LabelContent(
            codeText: "https://oliveto.example/01/08012345678901/10/L2026A/21/\(serial)?s=\(pseudoSignature(index))",
            gtinDisplay: LabelContent.gtinDisplay("08012345678901"), productName: "Olio extravergine di oliva biologico",
            producerName: "Frantoio Oliveto, Montalcino", lot: "L2026A", serial: String(serial),
            dates: ["Best before 30.06.2027", "Produced 15.01.2026"], netQuantity: "500 ml",
            badges: ["EU Organic", "DOP Toscano"])
    }

    /// Renders `count` labels on `template` into the PDF at `output`.
    /// - Parameter content: the labels to render; ``syntheticContent(_:)`` by default. Pass a
    ///   closure that signs to measure signing too.
    public static func run(count: Int, template: LabelTemplate, resources: ResourceLocator, output: URL,
                           errorCorrection: QRErrorCorrection = .medium,
                           content: (@Sendable (Int) throws -> LabelContent)? = nil,
                           progress: ((Int) -> Void)? = nil) throws(LabelError) -> Result {
        let renderer = LabelRenderer(resources: resources)
        let request = LabelRunRequest(template: template, count: count, documentDate: Date(timeIntervalSince1970: 0),
                                      title: "passport label benchmark", errorCorrection: errorCorrection, pdf: output)
        let start = ContinuousClock.now
        let report = try renderer.render(request, content: content ?? { syntheticContent($0) }, progress: progress)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
        return Result(count: count, seconds: seconds, pages: report.pageCount, pdfBytes: size,
                      codeVersions: report.codeVersions)
    }

    private static func pseudoSignature(_ index: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var state = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 ^ 0xD1B5_4A32_D192_ED03
        var bytes = [UInt8](repeating: 0, count: 86)
        for position in 0..<86 {
            state ^= state >> 30
            state &*= 0xBF58_476D_1CE4_E5B9
            state ^= state >> 27
            bytes[position] = alphabet[Int(state >> 58)]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
