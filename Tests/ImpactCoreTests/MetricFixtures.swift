import ImpactCore

/// Synthetic rescue records for metric, filter and query tests (no real person).
enum Fixture {
    static let rescues = RecordSchema(kind: "rescues", fields: [
        FieldSpec("person_id", .text), FieldSpec("office", .text), FieldSpec("date", .date),
        FieldSpec("age", .integer), FieldSpec("cross_border", .bool), FieldSpec("services", .list),
        FieldSpec("score", .number),
    ], primaryDate: "date")

    static let suspects = RecordSchema(kind: "suspects", fields: [
        FieldSpec("suspect_id", .text), FieldSpec("arrest_date", .date), FieldSpec("verdict", .text),
        FieldSpec("verdict_date", .date), FieldSpec("sentence_months", .integer),
    ], primaryDate: "arrest_date")

    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    /// A rescue; `nil` arguments are missing values.
    static func rescue(_ line: Int, _ person: String?, _ office: String?, _ date: String?, age: Value = .missing,
                       crossBorder: Bool? = nil, services: [String]? = nil, score: Double? = nil) -> Record {
        Record(line: line, values: [
            person.map(Value.text) ?? .missing,
            office.map(Value.text) ?? .missing,
            date.map { .date(day($0)) } ?? .missing,
            age,
            crossBorder.map(Value.bool) ?? .missing,
            services.map(Value.list) ?? .missing,
            score.map(Value.number) ?? .missing,
        ])
    }

    static func suspect(_ line: Int, _ id: String, arrested: String?, verdict: String?, on verdictDate: String?,
                        months: Int? = nil) -> Record {
        Record(line: line, values: [
            .text(id), arrested.map { .date(day($0)) } ?? .missing, verdict.map(Value.text) ?? .missing,
            verdictDate.map { .date(day($0)) } ?? .missing, months.map(Value.integer) ?? .missing,
        ])
    }

    /// Eight rescues over 2003-2011 in two offices; person P1 comes back in 2010.
    static let sample: [Record] = [
        rescue(2, "P1", "Mumbai", "2004-03-10", age: .integer(15), crossBorder: true, services: ["shelter", "legal"], score: 2.5),
        rescue(3, "P2", "Mumbai", "2004-11-02", age: .integer(22), crossBorder: false, services: ["shelter"], score: 1),
        rescue(4, "P3", "Kolkata", "2005-01-15", age: .integer(9), crossBorder: true, score: 4),
        rescue(5, "P4", "Kolkata", "2010-06-30", age: .censored(below: 18)),
        rescue(6, "P1", "Mumbai", "2010-07-01", age: .integer(21), crossBorder: false, score: 3),
        rescue(7, "P5", nil, "2011-12-31", age: .integer(17)),
        rescue(8, "P6", "Mumbai", nil, age: .integer(30)),
        rescue(9, "P7", "Mumbai", "2003-05-05", age: .integer(12), crossBorder: true),
    ]
}
