import ImpactCore

/// A JSON syntax error at a line: inside a record it makes the record
/// malformed; elsewhere it is a finding.
struct JSONSyntaxError: Error {
    var line: Int
    var message: String
}

/// Byte-level reading of JSON from fixed-size chunks: whitespace (counting
/// lines), strings (unescaped into a scratch buffer), numbers and literals.
final class JSONCursor {
    static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    static let lf: UInt8 = 0x0A, cr: UInt8 = 0x0D

    /// The state touched per byte, in manually allocated memory: stored class
    /// properties would cost a dynamic exclusivity check on every access.
    struct Hot {
        var chunk = UnsafeRawBufferPointer(start: nil, count: 0)
        var pos = 0
        var eof = false
        var line = 1
        var lineEnds = LineEndCounter()
        var pendingCR = false
    }

    private let chunks: FileChunks
    private let maxFieldBytes: Int
    private let hot: UnsafeMutablePointer<Hot>

    var chunk: UnsafeRawBufferPointer {
        @inline(__always) get { hot.pointee.chunk }
    }
    var pos: Int {
        @inline(__always) get { hot.pointee.pos }
        @inline(__always) set { hot.pointee.pos = newValue }
    }
    private var eof: Bool {
        get { hot.pointee.eof }
        set { hot.pointee.eof = newValue }
    }
    /// 1-based line of the next unread byte.
    var line: Int { hot.pointee.line }
    var lineEnds: LineEndCounter {
        get { hot.pointee.lineEnds }
        set { hot.pointee.lineEnds = newValue }
    }
    private var pendingCR: Bool {
        get { hot.pointee.pendingCR }
        set { hot.pointee.pendingCR = newValue }
    }
    var path: String { chunks.path }
    var bytesRead: Int { chunks.bytesRead }
    /// True once a read found no more bytes.
    var reachedEnd: Bool { hot.pointee.eof }

    /// `firstLine` is the line of the first byte (a part of a split file starts past line 1).
    init(chunks: FileChunks, maxFieldBytes: Int, firstLine: Int = 1) {
        self.chunks = chunks
        self.maxFieldBytes = maxFieldBytes
        hot = .allocate(capacity: 1)
        hot.initialize(to: Hot(line: firstLine))
    }

    deinit {
        hot.deinitialize(count: 1)
        hot.deallocate()
    }

    func syntax(_ message: String) -> JSONSyntaxError { JSONSyntaxError(line: line, message: message) }

    private func refill() throws -> Bool {
        if eof { return false }
        hot.pointee.chunk = try chunks.next()
        pos = 0
        if chunk.isEmpty { eof = true }
        return !eof
    }

    /// The next byte without consuming it; nil at end of file.
    @inline(__always)
    func peek() throws -> UInt8? {
        if pos < chunk.count { return chunk[pos] }
        return try refill() ? chunk[pos] : nil
    }

    @inline(__always)
    private func newline(_ c: UInt8) {
        if c == Self.cr {
            if pendingCR { lineEnds.cr += 1 }
            pendingCR = true
            hot.pointee.line += 1
        } else if pendingCR {
            pendingCR = false
            lineEnds.crlf += 1
        } else {
            lineEnds.lf += 1
            hot.pointee.line += 1
        }
    }

    /// After a list's item: the first byte of the next item (the `,` consumed), or nil at the
    /// list's `]` (consumed); anything else is a syntax error (`ended` when the file ends there).
    @inline(__always)
    func nextListItem(ended: StaticString = "the file ends inside a list", otherwise: StaticString = "expected ',' or ']' in a list") throws -> UInt8?? {
        let c = try skipWhitespace()
        if c == UInt8(ascii: ",") {
            pos += 1
            return .some(try skipWhitespace())
        }
        if c == UInt8(ascii: "]") {
            pos += 1
            return .none
        }
        throw separatorError(atEnd: c == nil, ended, otherwise)
    }

    /// After an object's member: the first byte of the next member (the `,` consumed), or nil
    /// at the object's `}` (consumed); anything else is a syntax error (`ended` at the file's end).
    @inline(__always)
    func nextObjectMember(ended: StaticString, otherwise: StaticString) throws -> UInt8?? {
        let c = try skipWhitespace()
        if c == UInt8(ascii: ",") {
            pos += 1
            return .some(try skipWhitespace())
        }
        if c == UInt8(ascii: "}") {
            pos += 1
            return .none
        }
        throw separatorError(atEnd: c == nil, ended, otherwise)
    }

    /// The error after an item or member that neither `,` nor the closing bracket follows.
    @inline(never)
    private func separatorError(atEnd: Bool, _ ended: StaticString, _ otherwise: StaticString) -> JSONSyntaxError {
        syntax("\(atEnd ? ended : otherwise)")
    }

    /// Skips whitespace (counting lines) and returns the next byte unconsumed.
    func skipWhitespace() throws -> UInt8? {
        while true {
            while pos < chunk.count {
                let c = chunk[pos]
                switch c {
                case 0x20, 0x09: pos += 1
                case Self.lf, Self.cr: newline(c); pos += 1
                default:
                    if pendingCR { pendingCR = false; lineEnds.cr += 1 }
                    return c
                }
            }
            if try !refill() {
                if pendingCR { pendingCR = false; lineEnds.cr += 1 }
                return nil
            }
        }
    }

