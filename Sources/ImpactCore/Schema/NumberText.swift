/// Reading numbers as offices write them: `1500`, `1,500`, `1 500`, `1,20,000`
/// (Indian grouping), `-3`, `12.5`, `1,500.25`; with a decimal comma (a source's
/// `decimal: ","`), `12,5`, `1.500`, `1 500,25`, `1.500,25`.
///
/// Grouping is checked so that the other convention is not misread: the last
/// group after a separator has three digits, earlier ones two or three, the first
/// one to three. `1,5` is therefore not a number with a decimal point (it is
/// neither 15 nor 1.5), nor `1.5` with a decimal comma.
public enum NumberText {
    /// A whole number; `12.0` counts as 12, `12.5` does not (`12,0` and `12,5` with a decimal comma).
    public static func integer(_ text: Substring, decimalComma: Bool = false) -> Int? {
        if let plain = Int(text) { return plain } // the common case, without copying bytes
        guard let parts = split(text, decimalComma: decimalComma) else { return nil }
        guard parts.fraction.allSatisfy({ $0 == UInt8(ascii: "0") }) else { return nil }
        var value = 0
        for digit in parts.digits {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(Int(digit - 0x30))
            if o1 || o2 { return nil }
            value = plus
        }
        return parts.negative ? -value : value
    }

    /// Any decimal number (also `1e3`, read by the standard library; with a decimal
    /// comma, only when the text holds no `.`, which is then a group separator).
    public static func number(_ text: Substring, decimalComma: Bool = false) -> Double? {
        if let parts = split(text, decimalComma: decimalComma) {
            var plain = parts.negative ? "-" : ""
            plain += String(decoding: parts.digits, as: UTF8.self)
            if !parts.fraction.isEmpty { plain += "." + String(decoding: parts.fraction, as: UTF8.self) }
            return Double(plain)
        }
        if decimalComma && text.contains(".") { return nil }
        guard let value = Double(String(text)), value.isFinite else { return nil }
        return value
    }

    private struct Parts {
        var negative = false
        var digits: [UInt8] = []
        var fraction: [UInt8] = []
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Sign, integer digits without separators and fraction digits; nil when the text is not a grouped decimal.
    private static func split(_ text: Substring, decimalComma: Bool) -> Parts? {
        let point = decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        let group = decimalComma ? UInt8(ascii: ".") : UInt8(ascii: ",")
        var bytes = Array(text.utf8)
        // A no-break space (U+00A0, or U+202F narrow) used as a thousands separator becomes a plain space.
        bytes = normaliseSpaces(bytes)
        var parts = Parts()
        var i = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            parts.negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var groups: [Int] = [0]
        var separator: UInt8?
        while i < bytes.count, bytes[i] != point {
            let b = bytes[i]
            if isDigit(b) {
                parts.digits.append(b)
                groups[groups.count - 1] += 1
            } else if b == group || b == UInt8(ascii: " ") {
                if let separator, separator != b { return nil }
                separator = b
                groups.append(0)
            } else {
                return nil
            }
            i += 1
        }
        guard !parts.digits.isEmpty else { return nil }
        if groups.count > 1 {
            guard let first = groups.first, let last = groups.last,
                  (1...3).contains(first), last == 3,
                  groups.dropFirst().dropLast().allSatisfy({ $0 == 2 || $0 == 3 }) else { return nil }
        }
        if i < bytes.count {
            i += 1 // the decimal point
            guard i < bytes.count else { return nil }
            while i < bytes.count {
                guard isDigit(bytes[i]) else { return nil }
                parts.fraction.append(bytes[i])
                i += 1
            }
        }
        return parts
    }

    private static func normaliseSpaces(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return bytes }
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 {
                out.append(0x20); i += 2
            } else if bytes[i] == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xAF {
                out.append(0x20); i += 3
            } else {
                out.append(bytes[i]); i += 1
            }
        }
        return out
    }
}
