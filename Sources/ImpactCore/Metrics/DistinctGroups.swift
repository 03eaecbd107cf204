/// For a distinct count broken down by groups: which groups each distinct key
/// was seen in.
///
/// While every group id is from 0 to 63 (offices, sexes, age bands, the years
/// of a window: the usual breakdowns) this is one 64-bit mask per key, in key
/// order: 8 bytes a key, an OR per row, no hashing, and memory that stays small
/// at millions of keys. A group id outside 0...63 turns it into one word per key
/// holding up to four of its groups (16-bit lanes, group + 1, filled in order):
/// a person is met in one to a few groups of a year-by-office breakdown, so this
/// is still 8 bytes a key and one word read per row, where a set of packed
/// (group, key) pairs took about 13 bytes a pair and a hash probe at random. A
/// key's fifth group, and a group outside 0..<65535 (a period before the
/// window's first), go to such a set of pairs, `overflow`.
struct DistinctGroups: Sendable {
    private var masks: [UInt64] = []
    /// True once a group outside 0...63 was met: `lanes` and `overflow` hold the groups.
    private var laned = false
    private var lanes: [UInt64] = []
    private var overflow: IntSet?

    /// The largest group id a lane holds (lanes hold group + 1; 0 is an empty lane).
    private static let laneLimit = 0xFFFF - 1

    /// True when no key was met in any group.
    var isEmpty: Bool { masks.isEmpty && lanes.isEmpty && (overflow?.count ?? 0) == 0 }

    @inline(__always)
    mutating func insert(group: Int, key: Int) {
        if !laned {
            if group >= 0 && group < 64 {
                if key >= masks.count { masks.append(contentsOf: repeatElement(0, count: key + 1 - masks.count)) }
                masks[key] |= 1 << UInt64(group)
                return
            }
            toLanes()
        }
        insertLaned(group: group, key: key)
    }

    private mutating func insertLaned(group: Int, key: Int) {
        guard group >= 0 && group <= Self.laneLimit else { return insertOverflow(group: group, key: key) }
        if key >= lanes.count { lanes.append(contentsOf: repeatElement(0, count: key + 1 - lanes.count)) }
        let lane = UInt64(group + 1)
        let word = lanes[key]
        for k in 0..<4 {
            let shift = UInt64(16 * k)
            let there = (word >> shift) & 0xFFFF
            if there == lane { return }
            if there == 0 {
                lanes[key] = word | lane << shift
                return
            }
        }
        insertOverflow(group: group, key: key)
    }

    private mutating func insertOverflow(group: Int, key: Int) {
        if overflow == nil { overflow = IntSet() }
        overflow?.insert(IntSet.pack(group, key))
    }

    private mutating func toLanes() {
        let old = masks
        masks = []
        laned = true
        lanes.reserveCapacity(old.count)
        for (key, mask) in old.enumerated() {
            var m = mask
            while m != 0 {
                insertLaned(group: m.trailingZeroBitCount, key: key)
                m &= m - 1
            }
        }
    }

    /// The groups in a key's lanes (filled in order: the first empty lane ends them).
    @inline(__always)
    private static func forEachLane(_ word: UInt64, _ body: (Int) -> Void) {
        var w = word
        while w != 0 {
            body(Int(w & 0xFFFF) - 1)
            w >>= 16
        }
    }

    /// Reads key `key`'s word (see `DistinctKeyTable.warm`); returns it only to keep the read.
    @inline(__always)
    func warm(key: Int) -> UInt64 {
        if laned { return key >= 0 && key < lanes.count ? lanes[key] : 0 }
        return key >= 0 && key < masks.count ? masks[key] : 0
    }

    /// Every (group, key) pair, in no particular order.
    func forEach(_ body: (_ group: Int, _ key: Int) -> Void) {
        if laned {
            for (key, word) in lanes.enumerated() { Self.forEachLane(word) { body($0, key) } }
            overflow?.forEach { body(IntSet.unpackTag($0), IntSet.unpackID($0)) }
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
        if laned {
            // A key's lanes were filled in the order its groups came, so its lowest
            // group may be in any lane, or among its overflow pairs.
            var lowestOverflow: [Int: Int] = [:]
            overflow?.forEach { pair in
                let (group, key) = (IntSet.unpackTag(pair), IntSet.unpackID(pair))
                if let known = lowestOverflow[key], known <= group { return }
                lowestOverflow[key] = group
            }
            for (key, word) in lanes.enumerated() {
                var lowest = Int.max
                Self.forEachLane(word) { lowest = min(lowest, $0) }
                if let other = lowestOverflow.removeValue(forKey: key) { lowest = min(lowest, other) }
                if lowest != Int.max { out[lowest, default: 0] += 1 }
            }
            for group in lowestOverflow.values { out[group, default: 0] += 1 }
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
        if laned {
            // Millions of keys: tallied in an array by group (a dictionary update per pair
            // hashes each one), a dictionary only for groups outside 0..<65535.
            var dense = [Int](repeating: 0, count: 64)
            for word in lanes {
                Self.forEachLane(word) { group in
                    if group >= dense.count { dense.append(contentsOf: repeatElement(0, count: group + 1 - dense.count)) }
                    dense[group] += 1
                }
            }
            overflow?.forEach { pair in
                let group = IntSet.unpackTag(pair)
                if group >= 0 && group < dense.count { dense[group] += 1 } else { out[group, default: 0] += 1 }
            }
            for (group, n) in dense.enumerated() where n > 0 { out[group, default: 0] += Double(n) }
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
