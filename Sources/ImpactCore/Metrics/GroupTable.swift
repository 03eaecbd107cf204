/// A breakdown's groups by key: dense ids in order of first appearance, found
/// through open addressing with a multiplicative hash of the four key words
/// (a `Dictionary` runs the seeded `Hasher` for every row of every engine).
struct GroupTable: Sendable {
    /// The groups' keys, by id.
    private(set) var keys: [GroupKey] = []
    /// Per slot, the id + 1 of the group there (0: empty).
    private var slots: [Int32] = Array(repeating: 0, count: 64)
    private var mask = 63

    var count: Int { keys.count }

    @inline(__always)
    private static func home(_ key: GroupKey, _ mask: Int) -> Int {
        var h = UInt64(bitPattern: Int64(key.k0)) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ UInt64(bitPattern: Int64(key.k1))) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ UInt64(bitPattern: Int64(key.k2))) &* 0x94D0_49BB_1331_11EB
        h = (h ^ UInt64(bitPattern: Int64(key.k3))) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h >> 32) & mask
    }

    /// The id of `key`, or nil when it is not in the table.
    @inline(__always)
    func id(of key: GroupKey) -> Int? {
        var i = Self.home(key, mask)
        while true {
            let slot = Int(slots[i])
            if slot == 0 { return nil }
            if keys[slot - 1] == key { return slot - 1 }
            i = (i + 1) & mask
        }
    }

    /// Adds `key` (not in the table yet); returns its id.
    mutating func add(_ key: GroupKey) -> Int {
        let id = keys.count
        keys.append(key)
        if keys.count * 2 > slots.count { rebuild(size: slots.count * 2) } else { place(id) }
        return id
    }

    private mutating func place(_ id: Int) {
        var i = Self.home(keys[id], mask)
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = Int32(truncatingIfNeeded: id + 1)
    }

    private mutating func rebuild(size: Int) {
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        for id in keys.indices { place(id) }
    }
}
