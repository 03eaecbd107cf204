/// SplitMix64 (Steele, Lea and Flood, 2014): a small, fast pseudo-random generator
/// whose output depends only on its seed, on every platform and Swift version.
///
/// The generator never uses the system's random source, so that a seed names
/// one exact output, byte for byte.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator for `seed`; `stream` derives an independent sequence from the same seed.
    public init(seed: UInt64, stream: UInt64 = 0) {
        state = seed
        if stream != 0 {
            // Mix the stream number in through one round of the output function.
            var mixer = SplitMix64(seed: stream &* 0xD1B5_4A32_D192_ED03)
            state ^= mixer.next()
        }
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (multiply-high reduction; `bound` must be positive).
    public mutating func below(_ bound: Int) -> Int {
        Int(UInt64(bound).multipliedFullWidth(by: next()).high)
    }

    /// True with probability `percent` / 100.
    public mutating func percent(_ percent: Int) -> Bool {
        below(100) < percent
    }
}
