/// The GS1 check-digit and check-character algorithms.
enum CheckDigits {

    /// The GS1 mod-10 check digit for `digits` (the digits before the check digit).
    ///
    /// Weights alternate 3, 1, 3, … starting from the rightmost digit, the same for GTIN, SSCC,
    /// GLN, GSIN, GDTI, GCN and GSRN. Characters other than ASCII digits are skipped.
    static func mod10(of digits: some StringProtocol) -> Int {
        var sum = 0
        var weight = 3
        for scalar in digits.unicodeScalars.reversed() {
            guard scalar.value >= 0x30 && scalar.value <= 0x39 else { continue }
            sum += Int(scalar.value - 0x30) * weight
            weight = weight == 3 ? 1 : 3
        }
        return (10 - sum % 10) % 10
    }

    /// Checks that the last digit of `value` is the mod-10 check digit of the digits before it.
    static func verifyMod10(ai: String, value: String, component: Substring) throws(DigitalLinkError) {
        guard let last = component.last, let found = last.wholeNumberValue else { return }
        let expected = mod10(of: component.dropLast())
        if expected != found {
            throw .checkDigit(ai: ai, value: value, expected: expected, found: found)
        }
    }

    /// The 32 characters used for the alphanumeric check-character pair (no 0, 1, I or O).
    private static let cset32: [Character] = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")

    /// Prime weights, applied from the rightmost character leftwards.
    private static let primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59,
                                 61, 67, 71, 73, 79, 83, 89]

    /// The two GS1 check characters for `data` (set 82 characters without the pair), as used by
    /// the Global Model Number (8013); `nil` if `data` is too long or has a character outside set 82.
    static func checkCharacterPair(of data: some StringProtocol) -> String? {
        let scalars = Array(data.unicodeScalars)
        guard scalars.count <= primes.count else { return nil }
        var sum = 0
        for (offset, scalar) in scalars.reversed().enumerated() {
            guard let value = AICharacterSet.cset82Ordered.firstIndex(of: scalar) else { return nil }
            sum += value * primes[offset]
        }
        sum %= 1021
        return String([cset32[sum >> 5], cset32[sum & 31]])
    }

    /// Checks the trailing check-character pair of `component`.
    static func verifyCheckCharacters(ai: String, value: String, component: Substring) throws(DigitalLinkError) {
        guard component.count > 2 else {
            throw .invalidComponent(ai: ai, value: value,
                                    reason: "it needs at least one character followed by two check characters")
        }
        let found = String(component.suffix(2))
        guard let expected = checkCharacterPair(of: component.dropLast(2)) else {
            throw .invalidComponent(ai: ai, value: value, reason: "its check characters cannot be computed")
        }
        if expected != found {
            throw .checkCharacters(ai: ai, value: value, expected: expected, found: found)
        }
    }
}
