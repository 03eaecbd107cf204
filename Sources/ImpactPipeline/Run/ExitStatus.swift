import Foundation

/// The exit statuses of `impact`, the same for every command, so that a cron
/// job and the person on call can act on them without reading logs first.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Done: outputs written.
    case success = 0
    /// Done and outputs written, but data findings beyond the limit
    /// (`--max-rejected`; for `run` without it, every row of a source rejected), or, for
    /// `inspect`, the file has findings.
    case findings = 1
    /// A configuration error: a bad pipeline file, a missing input, an output
    /// folder that cannot be written. Nothing was published.
    case configuration = 2
    /// A cumulative "since" figure would be published lower than in the previous
    /// run's figures.json, or that figures.json is there but does not read (so no
    /// comparison can be made). Nothing was published; rerun with --allow-revision
    /// once the change is understood.
    case revision = 3
    /// Another run holds the output folder's lock (with --no-wait).
    case busy = 4
    /// A usage error: unknown option, bad argument.
    case usage = 64

    public var meaning: String {
        switch self {
        case .success: return "done"
        case .findings: return "done, but rejected rows beyond --max-rejected (run without it: every row of a source; inspect: the file has findings)"
        case .configuration: return "configuration error (pipeline file, missing input, unwritable output); nothing published"
        case .revision: return "a cumulative figure would shrink against the previous figures.json, or that file does not read; nothing published (--allow-revision)"
        case .busy: return "another run holds the output folder (--no-wait)"
        case .usage: return "usage error"
        }
    }

    /// The table printed in `impact --help` and the README.
    public static var helpText: String {
        "Exit status:\n" + allCases.map { status in
            let code = "  \(status.rawValue)"
            return code + String(repeating: " ", count: max(0, 6 - code.count)) + status.meaning
        }.joined(separator: "\n")
    }
}
