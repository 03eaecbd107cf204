import ImpactCore
import Mustache

/// A template read, checked and parsed, ready to render any number of view
/// models: `HTMLRenderer.load` or `TextRenderer.load` make one (a run loads its
/// fact sheet's pair while the sources are read, and renders when they are done).
public struct LoadedTemplate: Sendable {
    let template: MustacheTemplate
    /// The text renderer's wrapping column; nil for HTML.
    let wrapWidth: Int?

    /// Renders a view model (a fact sheet, a monthly report). A text document's values show
    /// their control characters already (`TextRenderer.PlainTextContentType`); an HTML
    /// document's are shown here (the template holds none: `TemplateLoader.checkText`).
    public func render(_ model: Any) -> String {
        let text = template.render(model)
        guard let wrapWidth else { return TerminalText.visible(text, keepingLineBreaks: true, keepingBidirectional: true) }
        return TextWrapper(width: wrapWidth).wrap(text)
    }
}

/// Renders a fact sheet to one self-contained HTML file through `<template>.html`.
public struct HTMLRenderer: Sendable {
    public let loader: TemplateLoader

    /// - Parameter templatesDirectory: the folder holding the templates (only files inside it are read).
    public init(templatesDirectory: String = "reports/templates") {
        loader = TemplateLoader(directory: templatesDirectory)
    }

    public func render(_ sheet: FactSheet) throws(RenderError) -> String {
        try render(model: sheet, template: sheet.template)
    }

    /// Renders any view model (a fact sheet, a monthly report) through `<template>.html`.
    public func render(model: Any, template name: String) throws(RenderError) -> String {
        try load(template: name).render(model)
    }

    /// `<template>.html`, read, checked and parsed.
    public func load(template name: String) throws(RenderError) -> LoadedTemplate {
        let (_, template) = try loader.load(name: name, extension: "html")
        return LoadedTemplate(template: template, wrapWidth: nil)
    }
}

/// Renders a fact sheet to plain text through `<template>.txt` (which starts with
/// `{{% CONTENT_TYPE: TEXT}}`), then wraps every line at 72 columns.
public struct TextRenderer: Sendable {
    public let loader: TemplateLoader
    public let width: Int

    public init(templatesDirectory: String = "reports/templates", width: Int = 72) {
        loader = TemplateLoader(directory: templatesDirectory)
        self.width = width
    }

    public func render(_ sheet: FactSheet) throws(RenderError) -> String {
        try render(model: sheet, template: sheet.template)
    }

    /// Renders any view model (a fact sheet, a monthly report) through `<template>.txt`.
    public func render(model: Any, template name: String) throws(RenderError) -> String {
        try load(template: name).render(model)
    }

    /// `<template>.txt`, read, checked (it must turn HTML escaping off) and parsed.
    public func load(template name: String) throws(RenderError) -> LoadedTemplate {
        TextRenderer.registerPlainText
        let (path, template) = try loader.load(name: name, extension: "txt")
        guard template.description.hasPrefix("{{% CONTENT_TYPE: TEXT}}") else {
            throw .templateNotAllowed(path: path, line: 1,
                                      message: "a text template must start with {{% CONTENT_TYPE: TEXT}}, or every value would be HTML-escaped")
        }
        return LoadedTemplate(template: template, wrapWidth: width)
    }
}

extension TextRenderer {
    /// Values in a text document (`{{% CONTENT_TYPE: TEXT}}`) are not HTML-escaped, but their
    /// control characters are shown (`TerminalText`): a fact sheet read in a terminal or an
    /// e-mail does not obey an escape sequence from an export. Registered under `TEXT` (the
    /// pragma is read as a template is parsed), once a process.
    static let registerPlainText: Void = MustacheContentTypes.register(PlainTextContentType(), named: "TEXT")

    struct PlainTextContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { TerminalText.visible(text, keepingLineBreaks: true) }
    }
}
