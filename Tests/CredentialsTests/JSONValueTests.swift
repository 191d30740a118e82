import Foundation
import Testing
@testable import Credentials

@Suite("JSONValue")
struct JSONValueTests {
    @Test("object keys are sorted by UTF-8 bytes, no whitespace")
    func keyOrder() {
        let value: JSONValue = ["b": 1, "a": 2, "B": 3, "é": 4, "aa": 5, "_": 6]
        // "B" (0x42) < "_" (0x5F) < "a" < "aa" < "b" < "é" (0xC3 0xA9)
        #expect(value.serializedString() == #"{"B":3,"_":6,"a":2,"aa":5,"b":1,"é":4}"#)
    }

    @Test("same value, same bytes — regardless of construction order")
    func determinism() throws {
        var first: JSONValue = [:]
        var second: JSONValue = [:]
        for index in 0..<50 { first["k\(index)"] = .int(index) }
        for index in (0..<50).reversed() { second["k\(index)"] = .int(index) }
        #expect(first.serialized() == second.serialized())
        let reparsed = try JSONValue(parsing: first.serialized())
        #expect(reparsed.serialized() == first.serialized())
    }

    @Test("escaping: quotes, backslash, control characters, slash and </script>, unicode")
    func escaping() {
        #expect(JSONValue.string("say \"hi\" \\ now").serializedString() == #""say \"hi\" \\ now""#)
        #expect(JSONValue.string("a\nb\tc\r\u{08}\u{0C}\u{01}\u{1F}").serializedString()
            == #""a\nb\tc\r\b\f\u0001\u001f""#)
        #expect(JSONValue.string("</script>").serializedString() == #""</script>""#)
        #expect(JSONValue.string("olio extra vergine — €, 日本, 🫒").serializedString()
            == "\"olio extra vergine — €, 日本, 🫒\"")
        #expect(Array(JSONValue.string("é").serialized()) == [0x22, 0xC3, 0xA9, 0x22])
        #expect(JSONValue.string("\u{7F}").serializedString() == "\"\u{7F}\"")
    }

    @Test("htmlSafe escapes what would end a <script> element")
    func htmlSafe() {
        let value: JSONValue = ["x": "</script><b>&\u{2028}"]
        #expect(value.serializedString(htmlSafe: true) == #"{"x":"\u003c/script\u003e\u003cb\u003e\u0026\u2028"}"#)
    }

    @Test("numbers: integers plain, doubles shortest round-trip")
    func numbers() {
        let cases: [(JSONValue, String)] = [
            (0, "0"), (-7, "-7"), (.int(Int.max), "9223372036854775807"),
            (0.5, "0.5"), (2.0, "2"), (-0.0, "0"), (0.1, "0.1"), (.double(1.0 / 3.0), "0.3333333333333333"),
            (1e-7, "1e-7"), (1e21, "1e+21"), (123.456, "123.456"),
            (.double(.nan), "null"), (.double(.infinity), "null"),
        ]
        for (value, expected) in cases {
            #expect(value.serializedString() == expected, "\(value)")
        }
    }

    @Test("pretty form: two-space indent, sorted keys")
    func pretty() {
        let value: JSONValue = ["z": [1, 2], "a": ["c": true, "b": nil], "e": [], "o": [:]]
        #expect(value.serializedString(pretty: true) == """
        {
          "a": {
            "b": null,
            "c": true
          },
          "e": [],
          "o": {},
          "z": [
            1,
            2
          ]
        }
        """)
    }

    @Test("parser keeps Int vs Double and bool vs number")
    func parseTypes() throws {
        let value = try JSONValue(parsing: #"{"i":3,"d":3.0,"e":1e2,"t":true,"f":false,"one":1,"n":null,"big":123456789012345678901234567890}"#)
        #expect(value["i"] == .int(3))
        #expect(value["d"] == .double(3.0))
        #expect(value["e"] == .double(100))
        #expect(value["t"] == .bool(true))
        #expect(value["f"] == .bool(false))
        #expect(value["one"] == .int(1))
        #expect(value["n"] == .null)
        #expect(value["big"]?.doubleValue == 123456789012345678901234567890.0)
    }

    @Test("parser reads escapes and round-trips strings")
    func parseStrings() throws {
        let value = try JSONValue(parsing: #"["\u00e9\ud83e\udee2\n\"\/\\", "plain"]"#)
        #expect(value[0] == .string("é🫢\n\"/\\"))
        let original: JSONValue = ["s": "\u{0}\u{1F}\"\\/</script>é🫒\u{2028}", "a": [1, 2.5, true, nil, [:]]]
        #expect(try JSONValue(parsing: original.serialized()) == original)
        #expect(try JSONValue(parsing: original.serialized(pretty: true)) == original)
        #expect(try JSONValue(parsing: original.serialized(htmlSafe: true)) == original)
    }

    @Test("parser refuses invalid text", arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "tru", "\"abc", "{\"a\":1}x",
        "{\"a\":1,\"a\":2}", "\"\\ud800\"", "\"\\x\"", "\"a\u{01}b\"", "\u{FEFF}{}", "NaN", "{a:1}",
    ])
    func parseRejects(_ text: String) {
        guard case .invalidJSON(let reason)? = credentialError({ try JSONValue(parsing: text) }) else {
            Issue.record("expected invalidJSON for \(text.debugDescription)")
            return
        }
        #expect(reason.hasPrefix("at byte "))
    }

    @Test("parser refuses invalid UTF-8 and absurd nesting")
    func parseRejectsBytes() {
        #expect(credentialError { try JSONValue(parsing: Data([0x22, 0xC3, 0x28, 0x22])) } != nil)
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(credentialError { try JSONValue(parsing: deep) } != nil)
    }

    @Test("subscripts, accessors and Codable bridge")
    func accessors() throws {
        var value: JSONValue = ["name": "Oliveto", "list": [1, 2]]
        value["year"] = 2026
        value["name"] = nil
        #expect(value["name"] == nil)
        #expect(value["year"]?.intValue == 2026)
        #expect(value["list"]?[1]?.intValue == 2)
        #expect(value["list"]?[5] == nil)
        #expect(value["missing"]?.stringValue == nil)

        struct Record: Encodable { let name: String; let weight: Double; let organic: Bool }
        let bridged = try JSONValue(encoding: Record(name: "Olio", weight: 0.75, organic: true))
        #expect(bridged == ["name": "Olio", "weight": 0.75, "organic": true])
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"a":[true,1,1.5,"x",null]}"#.utf8))
        #expect(decoded == ["a": [true, 1, 1.5, "x", nil]])
    }
}
