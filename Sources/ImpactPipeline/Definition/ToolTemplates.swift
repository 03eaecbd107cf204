import Foundation

/// The templates that came with the tool: `reports/templates` in the project folder the
/// `impact` executable was built in (`.build/release/impact` is three folders down), or
/// beside an installed copy (`bin/impact` with `reports/templates` one folder up).
enum ToolTemplates {
    /// The first `reports/templates` holding the default brochure, in the executable's
    /// folder or one of the four above it; nil when there is none.
    static let directory: String? = {
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        var folder = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? executable.path)
            .deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("reports/templates")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("brochure.html").path) {
                return candidate.standardizedFileURL.path
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return nil
    }()
}
