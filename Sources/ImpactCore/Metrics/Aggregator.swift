/// Running state of a numeric aggregate for one total, period or group.
struct Accumulator: Sendable {
    var n = 0
    var sum = 0.0
    var low = Double.infinity
    var high = -Double.infinity
    /// Kept only for a median.
    var values: [Double] = []

    @inline(__always)
    mutating func add(_ x: Double, keep: Bool) {
        n += 1
        sum += x
        if x < low { low = x }
        if x > high { high = x }
        if keep { values.append(x) }
    }

    /// Adds another accumulator's rows (a median's values are kept unsorted, so order does not matter).
    mutating func merge(_ other: Accumulator) {
        n += other.n
        sum += other.sum
        if other.low < low { low = other.low }
        if other.high > high { high = other.high }
        values += other.values
    }
}

/// Folds records into one aggregate: the total, per period (by ordinal) and
/// per group (by the breakdown's dense group id).
///
/// Distinct counts intern each key once (`DistinctKeyTable`) and keep, per key, the
/// periods and the groups it was met in (`DistinctGroups`: one 64-bit mask per
/// key while there are at most 64 of them, else packed pairs). Periods count
/// from `periodBase` (the window's first period), so a yearly series since 2000
/// is one mask per key; a cumulative distinct count counts a key once, in its
/// earliest period, whatever the order of the rows.
struct Aggregator: Sendable {
    let aggregate: Aggregate
    let slot: Int
    /// `days(A, B)`: B's slot (A's is `slot`); -1 for any other aggregate.
    let until: Int
    let keep: Bool
    let isDistinct: Bool
    /// What a row does, as a value with no payload: `aggregate` holds its field's name
    /// (a String), and switching over it per row copied it, a retain and a release.
    private var mode: Mode

    private enum Mode: UInt8, Sendable { case count, distinct, sharedDistinct, numeric, days }

    private(set) var total = Accumulator()
    private var periods = OrdinalTable()
    private var groups: [Accumulator] = []

    /// A distinct count's keys, and the periods and groups each was met in.
    private var distinct = DistinctKeySet()
    /// The period ordinal that is period 0 of `periodKeys`.
    let periodBase: Int

    /// A distinct count's keys not yet interned: they go in
    /// `batchSize` at a time, in order, after their slots and masks were read
    /// side by side (`DistinctKeyTable.warm`): one key's cache misses overlap the
    /// next's instead of following them. `flushPending()` interns the rest.
    private var pending: [DistinctKeySet.Key] = []
    /// The pending keys that do not pack (`PackedKey.isLong`).
    private var pendingLong = LongKeys()
    static let batchSize = 64


    /// A distinct count over the parts of a split source hands its keys to a table
    /// the parts share (`sharingKeys(_:)`) instead of keeping `keys`: group ids are
    /// then the shared registry's, and the merge has no keys to move.
    private var feeder: SharedDistinctFeeder?

    /// True when keys wait for `flushPending()`.
    var hasPending: Bool { !pending.isEmpty || (feeder?.hasPending ?? false) }

    /// True when this distinct count's keys live in a table shared with other parts.
    var sharesKeys: Bool { feeder != nil }

    /// This aggregator, before any record is folded, handing its keys to `store`
    /// (a distinct count only; any other aggregate is returned as it is).
    func sharingKeys(_ store: SharedDistinctKeys) -> Aggregator {
        guard isDistinct else { return self }
        var copy = self
        copy.feeder = SharedDistinctFeeder(store: store)
        copy.mode = .sharedDistinct
        return copy
    }

    init(_ aggregate: Aggregate, slot: Int?, until: Int? = nil, periodBase: Int = 0) {
        self.aggregate = aggregate
        self.slot = slot ?? -1
        self.until = until ?? -1
        self.periodBase = periodBase
        if case .median = aggregate { keep = true } else { keep = false }
        if case .countDistinct = aggregate { isDistinct = true } else { isDistinct = false }
        switch aggregate {
        case .count: mode = .count
        case .countDistinct: mode = .distinct
        default: mode = until == nil ? .numeric : .days
        }
    }

