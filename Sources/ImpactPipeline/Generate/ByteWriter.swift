import Foundation

/// Why a generated file could not be written.
public struct GenerateError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path): \(reason)" }
}

/// Appends bytes to a file through a fixed buffer: the whole file is never in memory.
final class ByteWriter {
    static let capacity = 1 << 20
    let path: String
    private let handle: FileHandle
    /// Bytes not yet written to the file (internal so that format extensions append directly).
    var buffer: [UInt8] = []
    private(set) var bytesWritten = 0

    /// Creates (or truncates) the file at `path`.
    init(path: String) throws(GenerateError) {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw GenerateError(path: path, reason: "the file cannot be created")
        }
        self.handle = handle
        buffer.reserveCapacity(Self.capacity)
    }

    @inline(__always) func byte(_ value: UInt8) { buffer.append(value) }

    @inline(__always) func bytes(_ values: [UInt8]) { buffer.append(contentsOf: values) }

    func text(_ value: String) { buffer.append(contentsOf: value.utf8) }

    /// A decimal integer, with a minus sign when negative.
    func decimal(_ value: Int) {
        if value < 0 { byte(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = buffer.count
        repeat {
            buffer.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        buffer[start...].reverse()
    }

    /// A non-negative integer padded with zeros to `width` digits.
    func padded(_ value: Int, width: Int) {
        var scale = 1
        for _ in 1..<width { scale *= 10 }
        var rest = value
        while scale > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8((rest / scale) % 10))
            rest %= scale
            scale /= 10
        }
    }

    /// An ISO 8601 date: 2014-11-03.
    func isoDate(year: Int, month: Int, day: Int) {
        padded(year, width: 4)
        byte(UInt8(ascii: "-"))
        padded(month, width: 2)
        byte(UInt8(ascii: "-"))
        padded(day, width: 2)
    }

    /// Writes the buffer out once it is nearly full; call after each row.
    @inline(__always) func rowDone() throws(GenerateError) {
        if buffer.count >= Self.capacity - 4096 { try flush() }
    }

    func flush() throws(GenerateError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw GenerateError(path: path, reason: "\(error)")
        }
        bytesWritten += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file.
    func close() throws(GenerateError) {
        try flush()
        do {
            try handle.close()
        } catch {
            throw GenerateError(path: path, reason: "\(error)")
        }
    }
}
