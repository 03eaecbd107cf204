/// For a distinct count broken down by groups: which groups each distinct key
/// was seen in.
///
/// While every group id is from 0 to 63 (offices, sexes, age bands, the years
/// of a window: the usual breakdowns) this is one 64-bit mask per key, in key
/// order: 8 bytes a key, an OR per row, no hashing, and memory that stays small
/// at millions of keys. A group id outside 0...63 turns it into a set of packed
/// (group, key) pairs.
struct DistinctGroups: Sendable {
    private var masks: [UInt64] = []
    private var pairs: IntSet?

    /// True when no key was met in any group.
    var isEmpty: Bool { masks.isEmpty && (pairs?.count ?? 0) == 0 }

    @inline(__always)
    mutating func insert(group: Int, key: Int) {
        if pairs == nil && group >= 0 && group < 64 {
            if key >= masks.count { masks.append(contentsOf: repeatElement(0, count: key + 1 - masks.count)) }
            masks[key] |= 1 << UInt64(group)
            return
        }
        if pairs == nil { toPairs() }
        pairs?.insert(IntSet.pack(group, key))
    }

    private mutating func toPairs() {
        var set = IntSet(capacity: masks.count)
        for (key, mask) in masks.enumerated() {
            var m = mask
            while m != 0 {
                set.insert(IntSet.pack(m.trailingZeroBitCount, key))
                m &= m - 1
            }
        }
        masks = []
        pairs = set
    }

    /// Reads key `key`'s mask (see `ValueInterner.warm`); returns it only to keep the read.
    @inline(__always)
    func warm(key: Int) -> UInt64 {
        key >= 0 && key < masks.count ? masks[key] : 0
    }

    /// Every (group, key) pair, in no particular order.
    func forEach(_ body: (_ group: Int, _ key: Int) -> Void) {
        if let pairs {
            pairs.forEach { body(IntSet.unpackTag($0), IntSet.unpackID($0)) }
            return
        }
        for (key, mask) in masks.enumerated() {
            var m = mask
            while m != 0 {
                body(m.trailingZeroBitCount, key)
                m &= m - 1
            }
        }
    }

    /// How many keys have each group as their lowest (groups with none are absent):
    /// per period, the keys first met in it.
    func firstGroupCounts() -> [Int: Int] {
        var out: [Int: Int] = [:]
        if pairs != nil {
            var lowest: [Int: Int] = [:]
            forEach { group, key in
                if let known = lowest[key], known <= group { return }
                lowest[key] = group
            }
            for group in lowest.values { out[group, default: 0] += 1 }
            return out
        }
        var tally = [Int](repeating: 0, count: 64)
        for mask in masks where mask != 0 { tally[mask.trailingZeroBitCount] += 1 }
        for (group, n) in tally.enumerated() where n > 0 { out[group] = n }
        return out
    }

    /// Distinct keys per group (groups with none are absent).
    func counts() -> [Int: Double] {
        var out: [Int: Double] = [:]
        if pairs != nil {
            // Millions of pairs: tallied in an array by group (a dictionary update per pair
            // hashes each one), a dictionary only for groups outside 0..<4096.
            var dense: [Int] = []
            forEach { group, _ in
                if group >= 0 && group < 4096 {
                    if group >= dense.count { dense.append(contentsOf: repeatElement(0, count: group + 1 - dense.count)) }
                    dense[group] += 1
                } else {
                    out[group, default: 0] += 1
                }
            }
            for (group, n) in dense.enumerated() where n > 0 { out[group] = Double(n) }
            return out
        }
        var tally = [Int](repeating: 0, count: 64)
        for mask in masks {
            var m = mask
            while m != 0 {
                tally[m.trailingZeroBitCount] += 1
                m &= m - 1
            }
        }
        for (group, n) in tally.enumerated() where n > 0 { out[group] = Double(n) }
        return out
    }
}
