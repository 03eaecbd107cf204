#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ImpactCore

/// A one-line progress count on stderr during long reads ("reading rescues:
/// 1,200,000 rows"), redrawn in place with a carriage return. It exists only
/// when asked for and stderr is a terminal: a cron job's log, a pipe or a test
/// never sees it. Short reads draw nothing (the first line comes after a quarter second).
///
/// Counted from any thread: the parts of a source read side by side, and sources
/// read side by side, each count their rows in a `ProgressCounter` of their own and
/// add them here in batches; the line shows each source's rows so far, in the
/// order the sources were first counted.
final class ProgressLine: @unchecked Sendable {
    /// How many rows a counter counts before it adds them to the line.
    static let batch = 1 << 14

    private let lock = NSLock()
    private var sources: [(name: String, rows: Int)] = []
    private var lastDraw: Double
    private var drawn = 0
    private let interval: Double
    private let output: (String) -> Void

    /// nil unless `enabled` and stderr is a terminal.
    convenience init?(enabled: Bool) {
        guard enabled, isatty(STDERR_FILENO) == 1 else { return nil }
        self.init(interval: 0.25) { FileHandle.standardError.write(Data($0.utf8)) }
    }

    /// A line redrawn at most once an `interval` (seconds), written by `output` (tests keep it).
    init(interval: Double, output: @escaping (String) -> Void) {
        lastDraw = ProgressLine.now()
        self.interval = interval
        self.output = output
    }

    /// Adds `rows` rows of `source` (fewer when negative: a dropped part's); redraws at most
    /// once an interval (four times a second).
    func add(_ rows: Int, of source: String) {
        guard rows != 0 else { return }
        lock.withLock {
            if let index = sources.firstIndex(where: { $0.name == source }) {
                sources[index].rows += rows
            } else {
                sources.append((source, rows))
            }
            let now = ProgressLine.now()
            guard now - lastDraw >= interval else { return }
            lastDraw = now
            draw(ProgressLine.text(sources))
        }
    }

    /// The widest line drawn: a wider one would wrap on an 80-column terminal, and the
    /// carriage return would then redraw only its last row.
    static let width = 79

    /// "reading rescues: 1,200,000 rows"; with several sources, "reading rescues 800,000 ·
    /// suspects 200,000 rows"; wider than `width`, "reading 5 sources: 1,400,000 rows".
    static func text(_ sources: [(name: String, rows: Int)]) -> String {
        func format(_ rows: Int) -> String { NumberLocale.en.format(rows) }
        if sources.count == 1, let only = sources.first {
            return "reading \(only.name): \(format(only.rows)) rows"
        }
        let each = "reading " + sources.map { "\($0.name) \(format($0.rows))" }.joined(separator: " · ") + " rows"
        if each.count <= width { return each }
        return "reading \(sources.count) sources: \(format(sources.reduce(0) { $0 + $1.rows })) rows"
    }

    /// Removes the line, so that what follows starts on a clean line.
    func clear() {
        lock.withLock {
            guard drawn > 0 else { return }
            output("\r" + String(repeating: " ", count: drawn) + "\r")
            drawn = 0
        }
    }

    private func draw(_ text: String) {
        let padding = String(repeating: " ", count: max(0, drawn - text.count))
        output("\r" + text + padding)
        drawn = text.count
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// One reader's count for a `ProgressLine` (a part of a source, or a source read in
/// one piece): counts rows on its own, adds them to the line a batch at a time.
struct ProgressCounter {
    let line: ProgressLine
    let source: String
    private var pending = 0
    /// Added to the line so far.
    private var added = 0

    init(line: ProgressLine, source: String) {
        self.line = line
        self.source = source
    }

    @inline(__always)
    mutating func tick() {
        pending += 1
        if pending >= ProgressLine.batch { flush() }
    }

    /// Adds the rows not added yet (at the end of a part).
    mutating func flush() {
        line.add(pending, of: source)
        added += pending
        pending = 0
    }

    /// Takes back every row this counter added: its part was dropped, and the rows are
    /// read (and counted) again.
    mutating func retract() {
        line.add(-added, of: source)
        added = 0
        pending = 0
    }
}
