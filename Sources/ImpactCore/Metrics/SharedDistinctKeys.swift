#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mutex, for the little state the parts of a file read on several cores share.
final class Lock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = CacheLineMemory.allocate(pthread_mutex_t.self)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    @inline(__always)
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

/// The distinct keys of one `count_distinct` whose file is read on several
/// cores (a query's, or a run's metric over a split source), held once for all
/// the parts.
///
/// Each part keeping its own table would hold most keys twice (a person met in
/// both halves of the file) and then merge one table into the other on one
/// core. Here the keys are cut by hash into 64 shards, each a `DistinctKeySet` (a
/// key once, with the periods, from the metric's period base, and the groups, by
/// global group id, `SharedGroupIDs`, it was met in), behind its own lock. Parts hand keys over in batches per shard
/// (`SharedDistinctFeeder`, inside a distinct count's `Aggregator`), so a lock is
/// taken once per batch, and two parts rarely want the same shard at once.
final class SharedDistinctKeys: @unchecked Sendable {
    static let shardBits = 6
    static let shardCount = 1 << shardBits

    final class Shard {
        let lock = Lock()
        /// Behind a `let` pointer: touched for every key, and a class's stored `var`
        /// costs a dynamic exclusivity check at each access.
        let state = CacheLineMemory.holding(DistinctKeySet())

        deinit { CacheLineMemory.release(state) }
    }

    private let shards: [Shard] = (0..<SharedDistinctKeys.shardCount).map { _ in Shard() }

    /// The shard of a key, from its hash's top bits (the interner's slots use the low bits).
    @inline(__always)
    static func shard(of hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> UInt64(64 - shardBits)) }

    /// Adds a batch of keys of one shard (a long key kept in `long`), as
    /// `DistinctKeySet.insert` does, under the shard's lock.
    func insert(shard index: Int, _ batch: [DistinctKeySet.Key], long: LongKeys) {
        let shard = shards[index]
        let state = shard.state
        shard.lock.withLock { _ = state.pointee.insert(batch, long: long) }
    }

    /// Distinct keys in all.
    var count: Int { shards.reduce(0) { total, shard in total + shard.lock.withLock { shard.state.pointee.keys.count } } }

    /// Distinct keys per global group id (groups with none are absent).
    func groupCounts() -> [Int: Double] { summed { $0.groups.counts() } }

    /// Distinct keys per period (from the period base; periods with none are absent).
    func periodCounts() -> [Int: Double] { summed { $0.periods.counts() } }

    /// Per period, the keys first met in it.
    func firstPeriodCounts() -> [Int: Int] { summed { $0.periods.firstGroupCounts() } }

    /// A per-group tally of every shard, added up (a key lives in one shard only).
    private func summed<N: AdditiveArithmetic>(_ tally: (DistinctKeySet) -> [Int: N]) -> [Int: N] {
        var out: [Int: N] = [:]
        for shard in shards {
            for (group, n) in shard.lock.withLock({ tally(shard.state.pointee) }) { out[group, default: .zero] += n }
        }
        return out
    }
}

/// One part's way into `SharedDistinctKeys`: keys wait in a small batch per
/// shard and go in when the batch is full (and at `flush`).
struct SharedDistinctFeeder: Sendable {
    static let batchSize = 256
    let store: SharedDistinctKeys
    private var batches: [[DistinctKeySet.Key]] = Array(repeating: [], count: SharedDistinctKeys.shardCount)
    /// Per shard, the batch's long keys (`PackedKey.isLong`).
    private var long: [LongKeys] = Array(repeating: LongKeys(), count: SharedDistinctKeys.shardCount)

    init(store: SharedDistinctKeys) {
        self.store = store
    }

    /// True when keys wait in a batch.
    var hasPending: Bool { batches.contains { !$0.isEmpty } }

    /// `value`'s key, with its period and group (`Int.min`: none), into its shard's batch.
    @inline(__always)
    mutating func add(_ value: Value, period: Int, group: Int) {
        if value.isMissing { return }
        let (packed, hash) = DistinctKeyTable.key(of: value)
        let shard = SharedDistinctKeys.shard(of: hash)
        let key = packed ?? keepLong(value, hash: hash, shard: shard)
        batches[shard].append(DistinctKeySet.Key(key: key, hash: hash, period: period, group: group))
        if batches[shard].count >= Self.batchSize { hand(shard) }
    }

    /// A key that does not pack (long text, a number): kept beside its shard's batch.
    @inline(never)
    private mutating func keepLong(_ value: Value, hash: UInt64, shard: Int) -> PackedKey {
        long[shard].add(value, hash: hash)
    }

    private mutating func hand(_ shard: Int) {
        store.insert(shard: shard, batches[shard], long: long[shard])
        batches[shard].removeAll(keepingCapacity: true)
        if !long[shard].isEmpty { long[shard].removeAll() }
    }

    /// Hands over every key still waiting, and lets go of the batches' memory (about a
    /// megabyte: a part of a split read is done with it, and may wait for the others).
    mutating func flush() {
        for shard in batches.indices where !batches[shard].isEmpty { hand(shard) }
        batches = Array(repeating: [], count: SharedDistinctKeys.shardCount)
        long = Array(repeating: LongKeys(), count: SharedDistinctKeys.shardCount)
    }
}

/// Global ids for the groups of a breakdown whose parts are read on several
/// cores: each part numbers its groups in its own order of appearance; a
/// group's labels (`Breakdown.portableKey`) give it one id across parts.
final class GroupRegistry: @unchecked Sendable {
    private let lock = Lock()
    private var ids: [[Value]: Int] = [:]

    func id(for key: [Value]) -> Int {
        lock.withLock {
            if let id = ids[key] { return id }
            let id = ids.count
            ids[key] = id
            return id
        }
    }
}

/// One part's group ids and the ids of a registry shared by the parts of a file
/// read on several cores (a shared distinct count's keys are kept by the registry's
/// ids): a query's parts and a run's split source.
struct SharedGroupIDs: Sendable {
    let registry = GroupRegistry()
    /// This part's group id -> the registry's (local ids appear in order 0, 1, 2, ...).
    private var localToGlobal: [Int] = []
    /// The registry's id -> this engine's, after merges.
    private var globalToLocal: [Int: Int] = [:]

    /// The registry's id of `local` (registered on first sight).
    @inline(__always)
    mutating func global(_ local: Int, _ breakdown: Breakdown) -> Int {
        if local < localToGlobal.count { return localToGlobal[local] }
        return register(local, breakdown)
    }

    /// `global` for a group this part has not met before: out of line (once a group).
    @inline(never)
    private mutating func register(_ local: Int, _ breakdown: Breakdown) -> Int {
        while localToGlobal.count <= local {
            let next = localToGlobal.count
            let global = registry.id(for: breakdown.portableKey(next))
            localToGlobal.append(global)
            globalToLocal[global] = next
        }
        return localToGlobal[local]
    }

    /// Takes in the next part's ids, its local ids turned into this engine's by `groupMap`.
    mutating func adopt(_ other: SharedGroupIDs, groupMap: [Int]) {
        for (local, global) in other.localToGlobal.enumerated() { globalToLocal[global] = groupMap[local] }
    }

    /// Values by registry id -> by this engine's group id.
    func local(_ values: [Int: Double]) -> [Int: Double] {
        var out: [Int: Double] = [:]
        for (global, value) in values {
            if let local = globalToLocal[global] { out[local, default: 0] += value }
        }
        return out
    }
}