    /// Folds one record that passed the filter and lies in the window.
    @inline(__always)
    mutating func fold(_ record: Record, period: Int?, group: Int?) {
        switch mode {
        case .count:
            total.n += 1
            if let period { periods.withSlot(period) { $0.n += 1 } }
            if let group { ensureGroup(group); groups[group].n += 1 }
        case .distinct:
            foldDistinct(record[slot], period: period, group: group)
        case .sharedDistinct:
            feeder?.add(record[slot], period: period.map { $0 - periodBase } ?? .min, group: group ?? .min)
        case .numeric:
            guard let x = record[slot].number else { return }
            add(x, period: period, group: group)
        case .days:
            foldDays(record, period: period, group: group)
        }
    }

    /// The days from one date to the other; no value when either has none. Out of line: the
    /// other aggregates' fold stays as small as it was.
    @inline(never)
    private mutating func foldDays(_ record: Record, period: Int?, group: Int?) {
        guard case .date(let from) = record[slot], case .date(let to) = record[until] else { return }
        add(Double(Int(to.daysSinceEpoch) - Int(from.daysSinceEpoch)), period: period, group: group)
    }

    @inline(__always)
    private mutating func add(_ x: Double, period: Int?, group: Int?) {
        total.add(x, keep: keep)
        if let period { periods.withSlot(period) { $0.add(x, keep: keep) } }
        if let group { ensureGroup(group); groups[group].add(x, keep: keep) }
    }

    @inline(__always)
    private mutating func ensureGroup(_ group: Int) {
        if groups.count <= group { addGroups(through: group) }
    }

    /// Accumulators for groups up to `group`: out of line (once a group).
    @inline(never)
    private mutating func addGroups(through group: Int) {
        while groups.count <= group { groups.append(Accumulator()) }
    }

    private mutating func foldDistinct(_ value: Value, period: Int?, group: Int?) {
        if value.isMissing { return }
        let (packed, hash) = DistinctKeyTable.key(of: value)
        let key = packed ?? keepLong(value, hash: hash)
        pending.append(DistinctKeySet.Key(key: key, hash: hash, period: period.map { $0 - periodBase } ?? .min, group: group ?? .min))
        if pending.count >= Self.batchSize { flushPending() }
    }

    /// A pending key that does not pack (long text, a number): kept beside.
    @inline(never)
    private mutating func keepLong(_ value: Value, hash: UInt64) -> PackedKey {
        pendingLong.add(value, hash: hash)
    }

    /// Interns the keys waiting in `pending`, in the order they came.
    mutating func flushPending() {
        feeder?.flush()
        guard !pending.isEmpty else { return }
        total.n += distinct.insert(pending, long: pendingLong)
        pending.removeAll(keepingCapacity: true)
        if !pendingLong.isEmpty { pendingLong.removeAll() }
    }

    /// `merge(_:groupMap:)` from an aggregator that is the caller's to change: a
    /// distinct count with no group keys on either side keeps the larger key table
    /// (swapped in from `other`) and takes the smaller one's keys into it, the
    /// fewer keys to move. Distinct counts are sets, so the result is the same.
    mutating func merge(taking other: inout Aggregator, groupMap: [Int]) {
        flushPending()
        other.flushPending()
        if isDistinct, groupMap.isEmpty, periodBase == other.periodBase, other.distinct.keys.count > distinct.keys.count,
           distinct.groups.isEmpty, other.distinct.groups.isEmpty {
            swap(&distinct, &other.distinct)
            swap(&total, &other.total)
        }
        merge(other, groupMap: groupMap)
    }

