import XCTest
@testable import ImpactCore

/// An unknown field told apart from a known one only by case and separators is named in
/// the error (`SubmissionDate`: did you mean 'submissiondate'?), by breakdowns, aggregates
/// and filters alike.
final class FieldNameSuggestionTests: XCTestCase {
    private let schema = RecordSchema(kind: "query", fields: [
        FieldSpec("submissiondate", .date), FieldSpec("group_intake_age", .integer), FieldSpec("office", .text),
        FieldSpec("case_id", .text), FieldSpec("caseid", .text),
    ])

    func testTheFieldMeantIsSuggestedWhenOnlyOneMatches() {
        XCTAssertEqual(schema.suggestion(for: "SubmissionDate"), "; did you mean 'submissiondate'?")
        XCTAssertEqual(schema.suggestion(for: "group-intake-age"), "; did you mean 'group_intake_age'?")
        XCTAssertEqual(schema.suggestion(for: "Office"), "; did you mean 'office'?")
        XCTAssertEqual(schema.suggestion(for: "CaseID"), "", "two fields match: no guess")
        XCTAssertEqual(schema.suggestion(for: "district"), "")
    }

    func testBreakdownsAggregatesAndFiltersSayIt() throws {
        XCTAssertThrowsError(try QueryEngine(QuerySpec(aggregates: [.count], by: "month(SubmissionDate)", filter: nil), schema: schema)) {
            XCTAssertTrue("\($0)".contains("did you mean 'submissiondate'?"), "\($0)")
        }
        XCTAssertThrowsError(try QueryEngine(QuerySpec(aggregates: [.sum("Group_Intake_Age")], by: nil, filter: nil), schema: schema)) {
            XCTAssertTrue("\($0)".contains("did you mean 'group_intake_age'?"), "\($0)")
        }
        XCTAssertThrowsError(try QueryEngine(QuerySpec(aggregates: [.count], by: nil, filter: "Office == \"Pune\""), schema: schema)) {
            XCTAssertTrue("\($0)".contains("did you mean 'office'?"), "\($0)")
        }
    }
}

/// A name that is the last part of one grouped field (KoboToolbox's `group_case/office`, which a
/// query reads as `group_case_office`), or one typing slip from one field, is suggested too.
final class FieldNameNearMissTests: XCTestCase {
    private let kobo = RecordSchema(kind: "query", fields: [
        FieldSpec("start", .date), FieldSpec("group_case_rescue_date", .date), FieldSpec("group_case_office", .text),
        FieldSpec("group_person_age", .integer), FieldSpec("end_date", .date), FieldSpec("survivor_id", .text),
    ])

    func testTheLastPartOfAGroupedFieldIsSuggested() {
        XCTAssertEqual(kobo.suggestion(for: "office"), "; did you mean 'group_case_office'?")
        XCTAssertEqual(kobo.suggestion(for: "rescue_date"), "; did you mean 'group_case_rescue_date'?")
        XCTAssertEqual(kobo.suggestion(for: "Rescue Date"), "; did you mean 'group_case_rescue_date'?")
        XCTAssertEqual(kobo.suggestion(for: "date"), "", "two fields end with it: no guess")
        XCTAssertEqual(kobo.suggestion(for: "case_office"), "; did you mean 'group_case_office'?")
        XCTAssertEqual(kobo.suggestion(for: "ase_office"), "", "a part is whole words")
    }

    func testOneSlipIsSuggestedAndTwoOnlyInALongName() {
        XCTAssertEqual(kobo.suggestion(for: "strat"), "; did you mean 'start'?", "two letters swapped")
        XCTAssertEqual(kobo.suggestion(for: "survivor_ids"), "; did you mean 'survivor_id'?")
        XCTAssertEqual(kobo.suggestion(for: "survivr_idd"), "; did you mean 'survivor_id'?", "two slips in a long name")
        XCTAssertEqual(kobo.suggestion(for: "stat"), "; did you mean 'start'?")
        XCTAssertEqual(kobo.suggestion(for: "sta"), "", "too short to guess")
        XCTAssertEqual(kobo.suggestion(for: "finish"), "")
        XCTAssertEqual(FieldNameSuggestion.editDistance(Array("kitten"), Array("sitting"), limit: 5), 3)
        XCTAssertEqual(FieldNameSuggestion.editDistance(Array("abcdef"), Array("ghijkl"), limit: 2), 3, "cut off past the limit")
    }

    func testAQueryNamesTheGroupedField() throws {
        XCTAssertThrowsError(try QueryEngine(QuerySpec(aggregates: [.count], by: "month(rescue_date)", filter: nil), schema: kobo)) {
            XCTAssertTrue("\($0)".contains("did you mean 'group_case_rescue_date'?"), "\($0)")
        }
    }
}
