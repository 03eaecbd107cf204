import Dispatch
import CPrefetch

/// The first line of each row hash, for the `duplicate` check: open addressing
/// over one flat array of 16-byte slots (the hash and its first line side by
/// side, so that a new row touches one cache line, not one in each of two
/// arrays), probed with a multiplicative hash of the row hash, instead of a
/// `Dictionary` whose seeded `Hasher` costs more per row than the rest of the
/// check. Hash 0 marks an empty slot (a row hash of 0 is kept as 1). Grows by
/// doubling at 3/4 full.
struct RowHashTable: Sendable {
    struct Slot {
        var hash: UInt64 = 0
        var line: Int32 = 0
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0
    /// Slots in the table.
    var capacity: Int { slots.count }

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
    }

    /// A table that holds `rows` hashes without growing: the size growth would reach.
    init(rows: Int) {
        var size = 16
        while rows * 4 > size * 3 { size <<= 1 }
        self.init(capacity: size / 2)
    }

    @inline(__always)
    private static func home(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Asks the processor to fetch `hash`'s home slot now, so that `firstLine(of:)` a
    /// little later finds it in cache (the work in between hides the memory's wait).
    /// (`mutating`, though it changes nothing: called on the table in place, through the
    /// validator's pointer, it does not copy the table out, a retain and a release a row.)
    @inline(__always)
    mutating func prefetch(_ hash: UInt64) {
        let i = Self.home(hash == 0 ? 1 : hash, mask)
        slots.withUnsafeMutableBufferPointer { impact_prefetch($0.baseAddress.map { UnsafeRawPointer($0 + i) }) }
    }

    /// The line first recorded for `hash`; when there is none, records `line` and returns nil.
    @inline(__always)
    mutating func firstLine(of hash: UInt64, elseRecord line: Int) -> Int32? {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let hash = hash == 0 ? 1 : hash
        var i = Self.home(hash, mask)
        return slots.withUnsafeMutableBufferPointer { slots in
            while true {
                let there = slots[i].hash
                if there == 0 {
                    slots[i] = Slot(hash: hash, line: max(1, Int32(clamping: line)))
                    count += 1
                    return nil
                }
                if there == hash { return slots[i].line }
                i = (i + 1) & mask
            }
        }
    }

    /// Whether some row hash is in both tables.
    /// Large tables (a split run's parts, at the cut, on one core while the other
    /// waits) are compared in two halves side by side.
    func overlaps(_ other: RowHashTable) -> Bool {
        let (small, large) = count <= other.count ? (self, other) : (other, self)
        @Sendable func overlap(_ range: Range<Int>) -> Bool {
            small.slots[range].contains { $0.hash != 0 && large.line(of: $0.hash) != nil }
        }
        guard small.count >= 1 << 16 else { return overlap(small.slots.indices) }
        let half = small.slots.count / 2
        let found = ResultSlots<Bool>(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            found.set(k, overlap(k == 0 ? 0..<half : half..<small.slots.count))
        }
        return found.values().contains(true)
    }

    /// The line recorded for `hash`, if any.
    func line(of hash: UInt64) -> Int32? {
        let hash = hash == 0 ? 1 : hash
        var i = Self.home(hash, mask)
        while slots[i].hash != 0 {
            if slots[i].hash == hash { return slots[i].line }
            i = (i + 1) & mask
        }
        return nil
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.hash != 0 {
            var i = Self.home(slot.hash, mask)
            while slots[i].hash != 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }
}
