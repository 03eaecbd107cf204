/// The keys of a distinct count with a dense id each (0, 1, 2, ... in order
/// of first appearance), held in their slots as `PackedKey`s.
///
/// Open addressing, one slot of three words: the key's two words and id + 1
/// (0: empty). A key that packs is found by reading its slot alone, where a
/// `ValueInterner` reads its slot and then the value by id elsewhere: at
/// millions of keys, one cache miss a key instead of two. A long key
/// (`PackedKey.isLong`, the top half of its hash in its `w1`) is kept in `long`
/// (text as bytes: no `String` per key) and compared there when the hashes
/// agree. The table grows by doubling at 3/4 full; a key's hash is computed
/// again from its words (or its long value) when it does. Distinct counts of
/// every kind keep their keys here: a run's metrics and a query's
/// (`Aggregator`), and the table the parts of a split file share
/// (`SharedDistinctKeys`).
struct DistinctKeyTable: Sendable {
    struct Slot: Sendable {
        var w0: UInt64 = 0
        var w1: UInt64 = 0
        var idPlusOne: UInt64 = 0
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0
    /// The long keys' texts and values (where their slot's `w0` says).
    private var long = LongKeys()

    init(capacity: Int = 8) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
    }

    /// The hash a key was filed under: its words', or a long key's value's.
    @inline(__always)
    static func hash(_ key: PackedKey, long: LongKeys) -> UInt64 {
        key.isLong ? long.hash(key) : key.hash
    }

    /// The key of `value` and its hash; for a value that does not pack, nil and the
    /// value's hash: the caller keeps the value beside its keys (`LongKeys.add`).
    @inline(__always)
    static func key(of value: Value) -> (key: PackedKey?, hash: UInt64) {
        if let key = PackedKey(value) { return (key, key.hash) }
        return (nil, longHash(value))
    }

    @inline(never)
    private static func longHash(_ value: Value) -> UInt64 { ValueInterner.hash(value) }

    /// The id of `key` (with `hash`, from `key(of:)`), adding it when new. A long
    /// key is kept in `store`, the caller's (a batch's).
    @inline(__always)
    mutating func intern(_ key: PackedKey, hash: UInt64, long store: LongKeys) -> (id: Int, isNew: Bool) {
        if key.isLong { return intern(long: key, hash: hash, from: store) }
        var i = Int(truncatingIfNeeded: hash) & mask
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            while true {
                let slot = slots[i]
                if slot.idPlusOne == 0 { return nil }
                if slot.w0 == key.w0 && slot.w1 == key.w1 { return Int(truncatingIfNeeded: slot.idPlusOne) - 1 }
                i = (i + 1) & mask
            }
        }
        if let found { return (found, false) }
        return (add(key, at: i), true)
    }

    /// `intern` of a long key kept in `store`: compared where the hashes' top halves agree.
    @inline(never)
    private mutating func intern(long key: PackedKey, hash: UInt64, from store: LongKeys) -> (id: Int, isNew: Bool) {
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i].idPlusOne != 0 {
            let slot = slots[i]
            if slot.w1 == key.w1 && long.same(PackedKey(w0: slot.w0, w1: slot.w1), as: key, in: store) {
                return (Int(truncatingIfNeeded: slot.idPlusOne) - 1, false)
            }
            i = (i + 1) & mask
        }
        return (add(long.adopt(key, from: store), at: i), true)
    }

    /// Every key, by id, as the table holds it (a long key's value in `long`).
    var keysByID: [PackedKey] {
        var out = [PackedKey](repeating: PackedKey(w0: 0, w1: 0), count: count)
        for slot in slots where slot.idPlusOne != 0 {
            out[Int(truncatingIfNeeded: slot.idPlusOne) - 1] = PackedKey(w0: slot.w0, w1: slot.w1)
        }
        return out
    }

    /// Where the long keys of `keysByID` are kept.
    var longKeys: LongKeys { long }

    /// Files a new key (a long one already kept in `long`) in empty slot `i`:
    /// out of line (once a key).
    @inline(never)
    private mutating func add(_ key: PackedKey, at i: Int) -> Int {
        let id = count
        slots[i] = Slot(w0: key.w0, w1: key.w1, idPlusOne: UInt64(id + 1))
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
            for probe in keys { kept ^= slots[Int(truncatingIfNeeded: probe.hash) & mask].idPlusOne }
            for probe in keys {
                let slot = slots[Int(truncatingIfNeeded: probe.hash) & mask]
                let home = slot.idPlusOne != 0 && slot.w0 == probe.key.w0 && slot.w1 == probe.key.w1 && !probe.key.isLong
                body(home ? Int(truncatingIfNeeded: slot.idPlusOne) - 1 : -1)
            }
        }
        return kept
    }

    /// Makes room for `total` keys without growing on the way (a merge knows how many may come).
    mutating func reserve(_ total: Int) {
        var size = slots.count
        while total * 4 > size * 3 { size <<= 1 }
        if size > slots.count { rebuild(size: size) }
    }

    private mutating func grow() { rebuild(size: slots.count * 2) }

    private mutating func rebuild(size: Int) {
        var grown = Array(repeating: Slot(), count: size)
        let newMask = size - 1
        for slot in slots where slot.idPlusOne != 0 {
            let hash = Self.hash(PackedKey(w0: slot.w0, w1: slot.w1), long: long)
            var i = Int(truncatingIfNeeded: hash) & newMask
            while grown[i].idPlusOne != 0 { i = (i + 1) & newMask }
            grown[i] = slot
        }
        slots = grown
        mask = newMask
    }
}
