#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs one child process and measures it from outside: wall time from spawn
/// to exit, and the child's own peak RSS (`wait4`'s rusage, so each child's
/// figure is its own whatever ran before it).
enum Spawn {
    struct Outcome {
        var status: Int32
        var seconds: Double
        var peakRSS: Int
        var output: String
    }

    /// Runs `arguments` (the first is looked up on PATH when it has no slash),
    /// capturing stdout; stderr passes through.
    static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Outcome {
        let outPath = NSTemporaryDirectory() + "impact-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in extra { env[k] = v }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = env.keys.sorted().map { strdup("\($0)=\(env[$0] ?? "")") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let spawned = arguments[0].contains("/")
            ? posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
            : posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw BenchError(description: "cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError(description: "wait4 failed for \(arguments[0])") }
        }
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0
        return Outcome(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), seconds: seconds,
                       peakRSS: usage.ru_maxrss * 1024, output: output)
    }

    /// Whether a program is on PATH.
    static func onPath(_ name: String) -> Bool {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return dirs.contains { access("\($0)/\(name)", X_OK) == 0 }
    }
}
