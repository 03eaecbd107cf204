/// The type a canonical field's values are parsed to.
public enum FieldType: String, Sendable, Hashable, Codable, CaseIterable {
    case text, integer, number, date, bool, list
}

/// One canonical field of a record kind: its name and type.
public struct FieldSpec: Sendable, Hashable {
    public var name: String
    public var type: FieldType
    public init(_ name: String, _ type: FieldType) {
        self.name = name
        self.type = type
    }
}

/// The fields of the records one source yields, in slot order. Metrics and
/// filters resolve field names to slots once, against this schema, and read
/// records by slot.
public struct RecordSchema: Sendable, Hashable {
    public var kind: String
    public var fields: [FieldSpec]
    /// The date that places a record in time (a rescue's date, a suspect's arrest
    /// date): the default for a metric's period window.
    public var primaryDate: String?

    public init(kind: String, fields: [FieldSpec], primaryDate: String? = nil) {
        self.kind = kind
        self.fields = fields
        self.primaryDate = primaryDate
    }

    public func slot(of name: String) -> Int? { fields.firstIndex { $0.name == name } }

    public func type(of name: String) -> FieldType? { slot(of: name).map { fields[$0].type } }
}

/// A validated record: typed values in the schema's slot order, and the
/// physical line of the export it came from.
public struct Record: Sendable, Hashable {
    public var line: Int
    public var values: [Value]

    public init(line: Int, values: [Value]) {
        self.line = line
        self.values = values
    }

    public subscript(_ slot: Int) -> Value {
        slot < values.count ? values[slot] : .missing
    }
}
