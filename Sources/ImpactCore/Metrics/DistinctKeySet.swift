/// A distinct count's keys (`DistinctKeyTable`) and, per key, the periods and the
/// groups it was met in (`DistinctGroups`): what a metric's own distinct count and
/// each shard of a table shared by the parts of a file (`SharedDistinctKeys`) hold.
///
/// Keys go in by batches: the batch's home slots, then the masks of the keys found
/// there, are read first, side by side (`DistinctKeyTable.warm`), so that one key's
/// cache misses overlap the next's; then the keys go in in order, finding them in cache.
struct DistinctKeySet: Sendable {
    /// A key waiting in a batch: its packed words (a long key kept in the batch's
    /// `LongKeys`), its hash, and its period (from the metric's period base) and
    /// group, `Int.min` when none.
    struct Key: Sendable {
        var key: PackedKey
        var hash: UInt64
        var period: Int
        var group: Int
    }

    var keys = DistinctKeyTable()
    var periods = DistinctGroups()
    var groups = DistinctGroups()
    /// What the warming reads gave, kept so that they are not optimized away.
    private var warmed: UInt64 = 0

    /// Adds `batch` (its long keys kept in `long`); returns how many keys were new.
    @discardableResult
    mutating func insert(_ batch: [Key], long: LongKeys) -> Int {
        var kept: UInt64 = 0
        kept ^= keys.warm(batch.lazy.map { (key: $0.key, hash: $0.hash) }) { id in
            kept ^= groups.warm(key: id) ^ periods.warm(key: id)
        }
        warmed ^= kept
        var new = 0
        // Keys read in place (a `for` loop over the array copies each out).
        batch.withUnsafeBufferPointer { batch in
            for k in batch.indices {
                let (id, isNew) = keys.intern(batch[k].key, hash: batch[k].hash, long: long)
                if isNew { new += 1 }
                if batch[k].period != .min { periods.insert(group: batch[k].period, key: id) }
                if batch[k].group != .min { groups.insert(group: batch[k].group, key: id) }
            }
        }
        return new
    }

    /// Reads each key's home slot side by side before a run of `intern`s (a merge's).
    mutating func warm<Keys: Collection>(_ probes: Keys) where Keys.Element == (key: PackedKey, hash: UInt64) {
        warmed ^= keys.warm(probes) { _ in }
    }
}
