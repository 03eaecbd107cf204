import Foundation

/// `impact query -`: standard input, spooled to a file of its own (the query reads an export
/// twice, to type its columns and then to fold it, and in parts on every core), in a folder
/// only this user can read, removed when the query ends. Messages name `-` (stdin), not the
/// spool's path.
struct StdinSpool {
    let folder: String
    let path: String
    /// What messages call the input.
    static let name = "(stdin)"

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/impact-stdin-XXXXXX").utf8CString)
        let made: String? = template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, let made = mkdtemp(base) else { return nil }
            return String(cString: made)
        }
        guard let made else {
            throw SpoolError("cannot make a folder for standard input in \(NSTemporaryDirectory()): \(String(cString: strerror(errno)))")
        }
        folder = made
        path = folder + "/stdin"
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let out = FileHandle(forWritingAtPath: path) else {
            try? FileManager.default.removeItem(atPath: folder)
            throw SpoolError("cannot write standard input to \(path)")
        }
        defer { try? out.close() }
        do {
            while true {
                let chunk = FileHandle.standardInput.readData(ofLength: 1 << 20)
                if chunk.isEmpty { break }
                try out.write(contentsOf: chunk)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw SpoolError("cannot write standard input to \(path): \(error.localizedDescription)")
        }
    }

    /// `text` with the spool's path written as `(stdin)`.
    func named(_ text: String) -> String { text.replacingOccurrences(of: path, with: Self.name) }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

struct SpoolError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
