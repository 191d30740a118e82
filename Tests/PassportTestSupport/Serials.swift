/// Serial `number` as printed on the example's labels: zero-padded to `digits` digits.
public func serialText(_ number: Int, digits: Int = 6) -> String {
    let text = String(number)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
}
