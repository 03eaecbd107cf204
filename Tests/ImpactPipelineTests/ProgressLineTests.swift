import Foundation
import XCTest
import ImpactCore
@testable import ImpactPipeline

/// The progress line is counted by every part of every source, side by side: its
/// counts must add up to the rows the run folded, per source, whatever the threads.
final class ProgressLineTests: XCTestCase {
    /// What a line wrote, kept for the test.
    final class Screen: @unchecked Sendable {
        private let lock = NSLock()
        private var written: [String] = []
        func write(_ text: String) { lock.withLock { written.append(text) } }
        var last: String { lock.withLock { written.last ?? "" } }
        /// The last line drawn (not a clearing of the line).
        var lastDrawn: String {
            lock.withLock { written.last { $0.contains { $0 != " " && $0 != "\r" } } ?? "" }
        }
        /// Whether the last thing written clears the line (spaces between carriage returns).
        var cleared: Bool { last.hasPrefix("\r") && last.hasSuffix("\r") && last.filter { $0 != " " } == "\r\r" }
        var all: [String] { lock.withLock { written } }
    }

    func testCountsFromManyThreadsAddUp() {
        let screen = Screen()
        let line = ProgressLine(interval: 0, output: screen.write)
        let ticks = [70_000, 16_384, 1, 33_000]
        DispatchQueue.concurrentPerform(iterations: ticks.count) { k in
            var counter = ProgressCounter(line: line, source: k == 3 ? "suspects" : "rescues")
            for _ in 0..<ticks[k] { counter.tick() }
            counter.flush()
        }
        let last = screen.last.trimmingCharacters(in: .whitespaces)
        XCTAssertTrue(last.contains("rescues 86,385"), last)
        XCTAssertTrue(last.contains("suspects 33,000"), last)
        line.clear()
        XCTAssertEqual(screen.last.filter { $0 != " " }, "\r\r", "the line is overwritten with spaces")
        let drawn = screen.all.dropLast().last?.trimmingCharacters(in: CharacterSet(charactersIn: "\r ")) ?? ""
        XCTAssertGreaterThanOrEqual(screen.last.count - 2, drawn.count, "as wide as the line drawn")
    }

    func testTheLineStaysWithinAnEightyColumnTerminal() {
        XCTAssertEqual(ProgressLine.text([("rescues", 1_200_000)]), "reading rescues: 1,200,000 rows")
        XCTAssertEqual(ProgressLine.text([("rescues", 800_000), ("suspects", 20)]), "reading rescues 800,000 · suspects 20 rows")
        let many = (1...5).map { ("source_with_a_long_name_\($0)", 100_000 * $0) }
        XCTAssertEqual(ProgressLine.text(many), "reading 5 sources: 1,500,000 rows", "too wide for one line: the total")
    }
}
