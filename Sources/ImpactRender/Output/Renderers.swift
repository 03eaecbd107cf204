import Mustache

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
        let (_, template) = try loader.load(name: name, extension: "html")
        return template.render(model)
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
        let (path, template) = try loader.load(name: name, extension: "txt")
        guard template.description.hasPrefix("{{% CONTENT_TYPE: TEXT}}") else {
            throw .templateNotAllowed(path: path, line: 1,
                                      message: "a text template must start with {{% CONTENT_TYPE: TEXT}}, or every value would be HTML-escaped")
        }
        return TextWrapper(width: width).wrap(template.render(model))
    }
}
