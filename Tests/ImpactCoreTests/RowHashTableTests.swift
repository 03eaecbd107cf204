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

    /// A table sized for `rows` is the size growth would reach with that many hashes,
    /// and holding them does not grow it: the same memory, no rehash on the way.
    func testATableSizedForItsRowsIsTheSizeGrowthReaches() {
        for rows in [0, 1, 11, 12, 13, 700, 768, 769, 50_000] {
            var grown = RowHashTable(capacity: 4)
            var sized = RowHashTable(rows: rows)
            let before = sized.capacity
            for line in 0..<rows {
                let hash = UInt64(line + 1) &* 0x9E37_79B9_7F4A_7C15
                _ = grown.firstLine(of: hash, elseRecord: line + 1)
                _ = sized.firstLine(of: hash, elseRecord: line + 1)
            }
            XCTAssertEqual(sized.capacity, before, "\(rows) rows: no growth")
            XCTAssertEqual(sized.capacity, max(16, grown.capacity), "\(rows) rows: the size growth reaches")
        }
    }

    /// Two parts' tables, one much larger than the other (a hash's home slot
    /// depends on the table's size): they overlap
    /// exactly when a hash is in both, whichever table asks, whatever the sizes,
    /// for hashes anywhere in the range (0 and UInt64.max among them); tables past
    /// 65,536 hashes are compared in two halves side by side.
    func testOverlapsFindsAHashInBothTablesWhateverTheirSizes() {
        var state: UInt64 = 7
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        for (smallCount, largeCount) in [(0, 10), (3, 50_000), (40, 40), (1_000, 20_000), (70_000, 90_000)] {
            var small = RowHashTable(capacity: 4)
            var large = RowHashTable(capacity: 4)
            var smallHashes: [UInt64] = []
            for line in 0..<smallCount {
                let hash = line == 0 ? UInt64.max : next()
                smallHashes.append(hash)
                _ = small.firstLine(of: hash, elseRecord: line + 1)
            }
            for line in 0..<largeCount { _ = large.firstLine(of: line == 0 ? 0 : next(), elseRecord: line + 1) }
            XCTAssertFalse(small.overlaps(large), "\(smallCount) and \(largeCount) hashes, none shared")
            XCTAssertFalse(large.overlaps(small), "\(smallCount) and \(largeCount) hashes, none shared, asked the other way")
            for hash in smallHashes.prefix(1) + smallHashes.suffix(7) {
                var shared = large
                _ = shared.firstLine(of: hash, elseRecord: largeCount + 1)
                XCTAssertTrue(small.overlaps(shared), "\(smallCount) and \(largeCount) hashes, \(hash) in both")
                XCTAssertTrue(shared.overlaps(small), "\(smallCount) and \(largeCount) hashes, \(hash) in both, asked the other way")
            }
        }
    }
}
