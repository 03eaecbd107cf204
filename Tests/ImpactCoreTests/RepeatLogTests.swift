import XCTest
@testable import ImpactCore

/// The deferred `duplicate` check's search (`RepeatLog.repeats`): every row whose
/// hash an earlier row had, with that earlier row's line, in line order, across the
/// logs of a split read in file order. From `RepeatLog.rowsForTwoHalves` rows the
/// buckets are searched in two halves side by side: the same answer.
final class RepeatLogTests: XCTestCase {
    func testRepeatsAreEveryRowAfterTheFirstWithItsHashInLineOrder() {
        for rows in [1_000, RepeatLog.rowsForTwoHalves - 1, RepeatLog.rowsForTwoHalves + 70_000] {
            var state: UInt64 = 11
            var seen: [UInt64] = []
            let parts = [RepeatLog(expectedRows: rows / 2), RepeatLog()]
            var firstLine: [UInt64: Int] = [:]
            var expected: [RepeatLog.Repeat] = []
            for line in 2...(rows + 1) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                // Every 5th row repeats an earlier one (across the parts' cut too); hash 0 among them.
                let hash = line % 5 == 0 && !seen.isEmpty ? seen[Int(state >> 33) % seen.count] : (line == 3 ? 0 : state)
                seen.append(hash)
                let outcome: SourceValidator.Outcome = line % 3 == 0 ? .rejected : .accepted
                parts[line <= rows / 2 ? 0 : 1].appender.append(hash: hash, line: line, outcome: outcome)
                if let first = firstLine[hash] {
                    expected.append(RepeatLog.Repeat(line: line, first: first, outcome: outcome))
                } else {
                    firstLine[hash] = line
                }
            }
            let found = RepeatLog.repeats(in: parts)
            XCTAssertGreaterThan(expected.count, rows / 6, "\(rows) rows")
            XCTAssertEqual(found.count, expected.count, "\(rows) rows")
            XCTAssertEqual(found, expected, "\(rows) rows")
        }
    }
}
