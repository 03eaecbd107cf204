import Foundation
import ImpactCore
import Mustache

/// Loads `<name>.<extension>` from a templates folder, and nothing outside it.
///
/// Templates may not print unescaped values (`{{{x}}}`, `{{&x}}`), change the
/// delimiters (which would hide such a tag) or include partials: every value
/// from a pipeline or an export goes through Mustache's escaping.
public struct TemplateLoader: Sendable {
    /// The folder, as given (`reports/templates` by default).
    public let directory: String
    /// The largest template file read (templates are read whole).
    public static let maxBytes = 1 << 20

    public init(directory: String = "reports/templates") {
        self.directory = directory
    }

    /// The template's path after checks, and its parsed form.
    public func load(name: String, extension ext: String) throws(RenderError) -> (path: String, template: MustacheTemplate) {
        guard TemplateName.isValid(name) else { throw .invalidTemplateName(name) }
        let folder = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL.resolvingSymlinksInPath()
        let file = folder.appendingPathComponent(name + "." + ext).standardizedFileURL.resolvingSymlinksInPath()
        let path = (directory.hasSuffix("/") ? directory : directory + "/") + name + "." + ext
        guard file.path.hasPrefix(folder.path + "/"), FileManager.default.fileExists(atPath: file.path) else {
            throw .templateMissing(path: path)
        }
        // Read whole, so: a regular file (a FIFO would block) of bounded size.
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
        guard attributes?[.type] as? FileAttributeType == .typeRegular else {
            throw .templateUnreadable(path: path, reason: "not a regular file")
        }
        guard let size = attributes?[.size] as? Int, size <= TemplateLoader.maxBytes else {
            throw .templateUnreadable(path: path, reason: "it is over \(TemplateLoader.maxBytes >> 20) MiB; a template is never this large")
        }
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw .templateUnreadable(path: path, reason: error.localizedDescription)
        }
        try TemplateLoader.checkEscaping(text, path: path, allowPragmas: ext == "txt")
        try TemplateLoader.checkText(text, path: path)
        do {
            return (path, try MustacheTemplate(string: text))
        } catch let error as MustacheTemplate.ParserError {
            throw .templateSyntax(path: path, line: error.context.lineNumber, message: "\(error.error) near '\(error.context.line)'")
        } catch {
            throw .templateSyntax(path: path, line: 0, message: "\(error)")
        }
    }

    /// Refuses the tags that would print a value unescaped or hide such a tag.
    /// A pragma (`{{% CONTENT_TYPE: TEXT}}`) turns escaping off: only text templates may use one.
    static func checkEscaping(_ text: String, path: String, allowPragmas: Bool = true) throws(RenderError) {
        // `isNewline`: a CRLF line end is one Character, which a split on "\n" would not cut.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            var rest = Substring(line)
            while let open = rest.range(of: "{{") {
                rest = rest[open.upperBound...]
                let tag = rest.drop { $0 == " " || $0 == "\t" }
                guard let kind = tag.first else { continue }
                let why: String?
                switch kind {
                case "{", "&": why = "prints a value without HTML escaping; use {{name}}"
                case "=": why = "changes the tag delimiters, which these templates do not allow"
                case ">", "<", "$": why = "uses partials or blocks, which these templates do not allow; keep a layout in one file"
                case "%" where !allowPragmas: why = "is a pragma, which would turn HTML escaping off; only a .txt template may start with {{% CONTENT_TYPE: TEXT}}"
                default: why = nil
                }
                if let why { throw .templateNotAllowed(path: path, line: index + 1, message: "the tag '{{\(kind)' \(why)") }
            }
        }
    }

    /// Refuses a control character (other than tabs and line ends): a template holds text, and
    /// whatever control character a rendered document holds then came from a value, which the
    /// render writes out visibly (`TerminalText`).
    static func checkText(_ text: String, path: String) throws(RenderError) {
        guard TerminalText.firstControl(in: text) != nil else { return }
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if let control = TerminalText.firstControl(in: String(line)) {
                let code = String(format: "U+%04X", control.value)
                throw .templateNotAllowed(path: path, line: index + 1,
                                          message: "the control character \(code) is not text; leave it out (or write it as an HTML entity)")
            }
        }
    }
}
