/// A template that cannot be used. Stops a run like a pipeline mistake does.
public enum RenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name is not a plain base name (it holds `/`, `..` or a dot).
    case invalidTemplateName(String)
    /// The file is not in the templates folder (or leaves it through a link).
    case templateMissing(path: String)
    case templateUnreadable(path: String, reason: String)
    /// A Mustache syntax error at a line of the template.
    case templateSyntax(path: String, line: Int, message: String)
    /// The template prints a value without escaping (`{{{x}}}`, `{{&x}}`) or uses a feature
    /// these templates do not allow (partials, changed delimiters).
    case templateNotAllowed(path: String, line: Int, message: String)

    public var description: String {
        switch self {
        case .invalidTemplateName(let name):
            return "template name '\(name)' must be a plain name (letters, digits, - and _), not a path"
        case .templateMissing(let path):
            return "\(path): no such template in the templates folder (set `templates:` in the pipeline file to the folder that holds it, relative to the pipeline file)"
        case .templateUnreadable(let path, let reason):
            return "\(path): cannot read the template: \(reason)"
        case .templateSyntax(let path, let line, let message):
            return "\(path):\(line): template error: \(message)"
        case .templateNotAllowed(let path, let line, let message):
            return "\(path):\(line): \(message)"
        }
    }
}
