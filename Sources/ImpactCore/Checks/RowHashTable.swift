/// The first line of each row hash, for the `duplicate` check: open addressing
/// over two flat arrays (12 bytes a slot), probed with a multiplicative hash
/// of the row hash, instead of a `Dictionary` whose seeded `Hasher` costs more
/// per row than the rest of the check. A probe reads the hashes only (hash 0
/// marks an empty slot; a row hash of 0 is kept as 1), so a new row costs one
/// cache miss, not two; a slot's line is read when its hash matches. Grows by
/// doubling at 3/4 full.
struct RowHashTable: Sendable {
    /// The row hash per slot; 0: empty.
    private var hashes: [UInt64]
    /// The first line per slot.
    private var lines: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        hashes = Array(repeating: 0, count: size)
        lines = Array(repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func home(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The line first recorded for `hash`; when there is none, records `line` and returns nil.
    @inline(__always)
    mutating func firstLine(of hash: UInt64, elseRecord line: Int) -> Int32? {
        if (count + 1) * 4 > hashes.count * 3 { grow() }
        let hash = hash == 0 ? 1 : hash
        var i = Self.home(hash, mask)
        while true {
            let there = hashes[i]
            if there == 0 {
                hashes[i] = hash
                lines[i] = max(1, Int32(clamping: line))
                count += 1
                return nil
            }
            if there == hash { return lines[i] }
            i = (i + 1) & mask
        }
    }

    /// Whether some row hash is in both tables.
    func overlaps(_ other: RowHashTable) -> Bool {
        let (small, large) = count <= other.count ? (self, other) : (other, self)
        for k in small.hashes.indices where small.hashes[k] != 0 && large.line(of: small.hashes[k]) != nil {
            return true
        }
        return false
    }

    /// The line recorded for `hash`, if any.
    func line(of hash: UInt64) -> Int32? {
        let hash = hash == 0 ? 1 : hash
        var i = Self.home(hash, mask)
        while hashes[i] != 0 {
            if hashes[i] == hash { return lines[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    private mutating func grow() {
        let (oldHashes, oldLines) = (hashes, lines)
        let size = hashes.count * 2
        hashes = Array(repeating: 0, count: size)
        lines = Array(repeating: 0, count: size)
        mask = size - 1
        for k in oldHashes.indices where oldHashes[k] != 0 {
            var i = Self.home(oldHashes[k], mask)
            while hashes[i] != 0 { i = (i + 1) & mask }
            hashes[i] = oldHashes[k]
            lines[i] = oldLines[k]
        }
    }
}
