/// CSV (RFC 4180) and JSON encodings of single values, written straight to bytes.
extension ByteWriter {
    /// A CSV field, quoted (with inner quotes doubled) only when it holds a comma,
    /// a quote, a carriage return or a line feed.
    func csvField(_ value: [UInt8]) {
        let needsQuotes = value.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else { bytes(value); return }
        byte(0x22)
        for unit in value {
            if unit == 0x22 { byte(0x22) }
            byte(unit)
        }
        byte(0x22)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped;
    /// other UTF-8 bytes written as they are.
    func jsonString(_ value: [UInt8]) {
        byte(0x22)
        for unit in value {
            switch unit {
            case 0x22: bytes([0x5C, 0x22])
            case 0x5C: bytes([0x5C, 0x5C])
            case 0x0A: bytes([0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes([0x5C, UInt8(ascii: "r")])
            case 0x09: bytes([0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                text("\\u00")
                let hex = Array("0123456789abcdef".utf8)
                byte(hex[Int(unit >> 4)])
                byte(hex[Int(unit & 0xF)])
            default: byte(unit)
            }
        }
        byte(0x22)
    }

    /// `"key":` in a JSON object (keys are plain ASCII).
    func jsonKey(_ key: StaticString, first: Bool = false) {
        if !first { byte(UInt8(ascii: ",")) }
        byte(0x22)
        key.withUTF8Buffer { buffer.append(contentsOf: $0) }
        byte(0x22)
        byte(UInt8(ascii: ":"))
    }
}
