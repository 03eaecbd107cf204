import ImpactCore

/// Why a run stopped before publishing. Data defects never stop a run: they
/// are findings in the rejected-rows files.
public enum PipelineError: Error, CustomStringConvertible {
    /// A bad pipeline file or a source that cannot be read (exit status 2).
    case configuration(String)
    /// Another run holds the output folder (exit status 4).
    case busy(String)
    /// A cumulative figure would shrink against the previous figures.json (exit status 3).
    case revision([String])
    /// The previous figures.json is there but does not read, so the revision guard cannot
    /// compare (exit status 3, as the guard's own refusal).
    case previousUnreadable(String)
    /// An output could not be written (exit status 2).
    case output(String)

    public var description: String {
        switch self {
        case .configuration(let message), .busy(let message), .output(let message): return message
        case .revision(let lines):
            return "figures would be revised downwards against the previous run; nothing was published:\n"
                + lines.map { "  " + $0 }.joined(separator: "\n")
                + "\nfind why (a corrected export, a changed filter), then rerun with --allow-revision"
        case .previousUnreadable(let reason):
            return "\(reason)\nwithout it the run cannot check that no cumulative figure shrinks, so nothing was published;"
                + " restore the file from a backup and rerun, or rerun with --allow-revision to publish without the check"
                + " (this run's figures.json then replaces it)"
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .configuration, .output: return .configuration
        case .busy: return .busy
        case .revision, .previousUnreadable: return .revision
        }
    }
}
