/// A group of a breakdown: one interned key per `by` item (at most four).
/// Text keys are interned once per distinct value, so a group costs four Ints.
struct GroupKey: Hashable, Sendable {
    var k0 = 0, k1 = 0, k2 = 0, k3 = 0

    /// One combine instead of four: hashed once per record.
    func hash(into hasher: inout Hasher) {
        hasher.combine(k0 &* 0x9E37_79B9 ^ k1 &* 0x85EB_CA6B ^ k2 &* 0xC2B2_AE35 ^ k3 &* 0x27D4_EB2F)
    }

    subscript(_ i: Int) -> Int {
        get { i == 0 ? k0 : i == 1 ? k1 : i == 2 ? k2 : k3 }
        set {
            switch i {
            case 0: k0 = newValue
            case 1: k1 = newValue
            case 2: k2 = newValue
            default: k3 = newValue
            }
        }
    }
}

/// A mistake in a breakdown, in words (the caller adds the line or column).
struct BreakdownError: Error {
    var message: String
}

/// A breakdown resolved against a schema: computes each record's `GroupKey`,
/// interning field values, and later turns keys back into labels in a stable order.
struct Breakdown: Sendable {
    static let maxItems = 4
    static let missingLabel = "(missing)"
    static let otherLabel = "(other)"

    enum Item: Sendable {
        case value(slot: Int)
        case period(PeriodKind, slot: Int)
        case band(slot: Int, bands: [AgeBand])
    }

    let items: [Item]
    let texts: [String]
    /// Per item, the distinct values seen (for `.value` items), by interned id.
    var values: [[Value]] { interners.map(\.values) }
    private var interners: [ValueInterner]
    /// Groups seen, by dense id (the order of first appearance).
    private var groups = GroupTable()
    var groupKeys: [GroupKey] { groups.keys }
    private var lastKey: GroupKey?
    private var lastID = 0
    /// At most this many groups (`BreakdownLimit`); past it `overflowed` is set and no group is added.
    var maxGroups = BreakdownLimit.defaultMaxGroups
    private(set) var overflowed = false

    init(_ expressions: [ByExpression], schema: RecordSchema, fiscalYearStart: Int, bands: [AgeBand]) throws(BreakdownError) {
        guard expressions.count <= Self.maxItems else {
            throw BreakdownError(message: "a breakdown has at most \(Self.maxItems) items, found \(expressions.count)")
        }
        var items: [Item] = []
        for expression in expressions {
            guard let slot = schema.slot(of: expression.field) else {
                let known = schema.fields.map(\.name).joined(separator: ", ")
                // `by: year` meant a period of a date: say how one is written.
                let function = expression.function == .field ? ByExpression.Function(rawValue: expression.field.lowercased()) : nil
                let period = function.flatMap { $0 == .field ? nil : $0 }.map { function in
                    if function == .ageBand {
                        let age = schema.slot(of: "age") != nil ? "age" : schema.fields.first { $0.type == .integer }?.name ?? "age"
                        return "; age bands are written with the age field, age_band(\(age))"
                    }
                    let date = schema.primaryDate ?? schema.fields.first { $0.type == .date }?.name ?? "<a date field>"
                    return "; a period is written with its date field, \(function.rawValue)(\(date))"
                } ?? ""
                throw BreakdownError(message: "unknown field '\(expression.field)' in '\(expression.text)'\(period)\(schema.suggestion(for: expression.field)); the \(schema.kind) fields are: \(known)")
            }
            let type = schema.fields[slot].type
            if let kind = expression.periodKind(fiscalYearStart: fiscalYearStart) {
                guard type == .date else {
                    throw BreakdownError(message: "\(expression.text) needs a date field; '\(expression.field)' is \(type.rawValue)")
                }
                items.append(.period(kind, slot: slot))
            } else if expression.function == .ageBand {
                guard type == .integer || type == .number else {
                    throw BreakdownError(message: "\(expression.text) needs a number field; '\(expression.field)' is \(type.rawValue)")
                }
                items.append(.band(slot: slot, bands: bands))
            } else {
                items.append(.value(slot: slot))
            }
        }
        self.items = items
        self.texts = expressions.map(\.text)
        self.interners = Array(repeating: ValueInterner(), count: items.count)
    }

    var isEmpty: Bool { items.isEmpty }

    /// The record's group, interning new values.
    mutating func key(_ record: Record) -> GroupKey {
        var key = GroupKey()
        for i in items.indices {
            switch items[i] {
            case .value(let slot):
                key[i] = intern(item: i, record[slot])
            case .period(let kind, let slot):
                if case .date(let day) = record[slot] { key[i] = kind.ordinal(of: day) } else { key[i] = Int.min }
            case .band(let slot, let bands):
                key[i] = Self.band(record[slot], bands)
            }
        }
        return key
    }

    /// The interned id of a `.value` item's value.
    @inline(__always)
    private mutating func intern(item i: Int, _ value: Value) -> Int {
        interners[i].intern(value).id
    }

