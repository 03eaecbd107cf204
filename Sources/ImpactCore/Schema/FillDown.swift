/// `fill_down: [operation, date]`: a field left empty takes the value of the row above, as a
/// spreadsheet's merged cells export (the operation and its date written once, on the first of
/// its survivors' rows). Applied to each mapped record before the checks, in file order, so a
/// source with `fill_down` is read in one piece. Rows rejected whole (blank, a totals row, the
/// header again) neither take nor give a value.
public struct FillDown: Sendable {
    /// The slots filled, in schema order.
    let slots: [Int]
    /// The last value seen in each, `.missing` before the first.
    private var last: [Value]
    /// Values filled, per slot.
    public private(set) var filled: [Int]

    public init?(_ definition: SourceDefinition) {
        let schema = definition.schema
        let slots = definition.fillDown.compactMap { schema.slot(of: $0) }.sorted()
        guard !slots.isEmpty else { return nil }
        self.slots = slots
        last = Array(repeating: .missing, count: slots.count)
        filled = Array(repeating: 0, count: slots.count)
    }

    /// Fills the record's empty fields from the rows above, and remembers its others.
    public mutating func apply(_ record: inout Record) {
        for (k, slot) in slots.enumerated() where slot < record.values.count {
            if record.values[slot].isMissing {
                guard !last[k].isMissing else { continue }
                record.values[slot] = last[k]
                filled[k] += 1
            } else {
                last[k] = record.values[slot]
            }
        }
    }

    /// What was filled, for the run's log: one note, or nil when nothing was.
    public func note(file: String, source: String, schema: RecordSchema) -> Finding? {
        let parts = zip(slots, filled).filter { $0.1 > 0 }.map { "\($0.1) \(schema.fields[$0.0].name)" }
        guard !parts.isEmpty else { return nil }
        return Finding(file: file, line: 0, check: "fill_down",
                       message: "source '\(source)': filled from the rows above: \(parts.joined(separator: ", ")) value\(filled.reduce(0, +) == 1 ? "" : "s")",
                       hint: "fill_down reads an empty value as the one above it (merged cells); check that the export means it",
                       severity: .warning)
    }
}
