/// The fraction of a pod's proxied answers that fail (annotation `sandbox.podchaosmonkey.io/error-rate`), held exactly
/// as written so that the failures are deterministic: answer `n` (0-based) fails when ⌊(n+1)·rate⌋ > ⌊n·rate⌋, so
/// exactly ⌊N·rate⌋ of the first N answers fail, spread evenly (0.25: the 4th, 8th, 12th…).
struct ErrorRate: Sendable, Hashable {
    /// The most decimals a rate may have.
    static let maxDecimals = 6

    /// The rate is `numerator / denominator`, a power of ten.
    let numerator: Int
    let denominator: Int

    /// A decimal fraction from 0 to 1: `0`, `1`, `0.25`, `1.0`; nil for anything else.
    init?(_ text: String) {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let decimals = parts.count > 1 ? parts[1] : ""
        let isDigits = { (part: Substring) in part.allSatisfy { $0.isASCII && $0.isNumber } }
        guard !whole.isEmpty, whole.count <= 1, isDigits(whole), isDigits(decimals), decimals.count <= Self.maxDecimals,
            parts.count == 1 || !decimals.isEmpty
        else { return nil }
        var denominator = 1
        for _ in decimals { denominator *= 10 }
        let numerator = (Int(whole) ?? 0) * denominator + (Int(decimals) ?? 0)
        guard numerator <= denominator else { return nil }
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Whether answer `n` (0-based, counted per pod) fails.
    func fails(answer n: Int) -> Bool {
        (n + 1) * numerator / denominator > n * numerator / denominator
    }
}
