/// A categorical distribution drawn in constant time: the weights are spread over a
/// 4096-slot lookup table, so a draw is one shift and one array read.
struct WeightedTable: Sendable {
    static let slots = 4096
    private let slotToIndex: [UInt16]

    /// `weights[i]` is the relative weight of outcome `i` (all non-negative, sum positive).
    init(_ weights: [Double]) {
        let total = weights.reduce(0, +)
        var slots = [UInt16]()
        slots.reserveCapacity(Self.slots)
        var cumulative = 0.0
        for (index, weight) in weights.enumerated() {
            cumulative += weight
            let end = index == weights.count - 1 ? Self.slots : Int((cumulative / total * Double(Self.slots)).rounded())
            while slots.count < end { slots.append(UInt16(index)) }
        }
        slotToIndex = slots
    }

    /// The index of one outcome.
    func draw(_ rng: inout SplitMix64) -> Int {
        Int(slotToIndex[Int(rng.next() >> 52)])
    }
}

/// Values with weights, stored as UTF-8 bytes ready to write.
struct WeightedValues: Sendable {
    let values: [[UInt8]]
    let table: WeightedTable

    init(_ pairs: [(String, Double)]) {
        values = pairs.map { Array($0.0.utf8) }
        table = WeightedTable(pairs.map(\.1))
    }

    func draw(_ rng: inout SplitMix64) -> [UInt8] {
        values[table.draw(&rng)]
    }
}