    /// Takes in another aggregator of the same aggregate that folded other rows.
    /// `groupMap` turns the other's group ids into this one's (see `Breakdown.merge`).
    /// Counts, distinct counts and first periods come out as if one aggregator had
    /// folded all the rows; a sum of fractions may differ in its last bits.
    mutating func merge(_ other: Aggregator, groupMap: [Int]) {
        flushPending()
        if other.hasPending {
            var flushed = other
            flushed.flushPending()
            return merge(flushed, groupMap: groupMap)
        }
        // Both parts' keys are in the one shared table already.
        if sharesKeys && other.sharesKeys { return }
        if isDistinct {
            distinct.keys.reserve(distinct.keys.count + other.distinct.keys.count)
            let theirKeys = other.distinct.keys.keysByID
            let long = other.distinct.keys.longKeys
            let hashes = theirKeys.map { DistinctKeyTable.hash($0, long: long) }
            var keyMap = Array(repeating: 0, count: theirKeys.count)
            // In batches, their slots read side by side first (as `flushPending` does).
            var start = 0
            while start < theirKeys.count {
                let end = min(start + Self.batchSize, theirKeys.count)
                distinct.warm((start..<end).lazy.map { (key: theirKeys[$0], hash: hashes[$0]) })
                for theirs in start..<end {
                    let (id, isNew) = distinct.keys.intern(theirKeys[theirs], hash: hashes[theirs], long: long)
                    if isNew { total.n += 1 }
                    keyMap[theirs] = id
                }
                start = end
            }
            let shift = other.periodBase - periodBase
            other.distinct.periods.forEach { period, key in distinct.periods.insert(group: period + shift, key: keyMap[key]) }
            other.distinct.groups.forEach { group, key in distinct.groups.insert(group: groupMap[group], key: keyMap[key]) }
            return
        }
        total.merge(other.total)
        periods.merge(other.periods)
        for (theirs, acc) in other.groups.enumerated() where acc.n > 0 {
            let group = groupMap[theirs]
            ensureGroup(group)
            groups[group].merge(acc)
        }
    }

    /// The aggregate's value for an accumulator; nil when undefined (a mean of nothing).
    func value(of acc: Accumulator) -> Double? {
        switch aggregate {
        case .count, .countDistinct: return Double(acc.n)
        case .sum: return acc.sum
        case .min: return acc.n > 0 ? acc.low : nil
        case .max: return acc.n > 0 ? acc.high : nil
        case .mean: return acc.n > 0 ? acc.sum / Double(acc.n) : nil
        case .median: return acc.n > 0 ? acc.values.median() : nil
        }
    }

    var totalValue: Double? {
        if let store = feeder?.store { return Double(store.count) }
        return value(of: total)
    }

    /// (ordinal, value) per period with records, in period order.
    func periodValues() -> [(ordinal: Int, value: Double)] {
        if isDistinct {
            let counts = feeder?.store.periodCounts() ?? distinct.periods.counts()
            return counts.keys.sorted().map { (periodBase + $0, counts[$0] ?? 0) }
        }
        return periods.entries.compactMap { entry in value(of: entry.acc).map { (entry.ordinal, $0) } }
    }

    /// Running totals per period, from this aggregator's `periodValues()`: for a
    /// distinct count each key counts once, in its first period.
    func cumulativeValues(of periodValues: [(ordinal: Int, value: Double)]) -> [(ordinal: Int, value: Double)] {
        if isDistinct {
            var firsts: [Int: Int] = [:]
            for (period, n) in feeder?.store.firstPeriodCounts() ?? distinct.periods.firstGroupCounts() {
                firsts[periodBase + period] = n
            }
            var running = 0
            return periodValues.map { point in
                running += firsts[point.ordinal] ?? 0
                return (point.ordinal, Double(running))
            }
        }
        guard aggregate.isAdditive else { return [] }
        var running = 0.0
        return periodValues.map { point in
            running += point.value
            return (point.ordinal, running)
        }
    }

    /// Value per group id that has one (a group none of whose rows had a value is absent);
    /// with shared keys, by the shared registry's group ids.
    func groupValues() -> [Int: Double] {
        var out: [Int: Double] = [:]
        if isDistinct { return feeder?.store.groupCounts() ?? distinct.groups.counts() }
        for (group, acc) in groups.enumerated() where acc.n > 0 {
            if let v = value(of: acc) { out[group] = v }
        }
        return out
    }
}
