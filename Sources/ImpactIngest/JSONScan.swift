/// Byte-level scanning of a JSON prefix (the sniffing's): no value is decoded.
enum JSONScan {
    static func skipSpace(_ bytes: [UInt8], _ from: Int) -> Int {
        var i = from
        while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D) { i += 1 }
        return i
    }

    /// The string starting at `from` (its `"`), escapes left as written, and the index after
    /// its closing quote; nil when the bytes end inside it.
    static func string(_ bytes: [UInt8], _ from: Int) -> ([UInt8], Int)? {
        var i = from + 1
        while i < bytes.count && bytes[i] != UInt8(ascii: "\"") {
            i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
        }
        guard i < bytes.count else { return nil }
        return (Array(bytes[(from + 1)..<i]), i + 1)
    }

    /// The value starting at `from`: the member names of an object (its own only, not those
    /// of objects inside it; none for another value), and the index after the value; nil when
    /// the bytes end first.
    static func valueEnd(_ bytes: [UInt8], _ from: Int) -> ([[UInt8]], Int)? {
        var keys: [[UInt8]] = []
        var depth = 0
        var i = from
        while i < bytes.count {
            if depth == 0 && i > from && bytes[from] != UInt8(ascii: "\"") {
                // A number or word ends at the first byte that is not part of it.
                let c = bytes[i]
                if c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c <= 0x20 { return (keys, i) }
            }
            switch bytes[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                i += 1
                if depth == 0 { return (keys, i) }
            case UInt8(ascii: "\""):
                guard let (text, after) = string(bytes, i) else { return nil }
                i = after
                if depth == 0 { return (keys, i) }
                if depth == 1 {
                    let next = skipSpace(bytes, i)
                    if next < bytes.count && bytes[next] == UInt8(ascii: ":") { keys.append(text) }
                }
            default:
                i += 1
            }
        }
        return nil
    }
}
