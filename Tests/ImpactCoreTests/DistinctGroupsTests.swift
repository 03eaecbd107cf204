import XCTest
@testable import ImpactCore

/// `DistinctGroups` against a plain set of (group, key) pairs: masks while groups
/// stay in 0...63, then four 16-bit lanes a key with the rest in overflow pairs.
final class DistinctGroupsTests: XCTestCase {
    struct Pair: Hashable { var group: Int; var key: Int }

    func testEveryModeGivesThePairsCountsAndLowestGroupsOfAPlainSet() {
        var state: UInt64 = 2026
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        for trial in 0..<60 {
            var groups = DistinctGroups()
            var naive = Set<Pair>()
            let keys = 1 + next(300)
            let inserts = next(3_000)
            // Groups in 0...63 first (masks); from a trial-dependent point on, any kind:
            // past 63, negative (a period before the window), past a lane's 65,534, and
            // many per key (a fifth group overflows).
            let switchAt = trial % 3 == 0 ? inserts : next(max(1, inserts))
            for n in 0..<inserts {
                let key = next(keys)
                let group: Int
                if n < switchAt {
                    group = next(64)
                } else {
                    switch next(10) {
                    case 0: group = -1 - next(5)
                    case 1: group = 65_534 + next(3)
                    case 2, 3: group = next(64)
                    default: group = 64 + next(400)
                    }
                }
                groups.insert(group: group, key: key)
                naive.insert(Pair(group: group, key: key))
                if n % 97 == 0 { groups.insert(group: group, key: key) }   // again: no change
            }
            var seen = Set<Pair>()
            var repeats = 0
            groups.forEach { group, key in if !seen.insert(Pair(group: group, key: key)).inserted { repeats += 1 } }
            XCTAssertEqual(repeats, 0, "each pair once, trial \(trial)")
            XCTAssertEqual(seen, naive, "pairs, trial \(trial)")
            var counts: [Int: Double] = [:]
            for pair in naive { counts[pair.group, default: 0] += 1 }
            XCTAssertEqual(groups.counts(), counts, "keys per group, trial \(trial)")
            var lowest: [Int: Int] = [:]
            for pair in naive { lowest[pair.key] = min(lowest[pair.key] ?? .max, pair.group) }
            var firsts: [Int: Int] = [:]
            for group in lowest.values { firsts[group, default: 0] += 1 }
            XCTAssertEqual(groups.firstGroupCounts(), firsts, "keys by their lowest group, trial \(trial)")
            XCTAssertEqual(groups.isEmpty, naive.isEmpty, "trial \(trial)")
        }
    }
}
