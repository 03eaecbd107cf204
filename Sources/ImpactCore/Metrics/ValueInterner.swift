/// Gives each distinct `Value` a dense id (0, 1, 2, ... in order of first
/// appearance) and keeps the values: a breakdown's keys, turned back into
/// labels at the end (distinct counts keep their keys in a `DistinctKeyTable`).
///
/// Open addressing with each slot's hash kept beside its id, so a probe
/// compares a 64-bit hash before it touches a value; text is hashed straight
/// from its UTF-8 bytes with a multiplicative hash instead of the seeded
/// `Hasher` (which costs more than the rest of a row's work). The table grows
/// by doubling at 3/4 full.
struct ValueInterner: Sendable {
    /// The values by id.
    private(set) var values: [Value] = []
    /// Each value's `hash`, by id: growing needs no text hashed again.
    private var hashes: [UInt64] = []
    /// One word a slot: the hash's high 32 bits, then id + 1 (0: empty). One
    /// cache line read per probe; the value itself is compared only when the hashes agree.
    private var slots: [UInt64]
    private var mask: Int
    /// The last value looked up and its id: breakdown keys repeat row after row.
    private var lastHash: UInt64 = 0
    private var lastID = -1

    init(capacity: Int = 8) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { values.count }

    @inline(__always)
    private static func tag(_ hash: UInt64) -> UInt64 { hash & 0xFFFF_FFFF_0000_0000 }

    /// Whether key `id` is `value`, compared where it lies (reading `values[id]` copies it).
    @inline(__always)
    private func holds(_ id: Int, _ value: Value) -> Bool {
        values.withUnsafeBufferPointer { $0[id] == value }
    }

    /// The id of `value`, adding it when new (`isNew` says which).
    @inline(__always)
    mutating func intern(_ value: Value) -> (id: Int, isNew: Bool) {
        // The value of the row before, again (a breakdown's office, row after row):
        // one comparison instead of hashing its text.
        if lastID >= 0 && holds(lastID, value) { return (lastID, false) }
        return intern(value, hash: Self.hash(value))
    }

    /// As `intern(_:)`, with the value's `hash(_:)` already computed.
    @inline(__always)
    mutating func intern(_ value: Value, hash: UInt64) -> (id: Int, isNew: Bool) {
        if lastID >= 0 && hash == lastHash && holds(lastID, value) { return (lastID, false) }
        let tag = Self.tag(hash)
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { break }
            if slot & 0xFFFF_FFFF_0000_0000 == tag {
                let id = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                if holds(id, value) {
                    lastHash = hash
                    lastID = id
                    return (id, false)
                }
            }
            i = (i + 1) & mask
        }
        let id = values.count
        values.append(value)
        hashes.append(hash)
        slots[i] = tag | UInt64(id + 1)
        lastHash = hash
        lastID = id
        if values.count * 4 > slots.count * 3 { grow() }
        return (id, true)
    }

    private mutating func grow() {
        let size = slots.count * 2
        var grown = Array(repeating: UInt64(0), count: size)
        let newMask = size - 1
        for id in values.indices {
            let hash = hashes[id]
            var i = Int(truncatingIfNeeded: hash) & newMask
            while grown[i] != 0 { i = (i + 1) & newMask }
            grown[i] = Self.tag(hash) | UInt64(id + 1)
        }
        slots = grown
        mask = newMask
    }

    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var h = x &* multiplier
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }

    /// A hash of the value: text by its UTF-8 bytes, numbers and dates by their
    /// bits (each case tagged), anything else through `Hasher`.
    @inline(__always)
    static func hash(_ value: Value) -> UInt64 {
        switch value {
        case .text(let text):
            var text = text
            return text.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
        case .integer(let n): return mix(UInt64(bitPattern: Int64(n)) ^ 0x1111)
        case .date(let day): return mix(UInt64(bitPattern: Int64(day.daysSinceEpoch)) ^ 0x2222)
        case .missing: return mix(0x3333)
        default: return mix(UInt64(bitPattern: Int64(value.hashValue)))
        }
    }

    @inline(__always)
    static func bytes(_ buffer: UnsafeRawBufferPointer) -> UInt64 {
        guard let base = buffer.baseAddress else { return mix(0x4444) }
        let n = buffer.count
        var h = UInt64(n) &* multiplier
        var i = 0
        while i + 8 <= n {
            h = (h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* multiplier
            h ^= h >> 31
            i += 8
        }
        if i < n {
            // The last 1 to 7 bytes as one little-endian word, in at most three loads.
            h = (h ^ (base + i).loadShortWord(count: n - i)) &* multiplier
        }
        return mix(h)
    }
}
