/// The values of one field of a source (`rescues.case_id`), for the
/// `relationships` checks of other sources. The pipeline reads the referenced
/// source first, inserts each accepted record, and hands the index to the
/// validators that look it up. Holds one key per distinct value.
public struct RelationshipIndex: Sendable {
    public let target: RelationshipTarget
    /// The field's slot in the referenced source's schema.
    public let slot: Int
    private var keys: Set<String> = []

    /// An empty index over `target.field` of a source with `schema`; an error when the field is not in it.
    public init(target: RelationshipTarget, schema: RecordSchema) throws(ConfigError) {
        guard let slot = schema.slot(of: target.field) else {
            let known = schema.fields.map(\.name).joined(separator: ", ")
            throw ConfigError(line: 0, "relationships to '\(target)': '\(target.field)' is not a field of source '\(target.source)'; its fields: \(known)")
        }
        self.target = target
        self.slot = slot
    }

    /// Adds the record's value of the field (each item of a list; nothing when missing).
    public mutating func insert(_ record: Record) {
        insert(record[slot])
    }

    public mutating func insert(_ value: Value) {
        switch value {
        case .missing: return
        case .list(let items): for item in items { keys.insert(item) }
        default: keys.insert(value.display)
        }
    }

    /// Adds the keys of another index of the same field (one that read other rows).
    public mutating func merge(_ other: RelationshipIndex) {
        keys.formUnion(other.keys)
    }

    /// Whether the value (compared as displayed: `12` and `"12"` are the same key) is in the index.
    public func contains(_ value: Value) -> Bool {
        keys.contains(value.display)
    }

    public var count: Int { keys.count }
}