    /// Takes in the groups of `other` (a breakdown of the same expressions that
    /// folded other records): returns, for each group id of `other`, its id here.
    mutating func merge(_ other: Breakdown) -> [Int] {
        if other.overflowed { overflowed = true }
        var valueMaps: [[Int]] = []
        for i in items.indices {
            if case .value = items[i] {
                valueMaps.append(other.interners[i].values.map { intern(item: i, $0) })
            } else {
                valueMaps.append([])
            }
        }
        return other.groupKeys.map { theirs in
            var key = theirs
            for i in items.indices where !valueMaps[i].isEmpty { key[i] = valueMaps[i][theirs[i]] }
            if let id = groups.id(of: key) { return id }
            let id = groups.add(key)
            if groups.count > maxGroups { overflowed = true }
            return id
        }
    }

    /// The record's dense group id (0, 1, 2, ... in order of first appearance).
    @inline(__always)
    mutating func groupID(_ record: Record) -> Int {
        let key = key(record)
        if key == lastKey { return lastID }
        let id: Int
        if let known = groups.id(of: key) {
            id = known
        } else if groups.count >= maxGroups, groups.count > 0 {
            // Over the limit: the result will be refused, so the group is not kept.
            overflowed = true
            return groups.count - 1
        } else {
            id = groups.add(key)
        }
        lastKey = key
        lastID = id
        return id
    }

    /// Every group id seen, in the stable order of `sorted`.
    func sortedGroupIDs() -> [Int] {
        let order = sorted(groupKeys)
        return order.compactMap { groups.id(of: $0) }
    }

    /// The band index, -1 for missing, -2 for a value in no band (or censored).
    static func band(_ value: Value, _ bands: [AgeBand]) -> Int {
        if value.isMissing { return -1 }
        guard let age = value.number else { return -2 }
        for (index, band) in bands.enumerated() where band.contains(age) { return index }
        return -2
    }

    /// Group `id`'s key in values, the same in every part of a file read on
    /// several cores (interned ids differ from part to part): `.value` items give
    /// their value, periods and bands their ordinal or index as an integer.
    func portableKey(_ id: Int) -> [Value] {
        let key = groupKeys[id]
        return items.indices.map { i in
            if case .value = items[i] { return interners[i].values[key[i]] }
            return .integer(key[i])
        }
    }

    func labels(_ key: GroupKey) -> [String] {
        items.indices.map { label(item: $0, key[$0]) }
    }

    func label(item i: Int, _ id: Int) -> String {
        switch items[i] {
        case .value:
            let value = interners[i].values[id]
            return value.isMissing ? Self.missingLabel : value.display
        case .period(let kind, _):
            return id == Int.min ? Self.missingLabel : kind.period(ordinal: id).label
        case .band(_, let bands):
            if id == -1 { return Self.missingLabel }
            return id >= 0 && id < bands.count ? bands[id].label : Self.otherLabel
        }
    }

    /// A stable order of groups: numbers and dates in value order, text by
    /// Unicode scalars, periods and bands in time and age order; missing last.
    func sorted(_ keys: [GroupKey]) -> [GroupKey] {
        let ranks = items.indices.map { rankTable(item: $0) }
        func rank(_ item: Int, _ id: Int) -> Int {
            switch items[item] {
            case .value: return ranks[item][id]
            case .period: return id == Int.min ? Int.max : id
            case .band: return id < 0 ? Int.max - 2 - id : id
            }
        }
        return keys.sorted { a, b in
            for i in items.indices {
                let (x, y) = (rank(i, a[i]), rank(i, b[i]))
                if x != y { return x < y }
            }
            return false
        }
    }

    private func rankTable(item i: Int) -> [Int] {
        guard case .value = items[i] else { return [] }
        let values = interners[i].values
        let order = values.indices.sorted { Self.valueOrder(values[$0], values[$1]) }
        var ranks = Array(repeating: 0, count: order.count)
        for (rank, id) in order.enumerated() { ranks[id] = rank }
        return ranks
    }

    static func valueOrder(_ a: Value, _ b: Value) -> Bool {
        func family(_ v: Value) -> Int {
            switch v {
            case .integer, .number: return 0
            case .date: return 1
            case .bool: return 2
            case .text: return 3
            case .list: return 4
            case .censored: return 5
            case .missing: return 6
            }
        }
        let (fa, fb) = (family(a), family(b))
        if fa != fb { return fa < fb }
        switch (a, b) {
        case let (x, y) where fa == 0: return (x.number ?? 0) < (y.number ?? 0)
        case let (.date(x), .date(y)): return x < y
        case let (.bool(x), .bool(y)): return !x && y
        case let (.censored(x), .censored(y)): return x < y
        default: return a.display.unicodeScalars.lexicographicallyPrecedes(b.display.unicodeScalars)
        }
    }
}
