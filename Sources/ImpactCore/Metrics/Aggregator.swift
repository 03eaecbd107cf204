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
}

/// A distinct key in one period or one group (interned key id, never a String per row).
struct TaggedKey: Hashable, Sendable {
    var tag: Int
    var group: GroupKey
    var key: Int
}

/// Folds records into one aggregate: the total, per period (by ordinal) and per group.
///
/// Distinct counts intern each key once (`[Value: Int]`) and keep, per key, the
/// ordinal of the first period in which it appears (the earliest, whatever the
/// order of the rows), so a cumulative distinct count counts a key once.
struct Aggregator: Sendable {
    let aggregate: Aggregate
    let slot: Int
    let keep: Bool

    private(set) var total = Accumulator()
    private(set) var periods: [Int: Accumulator] = [:]
    private(set) var groups: [GroupKey: Accumulator] = [:]

    private var keyIDs: [Value: Int] = [:]
    private var firstPeriod: [Int] = []
    private var periodKeys: Set<TaggedKey> = []
    private var groupKeys: Set<TaggedKey> = []

    init(_ aggregate: Aggregate, slot: Int?) {
        self.aggregate = aggregate
        self.slot = slot ?? -1
        if case .median = aggregate { keep = true } else { keep = false }
    }

    var isDistinct: Bool {
        if case .countDistinct = aggregate { return true }
        return false
    }

    /// Folds one record that passed the filter and lies in the window.
    mutating func fold(_ record: Record, period: Int?, group: GroupKey?) {
        switch aggregate {
        case .count:
            total.n += 1
            if let period { periods[period, default: Accumulator()].n += 1 }
            if let group { groups[group, default: Accumulator()].n += 1 }
        case .countDistinct:
            let value = record[slot]
            if value.isMissing { return }
            let id: Int
            if let known = keyIDs[value] {
                id = known
            } else {
                id = firstPeriod.count
                keyIDs[value] = id
                firstPeriod.append(Int.max)
                total.n += 1
            }
            if let period {
                if period < firstPeriod[id] { firstPeriod[id] = period }
                periodKeys.insert(TaggedKey(tag: period, group: GroupKey(), key: id))
            }
            if let group { groupKeys.insert(TaggedKey(tag: 0, group: group, key: id)) }
        default:
            guard let x = record[slot].number else { return }
            total.add(x, keep: keep)
            if let period { periods[period, default: Accumulator()].add(x, keep: keep) }
            if let group { groups[group, default: Accumulator()].add(x, keep: keep) }
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
            var counts: [Int: Int] = [:]
            for tagged in periodKeys { counts[tagged.tag, default: 0] += 1 }
            return counts.keys.sorted().map { ($0, Double(counts[$0] ?? 0)) }
        }
        return periods.keys.sorted().compactMap { ordinal in
            periods[ordinal].flatMap { value(of: $0) }.map { (ordinal, $0) }
        }
    }

    /// Running totals per period: for a distinct count each key counts once, in its first period.
    func cumulativeValues() -> [(ordinal: Int, value: Double)] {
        if isDistinct {
            var firsts: [Int: Int] = [:]
            for ordinal in firstPeriod where ordinal != Int.max { firsts[ordinal, default: 0] += 1 }
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

    /// Value per group that has records.
    func groupValues() -> [GroupKey: Double] {
        if isDistinct {
            var counts: [GroupKey: Double] = [:]
            for tagged in groupKeys { counts[tagged.group, default: 0] += 1 }
            return counts
        }
        var out: [GroupKey: Double] = [:]
        for (key, acc) in groups { if let v = value(of: acc) { out[key] = v } }
        return out
    }

    /// Every group seen (also those whose value is undefined, such as a mean of no numbers).
    var groupKeysSeen: [GroupKey] {
        if isDistinct { return Array(Set(groupKeys.map(\.group))) }
        return Array(groups.keys)
    }
}
