import DigitalLink

/// Checks on single values that records share (codes, identifiers, ranges).
enum FieldRules {
    static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func isCountry(_ text: String) -> Bool {
        text.count == 2 && text.allSatisfy { $0.isASCII && $0.isUppercase }
    }

    static func isCurrency(_ text: String) -> Bool {
        text.count == 3 && text.allSatisfy { $0.isASCII && $0.isUppercase }
    }

    static func isSHA256Hex(_ text: String) -> Bool {
        text.count == 64 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64
            && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// UNTP 0.6.1 conformity topics.
    static let conformityTopics = [
        "environment.energy", "environment.emissions", "environment.water", "environment.waste",
        "environment.deforestation", "environment.biodiversity", "circularity.content",
        "circularity.design", "social.labour", "social.rights", "social.community", "social.safety",
        "governance.ethics", "governance.compliance", "governance.transparency",
    ]

    /// Units a net quantity may be written in.
    static let quantityUnits = ["ml", "cl", "l", "g", "kg", "mg", "m", "cm", "mm", "m2", "unit", "units", "pcs"]

    /// Checks a lot or serial: GS1 CSET 82, at most 20 characters. Returns the problem, if any.
    static func gs1TextProblem(_ text: String) -> (problem: String, fix: String)? {
        if text.count > 20 {
            return ("\(quoted(text)) is \(text.count) characters; GS1 allows at most 20",
                    "shorten it to 20 characters or fewer")
        }
        if !isGS1CSET82(text), let bad = text.first(where: { !isGS1CSET82(String($0)) }) {
            return ("\(quoted(text)) contains \(quoted(String(bad))), which GS1 codes cannot carry",
                    "use only letters A–Z a–z, digits and !\"%&'()*+,-./:;<=>?_ (no spaces)")
        }
        return nil
    }

    /// Validates a GTIN of 8, 12, 13 or 14 digits and returns it as 14 digits.
    static func gtinProblem(_ text: String) -> (problem: String, fix: String)? {
        guard isDigits(text), [8, 12, 13, 14].contains(text.count) else {
            return ("\(quoted(text)) is not a GTIN", "write the 8, 12, 13 or 14 digits printed under the barcode, in quotes")
        }
        let expected = GTIN.checkDigit(of: String(text.dropLast()))
        let actual = text.last?.wholeNumberValue ?? -1
        if expected != actual {
            return ("check digit of \(quoted(text)) should be \(expected), not \(actual)",
                    "correct the GTIN: `\(text.dropLast())\(expected)`, or check the digits before it")
        }
        return nil
    }

    /// Checks a GS1 Global Location Number: 13 digits with a valid check digit.
    static func glnProblem(_ text: String) -> (problem: String, fix: String)? {
        guard isDigits(text), text.count == 13 else {
            return ("`\(text)` is not a GLN", "write the 13 digits of your GS1 Global Location Number, in quotes, or leave `gln` out")
        }
        let expected = GTIN.checkDigit(of: String(text.dropLast()))
        guard text.last?.wholeNumberValue == expected else {
            return ("check digit of GLN `\(text)` should be \(expected)", "correct the GLN: `\(text.dropLast())\(expected)`")
        }
        return nil
    }

    /// Checks a classification code for its scheme; returns the problem and fix, if any.
    static func classCodeProblem(_ code: String, scheme: ProductClass.Scheme) -> (problem: String, fix: String)? {
        let lengths: [Int], example: String, what: String
        switch scheme {
        case .cpc: (lengths, example, what) = (Array(1...5), "21673", "a UN CPC code (1 to 5 digits)")
        case .gpc: (lengths, example, what) = ([8], "10000275", "a GS1 GPC brick (8 digits)")
        case .hs: (lengths, example, what) = ([4, 6, 8, 10], "150920", "an HS code (4, 6, 8 or 10 digits)")
        case .unspsc: (lengths, example, what) = ([8], "50151513", "a UNSPSC code (8 digits)")
        }
        guard isDigits(code), lengths.contains(code.count) else {
            return ("`\(code)` is not \(what)", "write the digits in quotes, without dots or spaces, e.g. `\(scheme.rawValue): \"\(example)\"`")
        }
        return nil
    }

    static func normalisedGTIN(_ text: String) -> String {
        String(repeating: "0", count: max(0, 14 - text.count)) + text
    }
}
