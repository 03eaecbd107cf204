import XCTest
@testable import ImpactCore

final class RowHashTableTests: XCTestCase {
    func testFirstLinesMatchADictionaryThroughGrowth() {
        // given: 60,000 rows whose hashes repeat (every 7th row repeats an earlier one),
        // hashes 0 and UInt64.max among them; expected: a Dictionary's first line per hash.
        var table = RowHashTable(capacity: 4)
        var reference: [UInt64: Int32] = [:]
        var state: UInt64 = 42
        var seen: [UInt64] = [0, .max]
        for line in 1...60_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let hash = line % 7 == 0 ? seen[Int(state >> 33) % seen.count] : (line < 3 ? seen[line - 1] : state)
            if line % 7 != 0 && line >= 3 { seen.append(hash) }
            let got = table.firstLine(of: hash, elseRecord: line)
            XCTAssertEqual(got, reference[hash], "line \(line)")
            if reference[hash] == nil { reference[hash] = Int32(line) }
        }
        XCTAssertEqual(table.count, reference.count)
    }
}
