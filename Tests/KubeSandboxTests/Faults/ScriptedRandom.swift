/// A random source for probability tests: replays the given values, then repeats the last one. `0` draws 0.0,
/// `UInt64.max` draws just under 1.0.
struct ScriptedRandom: RandomNumberGenerator {
    private var values: [UInt64]
    private(set) var draws = 0

    init(_ values: [UInt64]) {
        self.values = values
    }

    mutating func next() -> UInt64 {
        defer { draws += 1 }
        return values[min(draws, values.count - 1)]
    }
}

/// SplitMix64: a seeded source, so a long run of draws is the same on every machine.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
