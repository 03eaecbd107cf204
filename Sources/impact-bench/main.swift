import Foundation

/// `impact-bench COMMAND [options]`: throughput and peak-memory benchmarks.
/// Each benchmark is one entry here; add yours to `BenchCommands.all`.
let arguments = Array(CommandLine.arguments.dropFirst())
let status = BenchCommands.run(arguments)
exit(status)
