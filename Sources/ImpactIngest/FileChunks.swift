import ImpactCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file in fixed-size chunks into one reused buffer (read(2); the
/// whole file is never held).
final class FileChunks {
    let path: String
    private let fd: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    /// Bytes read so far.
    private(set) var bytesRead = 0
    /// Bytes left to read when reading a byte range of the file (nil: to the end).
    private var left: Int?
    /// An encoding to transcode to UTF-8 as chunks are read.
    var encoding: TextEncoding = .utf8 {
        didSet { utf16 = encoding.isUTF16 ? UTF16Decoder(bigEndian: encoding == .utf16be) : nil }
    }
    /// UTF-16's decoder, which carries a unit cut by a chunk's end.
    private var utf16: UTF16Decoder?
    /// The UTF-8 of a chunk, allocated when an encoding needs it.
    private var transcoded: UnsafeMutableRawBufferPointer?

    /// Reads `range` of the file only (a part of it for the parallel reader).
    convenience init(path: String, chunkSize: Int, range: Range<Int>) throws(IngestError) {
        try self.init(path: path, chunkSize: chunkSize)
        guard lseek(fd, off_t(range.lowerBound), SEEK_SET) >= 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        left = range.count
    }

    init(path: String, chunkSize: Int) throws(IngestError) {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw .fileNotFound(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notAFile(path: path) }
        let opened = open(path, O_RDONLY)
        guard opened >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        fd = opened
        buffer = .allocate(byteCount: max(1, chunkSize), alignment: 16)
    }

    deinit {
        close(fd)
        buffer.deallocate()
        transcoded?.deallocate()
    }

    /// The next chunk (empty at end of file). Valid until the next call.
    func next() throws(IngestError) -> UnsafeRawBufferPointer {
        guard let base = buffer.baseAddress else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let wanted = min(buffer.count, left ?? Int.max)
        if wanted == 0 { return UnsafeRawBufferPointer(start: base, count: 0) }
        while true {
            let count = read(fd, base, wanted)
            if count >= 0 {
                bytesRead += count
                if let remaining = left { left = remaining - count }
                let raw = UnsafeRawBufferPointer(start: base, count: count)
                guard encoding != .utf8 else { return raw }
                let output = transcoded ?? .allocate(byteCount: max(buffer.count * 3, UTF16Decoder.capacity(forInput: buffer.count)),
                                                     alignment: 16)
                transcoded = output
                guard var decoder = utf16 else {
                    let written = SingleByteDecoder.transcode(raw, from: encoding, into: output)
                    return UnsafeRawBufferPointer(start: output.baseAddress, count: written)
                }
                // At the end of the file, what the decoder still holds (a cut unit) is flagged.
                let written = count == 0 ? decoder.finish(into: output) : decoder.transcode(raw, into: output)
                utf16 = decoder
                if count > 0 && written == 0 { continue }  // one byte read: carried to the next
                return UnsafeRawBufferPointer(start: output.baseAddress, count: written)
            }
            if errno == EINTR { continue }
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Up to `limit` bytes from the start of the file, for detecting its format.
    static func prefix(path: String, limit: Int) throws(IngestError) -> [UInt8] {
        let chunks = try FileChunks(path: path, chunkSize: limit)
        var bytes: [UInt8] = []
        while bytes.count < limit {
            let chunk = try chunks.next()
            if chunk.isEmpty { break }
            bytes.append(contentsOf: chunk.prefix(limit - bytes.count))
        }
        return bytes
    }
}
