/// A row or column of a QR symbol as 64, 128 or 192 bits, for the bit-parallel mask penalty.
///
/// Bit `p` of a line is module `p - 4`: four light padding bits sit on each side, so patterns
/// that touch the symbol's edge see the light quiet zone, as ISO/IEC 18004 §7.8.3 intends.
protocol BitLine {
    static var wordCount: Int { get }
    init(_ words: UnsafePointer<UInt64>)
    /// A line with the bits in `lower..<upper` set.
    init(bitsFrom lower: Int, to upper: Int)
    static func & (a: Self, b: Self) -> Self
    static func | (a: Self, b: Self) -> Self
    static func ^ (a: Self, b: Self) -> Self
    static prefix func ~ (a: Self) -> Self
    /// `result[p] = self[p + s]` for 1 ≤ s < 64; zeros come in at the top.
    func down(_ s: Int) -> Self
    /// `result[p] = self[p - s]` for 1 ≤ s < 64; zeros come in at the bottom.
    func up(_ s: Int) -> Self
    /// Number of set bits.
    var ones: Int { get }
}

/// The part of `lower..<upper` that falls into word `k`, as a bit mask.
@inline(__always)
func rangeWord(_ k: Int, _ lower: Int, _ upper: Int) -> UInt64 {
    let start = max(lower - 64 * k, 0)
    let end = min(upper - 64 * k, 64)
    guard end > start else { return 0 }
    let width = end - start
    let bits: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
    return bits << UInt64(start)
}

struct Line1: BitLine {
    var w0: UInt64
    static var wordCount: Int { 1 }
    init(w0: UInt64) { self.w0 = w0 }
    init(_ words: UnsafePointer<UInt64>) { w0 = words[0] }
    init(bitsFrom lower: Int, to upper: Int) { w0 = rangeWord(0, lower, upper) }
    @inline(__always) static func & (a: Self, b: Self) -> Self { Self(w0: a.w0 & b.w0) }
    @inline(__always) static func | (a: Self, b: Self) -> Self { Self(w0: a.w0 | b.w0) }
    @inline(__always) static func ^ (a: Self, b: Self) -> Self { Self(w0: a.w0 ^ b.w0) }
    @inline(__always) static prefix func ~ (a: Self) -> Self { Self(w0: ~a.w0) }
    @inline(__always) func down(_ s: Int) -> Self { Self(w0: w0 >> UInt64(s)) }
    @inline(__always) func up(_ s: Int) -> Self { Self(w0: w0 << UInt64(s)) }
    @inline(__always) var ones: Int { w0.nonzeroBitCount }
}

struct Line2: BitLine {
    var w0: UInt64, w1: UInt64
    static var wordCount: Int { 2 }
    init(w0: UInt64, w1: UInt64) { self.w0 = w0; self.w1 = w1 }
    init(_ words: UnsafePointer<UInt64>) { w0 = words[0]; w1 = words[1] }
    init(bitsFrom lower: Int, to upper: Int) {
        w0 = rangeWord(0, lower, upper); w1 = rangeWord(1, lower, upper)
    }
    @inline(__always) static func & (a: Self, b: Self) -> Self { Self(w0: a.w0 & b.w0, w1: a.w1 & b.w1) }
    @inline(__always) static func | (a: Self, b: Self) -> Self { Self(w0: a.w0 | b.w0, w1: a.w1 | b.w1) }
    @inline(__always) static func ^ (a: Self, b: Self) -> Self { Self(w0: a.w0 ^ b.w0, w1: a.w1 ^ b.w1) }
    @inline(__always) static prefix func ~ (a: Self) -> Self { Self(w0: ~a.w0, w1: ~a.w1) }
    @inline(__always) func down(_ s: Int) -> Self {
        let s = UInt64(s)
        return Self(w0: (w0 >> s) | (w1 << (64 - s)), w1: w1 >> s)
    }
    @inline(__always) func up(_ s: Int) -> Self {
        let s = UInt64(s)
        return Self(w0: w0 << s, w1: (w1 << s) | (w0 >> (64 - s)))
    }
    @inline(__always) var ones: Int { w0.nonzeroBitCount + w1.nonzeroBitCount }
}

struct Line3: BitLine {
    var w0: UInt64, w1: UInt64, w2: UInt64
    static var wordCount: Int { 3 }
    init(w0: UInt64, w1: UInt64, w2: UInt64) { self.w0 = w0; self.w1 = w1; self.w2 = w2 }
    init(_ words: UnsafePointer<UInt64>) { w0 = words[0]; w1 = words[1]; w2 = words[2] }
    init(bitsFrom lower: Int, to upper: Int) {
        w0 = rangeWord(0, lower, upper); w1 = rangeWord(1, lower, upper); w2 = rangeWord(2, lower, upper)
    }
    @inline(__always) static func & (a: Self, b: Self) -> Self {
        Self(w0: a.w0 & b.w0, w1: a.w1 & b.w1, w2: a.w2 & b.w2)
    }
    @inline(__always) static func | (a: Self, b: Self) -> Self {
        Self(w0: a.w0 | b.w0, w1: a.w1 | b.w1, w2: a.w2 | b.w2)
    }
    @inline(__always) static func ^ (a: Self, b: Self) -> Self {
        Self(w0: a.w0 ^ b.w0, w1: a.w1 ^ b.w1, w2: a.w2 ^ b.w2)
    }
    @inline(__always) static prefix func ~ (a: Self) -> Self { Self(w0: ~a.w0, w1: ~a.w1, w2: ~a.w2) }
    @inline(__always) func down(_ s: Int) -> Self {
        let s = UInt64(s)
        return Self(w0: (w0 >> s) | (w1 << (64 - s)), w1: (w1 >> s) | (w2 << (64 - s)), w2: w2 >> s)
    }
    @inline(__always) func up(_ s: Int) -> Self {
        let s = UInt64(s)
        return Self(w0: w0 << s, w1: (w1 << s) | (w0 >> (64 - s)), w2: (w2 << s) | (w1 >> (64 - s)))
    }
    @inline(__always) var ones: Int { w0.nonzeroBitCount + w1.nonzeroBitCount + w2.nonzeroBitCount }
}
