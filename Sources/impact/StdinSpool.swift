import ArgumentParser
import Foundation

/// `impact query -`: standard input, spooled to a file of its own (the query reads an export
/// twice, to type its columns and then to fold it, and in parts on every core), in a folder
/// only this user can read, removed when the query ends (on Ctrl-C or a TERM too; the
/// folders of a killed process are swept by the next). Messages name `(stdin)`, not the
/// spool's path.
struct StdinSpool {
    let folder: String
    let path: String
    /// What messages call the input.
    static let name = "(stdin)"

    init() throws {
        Self.sweep()
        var template = Array((NSTemporaryDirectory() + "/\(Self.prefix)\(getpid())-XXXXXX").utf8CString)
        let made: String? = template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, let made = mkdtemp(base) else { return nil }
            return String(cString: made)
        }
        guard let made else {
            throw SpoolError("cannot make a folder for standard input in \(NSTemporaryDirectory()): \(String(cString: strerror(errno)))")
        }
        folder = made
        path = folder + "/stdin"
        Self.removeOnSignal(file: path, folder: folder)
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

    /// The spool for a command's file argument: made when it is `-` (and `spooled` holds),
    /// else nil. A spool that cannot be made is reported by `report` and ends the command (status 2).
    static func forTarget(_ target: String, spooled: Bool = true, report: (String) -> Void) throws -> StdinSpool? {
        guard target == "-" && spooled else { return nil }
        do { return try StdinSpool() } catch {
            report("\(error)")
            throw ExitCode(2)
        }
    }

    /// `text` with the spool's path written as `(stdin)`.
    func named(_ text: String) -> String { text.replacingOccurrences(of: path, with: Self.name) }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
        for signal in Self.signals { Foundation.signal(signal, SIG_DFL) }
    }

    /// The spool folders' name: `impact-stdin-<pid>-XXXXXX`.
    static let prefix = "impact-stdin-"
    static let signals = [SIGINT, SIGTERM, SIGHUP]

    /// Interrupted (Ctrl-C, a cron job's timeout), the spool is removed before the process ends.
    private static func removeOnSignal(file: String, folder: String) {
        spooledFile = strdup(file)
        spooledFolder = strdup(folder)
        for signal in signals { Foundation.signal(signal, removeSpoolAndExit) }
    }

    /// Removes the spool folders of processes that are gone (killed with no chance to
    /// remove theirs): a copy of an export is not left behind for long.
    static func sweep() {
        let base = NSTemporaryDirectory()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), pid != getpid(),
                  kill(pid, 0) == -1, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: base + "/" + name)
        }
    }
}

/// What the signal handler removes, as C strings made before it is installed (it may only
/// call async-signal-safe functions).
private nonisolated(unsafe) var spooledFile: UnsafeMutablePointer<CChar>?
private nonisolated(unsafe) var spooledFolder: UnsafeMutablePointer<CChar>?

private func removeSpoolAndExit(_ signal: Int32) {
    if let spooledFile { unlink(spooledFile) }
    if let spooledFolder { rmdir(spooledFolder) }
    _exit(128 + signal)
}

struct SpoolError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
