/// The keys of a distinct count with a dense id each (0, 1, 2, ... in order
/// of first appearance), held in their slots as `PackedKey`s.
///
/// Open addressing, one slot of three words: the key's two words and a third
/// with the hash's top 32 bits and id + 1 (0: empty). A key that packs is
/// found by reading its slot alone, where a `ValueInterner` reads its slot and
/// then the value by id elsewhere: at millions of keys, one cache miss a key
/// instead of two. A long key (`PackedKey.isLong`) is kept in `long` and
/// compared there. The table grows by doubling at 3/4 full; a key's hash is
/// computed again from its words (or its long value) when it does.
struct DistinctKeyTable: Sendable {
    struct Slot: Sendable {
        var w0: UInt64 = 0
        var w1: UInt64 = 0
        var meta: UInt64 = 0
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0
    /// Long keys, by the index in their slot's `w0`.
    private var long: [Value] = []

    init(capacity: Int = 8) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func tag(_ hash: UInt64) -> UInt64 { hash & 0xFFFF_FFFF_0000_0000 }

    /// The hash a key was filed under: its words', or a long key's value's.
    @inline(__always)
    static func hash(_ key: PackedKey, long: [Value]) -> UInt64 {
        key.isLong ? ValueInterner.hash(long[Int(truncatingIfNeeded: key.w0)]) : key.hash
    }

    /// The id of `key` (with `hash`, `PackedKey.hash` or for a long key its
    /// value's), adding it when new. A long key's value is `long[key.w0]`:
    /// `long` is the caller's table of long values, not this one's.
    @inline(__always)
    mutating func intern(_ key: PackedKey, hash: UInt64, long values: [Value]) -> (id: Int, isNew: Bool) {
        let meta = Self.tag(hash)
        var i = Int(truncatingIfNeeded: hash) & mask
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            while true {
                let slot = slots[i]
                if slot.meta == 0 { return nil }
                if slot.meta & 0xFFFF_FFFF_0000_0000 == meta && slot.w1 == key.w1 {
                    if key.isLong {
                        if long[Int(truncatingIfNeeded: slot.w0)] == values[Int(truncatingIfNeeded: key.w0)] {
                            return Int(truncatingIfNeeded: slot.meta & 0xFFFF_FFFF) - 1
                        }
                    } else if slot.w0 == key.w0 {
                        return Int(truncatingIfNeeded: slot.meta & 0xFFFF_FFFF) - 1
                    }
                }
                i = (i + 1) & mask
            }
        }
        if let found { return (found, false) }
        return (add(key, meta: meta, at: i, long: values), true)
    }

    /// Files a new key in empty slot `i`: out of line (once a key).
    @inline(never)
    private mutating func add(_ key: PackedKey, meta: UInt64, at i: Int, long values: [Value]) -> Int {
        let id = count
        var stored = key
        if key.isLong {
            stored = PackedKey(longAt: long.count)
            long.append(values[Int(truncatingIfNeeded: key.w0)])
        }
        slots[i] = Slot(w0: stored.w0, w1: stored.w1, meta: meta | UInt64(id + 1))
        count += 1
        if count * 4 > slots.count * 3 { grow() }
        return id
    }

    /// Reads the home slot of each hash, side by side (their cache misses overlap),
    /// so that `intern` of the same keys right after finds them in cache; `body` gets
    /// the id of each key found in its home slot, else -1, to warm what the caller
    /// keeps per id. Returns a number only to keep the reads.
    @inline(__always)
    func warm<Keys: Collection>(_ keys: Keys, _ body: (Int) -> Void) -> UInt64
    where Keys.Element == (key: PackedKey, hash: UInt64) {
        var kept: UInt64 = 0
        slots.withUnsafeBufferPointer { slots in
            for probe in keys { kept ^= slots[Int(truncatingIfNeeded: probe.hash) & mask].meta }
            for probe in keys {
                let slot = slots[Int(truncatingIfNeeded: probe.hash) & mask]
                let home = slot.meta != 0 && slot.meta & 0xFFFF_FFFF_0000_0000 == Self.tag(probe.hash)
                    && slot.w0 == probe.key.w0 && slot.w1 == probe.key.w1 && !probe.key.isLong
                body(home ? Int(truncatingIfNeeded: slot.meta & 0xFFFF_FFFF) - 1 : -1)
            }
        }
        return kept
    }

    private mutating func grow() {
        let size = slots.count * 2
        var grown = Array(repeating: Slot(), count: size)
        let newMask = size - 1
        for slot in slots where slot.meta != 0 {
            let hash = Self.hash(PackedKey(w0: slot.w0, w1: slot.w1), long: long)
            var i = Int(truncatingIfNeeded: hash) & newMask
            while grown[i].meta != 0 { i = (i + 1) & newMask }
            grown[i] = slot
        }
        slots = grown
        mask = newMask
    }
}
