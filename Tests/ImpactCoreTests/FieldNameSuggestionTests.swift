import XCTest
import ImpactCore

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
