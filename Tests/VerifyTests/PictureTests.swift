import Credentials
import Foundation
import Pictures
import Testing
@testable import Verify

@Suite("Photos and screenshots")
struct PictureTests {
    let fixture = Fixture()

    @Test("a 300-dpi QR PNG decodes to the code's text and verifies GENUINE")
    func png() throws {
        let code = fixture.code(serial: "000042")
        let image = try GrayImage(decoding: try PictureSupport.qrPNG(code), name: "label.png")
        let verdicts = try fixture.verifier().verify(image: image, name: "label.png", scanner: CodeScanner())
        #expect(verdicts.map(\.kind) == [.genuine])
        #expect(verdicts.first?.code == code)
    }

    @Test("a transparent PNG is laid on white before reading")
    func transparentPNG() throws {
        let code = fixture.code(serial: "000007")
        let image = try GrayImage(decoding: try PictureSupport.qrPNG(code, transparent: true), name: "t.png")
        #expect(image.pixels.first == 255)
        #expect(try CodeScanner().scan(image).map(\.text) == [code])
    }

    @Test("several codes in one JPEG give one verdict each")
    func severalInJPEG() throws {
        let codes = [fixture.code(serial: "000001"), "https://oliveto.example/01/08012345000012/10/L2026A",
                     fixture.code(serial: "000002").replacingOccurrences(of: "/21/000002", with: "/21/000003")]
        let images = try codes.map { try GrayImage(decoding: try PictureSupport.qrPNG($0, module: 5), name: "q.png") }
        let jpeg = try PictureSupport.jpeg(PictureSupport.sideBySide(images))
        let picture = try GrayImage(decoding: jpeg, name: "shelf.jpg")
        let verdicts = try fixture.verifier().verify(image: picture, name: "shelf.jpg", scanner: CodeScanner())
        #expect(verdicts.count == 3)
        #expect(Set(verdicts.map(\.code)) == Set(codes))
        for verdict in verdicts {
            #expect(verdict.kind == (verdict.code == codes[2] ? .tampered : .genuine))
        }
    }

    @Test("a picture without a code is NOT A PASSPORT CODE, saying so")
    func blank() throws {
        let blank = GrayImage(width: 200, height: 100, pixels: [UInt8](repeating: 255, count: 20_000))
        let verdicts = try fixture.verifier().verify(image: blank, name: "blank.jpg", scanner: CodeScanner())
        #expect(verdicts.map(\.kind) == [.notAPassportCode])
        #expect(verdicts.first?.reason == "no QR code or barcode could be read in blank.jpg: take the photo again, closer, straight on and in focus")
    }

    @Test("files that are not pictures, damaged pictures and huge ones are refused with a reason")
    func refused() throws {
        let png = try PictureSupport.qrPNG("x")
        let cases: [(Data, String)] = [
            (Data(), "the file is empty"),
            (Data("GIF89a".utf8), "it is neither a PNG nor a JPEG file"),
            (png.prefix(60), "the PNG data is damaged"),
            (Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 1, 2, 3]), "the picture has no pixels (0 × 0)"),
            (Data([0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x03, 1, 2, 3, 0xFF, 0xD9]), "the JPEG data is damaged"),
            (PictureSupport.pngHeader(width: 30_000, height: 30_000),
             "the picture is 30000 × 30000 pixels, more than the 200 megapixels accepted; crop or scale it down"),
        ]
        for (data, reason) in cases {
            do {
                _ = try GrayImage(decoding: data, name: "bad")
                Issue.record("\(reason): decoded")
            } catch {
                guard case .unreadable(let path, let message) = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
                #expect(path == "bad")
                #expect(message.hasPrefix(reason), "\(message)")
            }
        }
        #expect(throws: PictureError.self) { _ = try GrayImage(contentsOfFile: "/nonexistent/label.png") }
    }
}
