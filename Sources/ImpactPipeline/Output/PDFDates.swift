import Foundation
import ImpactCore

/// Chromium stamps the PDF it prints with the time of printing (`/CreationDate`
/// and `/ModDate` in the document's information dictionary): the bytes that differ
/// at every print (Chromium's layout differed once in about 250 prints here, not
/// reproduced). Both are set to the run's as-of date at midnight, digit for digit, so
/// the file keeps its length and its byte offsets (the cross-reference table stays
/// right) and the same inputs and `--as-of` give the same PDF.
enum PDFDates {
    static let keys = ["/CreationDate (D:", "/ModDate (D:"]

    /// `pdf` with each stamp's 14 digits (`YYYYMMDDHHmmSS`) replaced by `day`'s at
    /// 00:00:00; a stamp not in that form is left as it is. Returns how many were set.
    @discardableResult
    static func pin(_ pdf: inout Data, to day: Day) -> Int {
        let (y, m, d) = day.components
        let digits = Array(String(format: "%04d%02d%02d000000", y, m, d).utf8)
        guard digits.count == 14 else { return 0 }
        var pinned = 0
        for key in keys {
            let pattern = Data(key.utf8)
            var from = pdf.startIndex
            while let found = pdf.range(of: pattern, in: from..<pdf.endIndex) {
                let start = found.upperBound
                from = start
                guard pdf.endIndex - start >= 14,
                      pdf[start..<start + 14].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { continue }
                pdf.replaceSubrange(start..<start + 14, with: digits)
                pinned += 1
            }
        }
        return pinned
    }
}
