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
/// Distinct counts intern each key once (`ValueInterner`) and keep, per key, the
/// ordinal of the first period in which it appears (the earliest, whatever the
/// order of the rows), so a cumulative distinct count counts a key once. The
/// (period, key) and (group, key) pairs are packed into one integer each.
struct Aggregator: Sendable {
    let aggregate: Aggregate
    let slot: Int
    let keep: Bool
    let isDistinct: Bool

    private(set) var total = Accumulator()
    private var periods = OrdinalTable()
    private var groups: [Accumulator] = []

    private var keys = ValueInterner()
    /// Per key id, the first period and the last one inserted into `periodKeys`;
    /// kept only once a period is folded (a query has none), up to the last key seen with one.
    private var firstPeriod: [Int] = []
    private var lastPeriod: [Int] = []
    private var periodKeys = IntSet()
    private var groupKeys = DistinctGroups()

    init(_ aggregate: Aggregate, slot: Int?) {
        self.aggregate = aggregate
        self.slot = slot ?? -1
        if case .median = aggregate { keep = true } else { keep = false }
        if case .countDistinct = aggregate { isDistinct = true } else { isDistinct = false }
    }

    /// Folds one record that passed the filter and lies in the window.
    @inline(__always)
    mutating func fold(_ record: Record, period: Int?, group: Int?) {
        switch aggregate {
        case .count:
            total.n += 1
            if let period { periods.withSlot(period) { $0.n += 1 } }
            if let group { ensureGroup(group); groups[group].n += 1 }
        case .countDistinct:
            foldDistinct(record[slot], period: period, group: group)
        default:
            guard let x = record[slot].number else { return }
            total.add(x, keep: keep)
            if let period { periods.withSlot(period) { $0.add(x, keep: keep) } }
            if let group { ensureGroup(group); groups[group].add(x, keep: keep) }
        }
    }

    @inline(__always)
    private mutating func ensureGroup(_ group: Int) {
        while groups.count <= group { groups.append(Accumulator()) }
    }

    private mutating func foldDistinct(_ value: Value, period: Int?, group: Int?) {
        if value.isMissing { return }
        let (id, isNew) = keys.intern(value)
        if isNew { total.n += 1 }
        if let period {
            if id >= firstPeriod.count { growPeriodState(to: keys.count) }
            if lastPeriod[id] != period {
                lastPeriod[id] = period
                if period < firstPeriod[id] { firstPeriod[id] = period }
                periodKeys.insert(IntSet.pack(period, id))
            }
        }
        if let group { groupKeys.insert(group: group, key: id) }
    }

    private mutating func growPeriodState(to count: Int) {
        let extra = count - firstPeriod.count
        guard extra > 0 else { return }
        firstPeriod.append(contentsOf: repeatElement(Int.max, count: extra))
        lastPeriod.append(contentsOf: repeatElement(Int.min, count: extra))
    }

    /// Takes in another aggregator of the same aggregate that folded other rows.
    /// `groupMap` turns the other's group ids into this one's (see `Breakdown.merge`).
    /// Counts, distinct counts and first periods come out as if one aggregator had
    /// folded all the rows; a sum of fractions may differ in its last bits.
    mutating func merge(_ other: Aggregator, groupMap: [Int]) {
        if isDistinct {
            keys.reserve(keys.count + other.keys.count)
            periodKeys.reserve(periodKeys.count + other.periodKeys.count)
            var keyMap = Array(repeating: 0, count: other.keys.count)
            for (theirs, value) in other.keys.values.enumerated() {
                let (id, isNew) = keys.intern(value)
                if isNew { total.n += 1 }
                keyMap[theirs] = id
                if theirs < other.firstPeriod.count {
                    if id >= firstPeriod.count { growPeriodState(to: keys.count) }
                    if other.firstPeriod[theirs] < firstPeriod[id] { firstPeriod[id] = other.firstPeriod[theirs] }
                }
            }
            other.periodKeys.forEach { periodKeys.insert(IntSet.pack(IntSet.unpackTag($0), keyMap[IntSet.unpackID($0)])) }
            other.groupKeys.forEach { group, key in groupKeys.insert(group: groupMap[group], key: keyMap[key]) }
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
        case .median:
            guard acc.n > 0 else { return nil }
            let sorted = acc.values.sorted()
            let mid = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        }
    }

    var totalValue: Double? { value(of: total) }

    /// (ordinal, value) per period with records, in period order.
    func periodValues() -> [(ordinal: Int, value: Double)] {
        if isDistinct {
            let counts = periodKeys.countsByTag()
            return counts.keys.sorted().map { ($0, Double(counts[$0] ?? 0)) }
        }
        return periods.entries.compactMap { entry in value(of: entry.acc).map { (entry.ordinal, $0) } }
    }

    /// Running totals per period: for a distinct count each key counts once, in its first period.
    func cumulativeValues() -> [(ordinal: Int, value: Double)] {
        if isDistinct {
            var firsts: [Int: Int] = [:]
            let seen = firstPeriod.lazy.filter { $0 != Int.max }
            if let low = seen.min(), let high = seen.max(), high - low < 1 << 20 {
                var tally = [Int](repeating: 0, count: high - low + 1)
                for ordinal in seen { tally[ordinal - low] += 1 }
                for (offset, n) in tally.enumerated() where n > 0 { firsts[low + offset] = n }
            } else {
                for ordinal in seen { firsts[ordinal, default: 0] += 1 }
            }
            var running = 0
            return periodValues().map { point in
                running += firsts[point.ordinal] ?? 0
                return (point.ordinal, Double(running))
            }
        }
        guard aggregate.isAdditive else { return [] }
        var running = 0.0
        return periodValues().map { point in
            running += point.value
            return (point.ordinal, running)
        }
    }

    /// Value per group id that has one (a group none of whose rows had a value is absent).
    func groupValues() -> [Int: Double] {
        var out: [Int: Double] = [:]
        if isDistinct { return groupKeys.counts() }
        for (group, acc) in groups.enumerated() where acc.n > 0 {
            if let v = value(of: acc) { out[group] = v }
        }
        return out
    }
}
