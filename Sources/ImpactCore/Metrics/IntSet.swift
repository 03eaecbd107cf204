/// A set of non-negative 64-bit keys (packed pairs such as period and key id),
/// with open addressing and a multiplicative hash: the hot path of distinct
/// counts inserts one per row, and `Set<Int>`'s per-hash seeding costs more than the work.
struct IntSet: Sendable {
    private static let empty = UInt64.max
    private var slots: [UInt64]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Self.empty, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func home(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Inserts `key` (not `UInt64.max`); true when it was new.
    @discardableResult
    mutating func insert(_ key: UInt64) -> Bool {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        var i = Self.home(key, mask)
        while true {
            let slot = slots[i]
            if slot == key { return false }
            if slot == Self.empty {
                slots[i] = key
                count += 1
                return true
            }
            i = (i + 1) & mask
        }
    }

    /// Makes room for `total` keys without growing on the way.
    mutating func reserve(_ total: Int) {
        while total * 4 > slots.count * 3 { grow() }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Self.empty, count: old.count * 2)
        mask = slots.count - 1
        count = 0
        for key in old where key != Self.empty { insert(key) }
    }

    /// Every key, in no particular order.
    func forEach(_ body: (UInt64) -> Void) {
        for key in slots where key != Self.empty { body(key) }
    }

    /// Packs a small tag (a period ordinal or a group id, below 2^23 in magnitude) and an id below 2^40.
    @inline(__always)
    static func pack(_ tag: Int, _ id: Int) -> UInt64 {
        (UInt64(bitPattern: Int64(tag + (1 << 23))) << 40) | UInt64(id)
    }

    @inline(__always)
    static func unpackTag(_ key: UInt64) -> Int { Int(key >> 40) - (1 << 23) }

    @inline(__always)
    static func unpackID(_ key: UInt64) -> Int { Int(key & ((1 << 40) - 1)) }
}

/// Accumulators indexed by a period ordinal, stored densely from the lowest ordinal seen.
struct OrdinalTable: Sendable {
    private var base = 0
    private var slots: [Accumulator] = []
    private var used: [Bool] = []

    @inline(__always)
    mutating func withSlot(_ ordinal: Int, _ body: (inout Accumulator) -> Void) {
        if slots.isEmpty {
            base = ordinal
            slots = [Accumulator()]
            used = [false]
        } else if ordinal < base {
            let extra = base - ordinal
            slots.insert(contentsOf: Array(repeating: Accumulator(), count: extra), at: 0)
            used.insert(contentsOf: Array(repeating: false, count: extra), at: 0)
            base = ordinal
        } else if ordinal - base >= slots.count {
            let extra = ordinal - base - slots.count + 1
            slots.append(contentsOf: Array(repeating: Accumulator(), count: extra))
            used.append(contentsOf: Array(repeating: false, count: extra))
        }
        used[ordinal - base] = true
        body(&slots[ordinal - base])
    }

    /// Adds another table's accumulators, ordinal by ordinal.
    mutating func merge(_ other: OrdinalTable) {
        for entry in other.entries { withSlot(entry.ordinal) { $0.merge(entry.acc) } }
    }

    /// (ordinal, accumulator) for each ordinal seen, in order.
    var entries: [(ordinal: Int, acc: Accumulator)] {
        slots.indices.filter { used[$0] }.map { (base + $0, slots[$0]) }
    }
}
