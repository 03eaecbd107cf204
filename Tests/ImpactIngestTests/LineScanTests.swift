import XCTest
import CLibCSV

/// The reader's pass over a line (`impact_scan_line`, line_scan.h) against a byte-by-byte
/// count, for lines of every length around the 16-byte blocks and their masked tail.
final class LineScanTests: XCTestCase {
    func testCountsAndFindsAsAByteLoopDoes() {
        var rng = SplitMix64(seed: 5)
        let alphabet: [UInt8] = [0x2C, 0x22, 0x41, 0x20, 0x3B, 0xC3, 0xA9, 0x30]
        for length in 0..<90 {
            for _ in 0..<40 {
                let line = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
                // Up to four ordinals asked for, ascending, some past the line's delimiters.
                var wants: [Int] = []
                var next = 0
                for _ in 0..<Int(rng.next() % 5) {
                    next += 1 + Int(rng.next() % 4)
                    wants.append(next)
                }
                let delimiter: UInt8 = rng.next() % 2 == 0 ? 0x2C : 0x3B
                var quotes = 0, delimiters = 0
                var expected = Array(repeating: -1, count: wants.count)
                for (i, b) in line.enumerated() {
                    if b == 0x22 { quotes += 1 }
                    if b == delimiter {
                        delimiters += 1
                        if let k = wants.firstIndex(of: delimiters) { expected[k] = i }
                    }
                }
                var found = Array(repeating: -2, count: max(1, wants.count))
                let scan = line.withUnsafeBufferPointer { bytes in
                    found.withUnsafeMutableBufferPointer { found in
                        impact_scan_line(bytes.baseAddress, length, delimiter, wants, wants.count, found.baseAddress)
                    }
                }
                XCTAssertEqual(scan.quotes, quotes, "\(line)")
                XCTAssertEqual(scan.delimiters, delimiters, "\(line)")
                XCTAssertEqual(Array(found.prefix(wants.count)), expected, "\(line) wants \(wants)")
                XCTAssertEqual(scan.ascii != 0, line.allSatisfy { $0 < 0x80 }, "\(line)")
            }
        }
    }
}