    /// Skips spaces and tabs (not line ends) and returns the next byte unconsumed.
    func skipSpacesOnLine() throws -> UInt8? {
        while let c = try peek() {
            if c == 0x20 || c == 0x09 { pos += 1; continue }
            // A CR ends the line (CRLF or CR files): leave it to skipWhitespace.
            return c == Self.cr ? Self.lf : c
        }
        return nil
    }

    /// Consumes everything up to and including the next line end.
    func skipRestOfLine() throws {
        while let c = try peek() {
            pos += 1
            if c == Self.lf || c == Self.cr {
                newline(c)
                if c == Self.cr, try peek() == Self.lf { pos += 1; newline(Self.lf) }
                return
            }
        }
    }

    /// Consumes `literal` (true, false, null) or throws.
    func expect(_ literal: StaticString) throws {
        let bytes = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for b in bytes {
            guard try peek() == b else { throw syntax("expected '\(literal)'") }
            pos += 1
        }
    }

    /// Reads a string's content (the opening quote already consumed) into
    /// `out`, unescaped. A line end or control character inside is an error
    /// and is left unconsumed.
    func readString(into out: inout JSONBytes) throws {
        out.removeAll()
        try appendString(to: &out)
    }

    /// As `readString(into:)`, after what `out` holds already (a key after its path's prefix).
    func appendString(to out: inout JSONBytes) throws {
        let start = out.count
        while true {
            if pos >= chunk.count {
                guard try refill() else { throw syntax("the file ends inside a string") }
            }
            let from = pos
            var k = pos
            let count = chunk.count
            // Eight bytes at a time up to the first quote, backslash or control byte, then
            // byte by byte (the chunk's last bytes, or the word that holds the stop).
            if let base = chunk.baseAddress {
                while k + 8 <= count {
                    let word = base.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                    let stops = word.bytes(equalTo: Self.quote) | word.bytes(equalTo: Self.backslash)
                        | (word & 0xE0E0_E0E0_E0E0_E0E0).bytes(equalTo: 0)
                    if stops != 0 {
                        k += stops.trailingZeroBitCount / 8
                        break
                    }
                    k += 8
                }
            }
            while k < count {
                let c = chunk[k]
                if c == Self.quote || c == Self.backslash || c < 0x20 { break }
                k += 1
            }
            if k > from {
                out.append(UnsafeRawBufferPointer(rebasing: chunk[from..<k]))
                if out.count - start > maxFieldBytes {
                    throw IngestError.fieldTooLarge(path: chunks.path, line: line, limit: maxFieldBytes)
                }
            }
            pos = k
            if k == count { continue }
            let c = chunk[k]
            if c == Self.quote { pos += 1; return }
            if c < 0x20 {
                throw syntax(c == Self.lf || c == Self.cr ? "a string is not closed before the end of the line"
                             : "a control character inside a string (write it as an escape such as \\t)")
            }
            pos += 1
            guard let e = try peek() else { throw syntax("the file ends inside a string") }
            pos += 1
            switch e {
            case Self.quote, Self.backslash, UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"): try readUnicodeEscape(into: &out)
            default: throw syntax("an unknown escape '\\\(String(UnicodeScalar(e)))' inside a string")
            }
        }
    }

    private func hex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let c = try peek() else { throw syntax("the file ends inside a \\u escape") }
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw syntax("a \\u escape needs four hexadecimal digits")
            }
            value = value << 4 | digit
            pos += 1
        }
        return value
    }

    private func readUnicodeEscape(into out: inout JSONBytes) throws {
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar) {
            // A high surrogate needs a low one right after it.
            if try peek() == Self.backslash {
                pos += 1
                guard try peek() == UInt8(ascii: "u") else { throw syntax("a lone surrogate escape") }
                pos += 1
                let low = try hex4()
                scalar = (0xDC00...0xDFFF).contains(low) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
            } else {
                scalar = 0xFFFD
            }
        } else if (0xDC00...0xDFFF).contains(scalar) {
            scalar = 0xFFFD
        }
        let unicode = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        var text = String(Character(unicode))
        text.withUTF8 { out.append(UnsafeRawBufferPointer($0)) }
    }

    /// Reads a number's text into `out` and checks its grammar.
    func readNumber(into out: inout JSONBytes) throws {
        out.removeAll()
        while let c = try peek() {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
                 UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                out.append(c)
                pos += 1
                if out.count > maxFieldBytes {
                    throw IngestError.fieldTooLarge(path: chunks.path, line: line, limit: maxFieldBytes)
                }
            default:
                guard JSONNumber.isValid(out.bytes) else { throw syntax("'\(out.string)' is not a JSON number") }
                return
            }
        }
        guard JSONNumber.isValid(out.bytes) else { throw syntax("'\(out.string)' is not a JSON number") }
    }
}

/// The JSON number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
enum JSONNumber {
    static func isValid(_ text: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = text.count
        func digits() -> Int {
            let start = i
            while i < n && text[i] >= 0x30 && text[i] <= 0x39 { i += 1 }
            return i - start
        }
        if i < n && text[i] == UInt8(ascii: "-") { i += 1 }
        guard i < n else { return false }
        if text[i] == UInt8(ascii: "0") { i += 1 } else if digits() == 0 { return false }
        if i < n && text[i] == UInt8(ascii: ".") {
            i += 1
            if digits() == 0 { return false }
        }
        if i < n && (text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E")) {
            i += 1
            if i < n && (text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-")) { i += 1 }
            if digits() == 0 { return false }
        }
        return i == n
    }
}
