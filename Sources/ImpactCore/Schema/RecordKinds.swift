/// A kind of record a source yields: its canonical fields with their types, the
/// date that places a record in time, and the checks every source of the kind
/// gets unless its pipeline says otherwise.
public struct RecordKindSpec: Sendable, Hashable {
    /// `rescues`, `suspects`, ... or, for a pipeline's own kind, the source's name.
    public var name: String
    public var fields: [FieldSpec]
    public var primaryDate: String?
    /// Fields a row must have (checked with `required`, severity error).
    public var requiredFields: [String]
    /// Default `range` bounds of numeric fields: (field, min, max).
    public var numericRanges: [NumericRange]

    public struct NumericRange: Sendable, Hashable {
        public var field: String
        public var min: Double?
        public var max: Double?
        public init(field: String, min: Double?, max: Double?) {
            self.field = field
            self.min = min
            self.max = max
        }
    }

    public init(name: String, fields: [FieldSpec], primaryDate: String?,
                requiredFields: [String] = [], numericRanges: [NumericRange] = []) {
        self.name = name
        self.fields = fields
        self.primaryDate = primaryDate
        self.requiredFields = requiredFields
        self.numericRanges = numericRanges
    }

    /// The schema of the records a source of this kind yields, in field order.
    public var schema: RecordSchema {
        RecordSchema(kind: name, fields: fields, primaryDate: primaryDate)
    }

    public func type(of field: String) -> FieldType? {
        fields.first { $0.name == field }?.type
    }
}

/// The organisation's five built-in record kinds (see the product brief's domain table).
public enum RecordKinds {
    /// The names of the built-in kinds, in the order the brief lists them.
    public static let names = ["rescues", "suspects", "trainings", "aftercare", "outreach"]

    /// The built-in kind of that name, or nil (a pipeline may then declare `kind: custom`).
    public static func builtIn(_ name: String) -> RecordKindSpec? {
        switch name {
        case "rescues":
            return RecordKindSpec(
                name: name,
                fields: [
                    FieldSpec("person_id", .text), FieldSpec("case_id", .text),
                    FieldSpec("operation_id", .text), FieldSpec("office", .text),
                    FieldSpec("date", .date), FieldSpec("age", .integer),
                    FieldSpec("sex", .text), FieldSpec("origin", .text),
                    FieldSpec("nationality", .text), FieldSpec("place", .text),
                    FieldSpec("cross_border", .bool),
                ],
                primaryDate: "date",
                requiredFields: ["person_id", "date"],
                numericRanges: [.init(field: "age", min: 0, max: 120)])
        case "suspects":
            return RecordKindSpec(
                name: name,
                fields: [
                    FieldSpec("suspect_id", .text), FieldSpec("case_id", .text),
                    FieldSpec("office", .text), FieldSpec("role", .text),
                    FieldSpec("arrest_date", .date), FieldSpec("charge_date", .date),
                    FieldSpec("verdict", .text), FieldSpec("verdict_date", .date),
                    FieldSpec("sentence_months", .number), FieldSpec("bail", .bool),
                    FieldSpec("appeal", .bool),
                ],
                primaryDate: "arrest_date",
                requiredFields: ["suspect_id"],
                numericRanges: [.init(field: "sentence_months", min: 0, max: nil)])
        case "trainings":
            return RecordKindSpec(
                name: name,
                fields: [
                    FieldSpec("session_id", .text), FieldSpec("participant_id", .text),
                    FieldSpec("date", .date), FieldSpec("office", .text),
                    FieldSpec("audience", .text), FieldSpec("participants", .integer),
                ],
                primaryDate: "date",
                requiredFields: ["date"],
                numericRanges: [.init(field: "participants", min: 0, max: nil)])
        case "aftercare":
            return RecordKindSpec(
                name: name,
                fields: [
                    FieldSpec("person_id", .text), FieldSpec("office", .text),
                    FieldSpec("start_date", .date), FieldSpec("end_date", .date),
                    FieldSpec("status", .text), FieldSpec("services", .list),
                ],
                primaryDate: "start_date",
                requiredFields: ["person_id", "start_date"])
        case "outreach":
            return RecordKindSpec(
                name: name,
                fields: [
                    FieldSpec("event_id", .text), FieldSpec("office", .text),
                    FieldSpec("date", .date), FieldSpec("kind", .text),
                    FieldSpec("people_reached", .integer),
                ],
                primaryDate: "date",
                requiredFields: ["date"],
                numericRanges: [.init(field: "people_reached", min: 0, max: nil)])
        default:
            return nil
        }
    }
}
