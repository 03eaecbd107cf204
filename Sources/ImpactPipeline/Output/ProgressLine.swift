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
/// never sees it. Short reads draw nothing (the first line comes after 0.5 s).
final class ProgressLine {
    private var rows = 0
    private var source = ""
    private var nextCheck = 1 << 14
    private var lastDraw: Double
    private var drawn = 0

    /// nil unless `enabled` and stderr is a terminal.
    init?(enabled: Bool) {
        guard enabled, isatty(STDERR_FILENO) == 1 else { return nil }
        lastDraw = ProgressLine.now()
    }

    /// Counts one record of `source`; redraws at most four times a second.
    @inline(__always)
    func tick(source name: String) {
        if name != source {
            source = name
            rows = 0
        }
        rows += 1
        guard rows >= nextCheck else { return }
        nextCheck = rows + (1 << 14)
        let now = ProgressLine.now()
        guard now - lastDraw >= 0.25 else { return }
        lastDraw = now
        draw("reading \(source): \(NumberLocale.en.format(rows)) rows")
    }

    /// Removes the line, so that what follows starts on a clean line.
    func clear() {
        guard drawn > 0 else { return }
        write("\r" + String(repeating: " ", count: drawn) + "\r")
        drawn = 0
    }

    private func draw(_ text: String) {
        let padding = String(repeating: " ", count: max(0, drawn - text.count))
        write("\r" + text + padding)
        drawn = text.count
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
