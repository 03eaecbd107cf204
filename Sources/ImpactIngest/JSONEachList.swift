import ImpactCore

/// `JSONOptions.each`: a list of objects inside each record whose objects are records of
/// their own. A case holding its survivors (`{"case_id": "C1", "office": "Pune", "survivors":
/// [{"id": "S1", "age": 14}, {"id": "S2", "age": 30}]}`), a KoboToolbox submission's repeat
/// group: with `each: survivors`, the case gives one record per survivor, holding the case's
/// other fields (`case_id`, `office`, those after the list too) and the survivor's, named
/// `survivors.id`, `survivors.age` (as nested objects are named). A record whose list is
/// empty or absent gives no record (an operation without survivors is no survivor), with a
/// `json.each` warning at the first such record of the file. Each record's line is that of
/// its object.
enum JSONEachList {
    /// One object of the list: its line and the values it set, by slot.
    struct Child {
        let line: Int
        let values: [(slot: Int, value: RawValue)]
    }
}

extension JSONDriver {
    /// Delivers the record just parsed once per object of its `each` list.
    func deliverEach<S: RecordSink>(_ sink: inout S) throws {
        let row = parser.row
        let line = row.line
        if parser.children.isEmpty && parser.issue == nil {
            parser.noteEmptyEach()
            return try passWarnings(&sink)
        }
        if parser.children.isEmpty { return try deliverRow(&sink) }  // malformed: rejected as it is
        for child in parser.children {
            row.line = child.line
            row.isBlank = false
            // The record's and this object's fields (the parse counted every object's).
            row.fieldCount = row.columns.count
            for (slot, value) in child.values {
                switch value {
                case .text(let text): row.setText(slot, text)
                case .list(let items): row.setList(slot, items)
                case .missing: row.setMissing(slot)
                }
            }
            try deliverRow(&sink)
            for (slot, _) in child.values { row.setMissing(slot) }
        }
        row.line = line
        parser.children.removeAll(keepingCapacity: true)
    }
}
