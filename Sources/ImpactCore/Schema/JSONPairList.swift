/// A JSON list of name/value objects read as fields: DHIS2's tracker writes an event's data
/// as `"dataValues": [{"dataElement": "age", "value": "16"}, ...]`, one object per field.
/// With `json: { pairs: { dataValues: [dataElement, value] } }`, each such object becomes
/// the field `dataValues.<name>` holding its value (`dataValues.age` = 16), mapped like any
/// other; the objects' other members are not read.
public struct JSONPairList: Sendable, Equatable {
    /// The list's dotted path in a record (`dataValues`, `enrollment.attributes`).
    public var path: String
    /// The member that names the field (`dataElement`, `attribute`).
    public var nameKey: String
    /// The member that holds its value (`value`).
    public var valueKey: String

    public init(path: String, nameKey: String, valueKey: String) {
        self.path = path
        self.nameKey = nameKey
        self.valueKey = valueKey
    }

    /// `dataValues=dataElement,value`, as `inspect --pairs` and `query --pairs` take it; nil when malformed.
    public init?(argument text: String) {
        let sides = text.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
        guard sides.count == 2 else { return nil }
        let members = sides[1].split(separator: ",").map { String($0).trimmingSpaces }
        guard !sides[0].isEmpty, members.count == 2, !members[0].isEmpty, !members[1].isEmpty, members[0] != members[1] else {
            return nil
        }
        self.init(path: sides[0], nameKey: members[0], valueKey: members[1])
    }
}
