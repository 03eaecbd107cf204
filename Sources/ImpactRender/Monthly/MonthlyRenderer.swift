/// Renders the monthly report to one self-contained HTML file through `<template>.html`.
public struct MonthlyHTMLRenderer: Sendable {
    public let loader: TemplateLoader

    /// - Parameter templatesDirectory: the folder holding the templates (only files inside it are read).
    public init(templatesDirectory: String = "reports/templates") {
        loader = TemplateLoader(directory: templatesDirectory)
    }

    public func render(_ report: MonthlyReport) throws(RenderError) -> String {
        let (_, template) = try loader.load(name: report.template, extension: "html")
        return template.render(report)
    }
}

/// Renders the monthly report to plain text for e-mail through `<template>.txt`
/// (which starts with `{{% CONTENT_TYPE: TEXT}}`), wrapped at 72 columns.
public struct MonthlyTextRenderer: Sendable {
    public let loader: TemplateLoader
    public let width: Int

    public init(templatesDirectory: String = "reports/templates", width: Int = 72) {
        loader = TemplateLoader(directory: templatesDirectory)
        self.width = width
    }

    public func render(_ report: MonthlyReport) throws(RenderError) -> String {
        let (path, template) = try loader.load(name: report.template, extension: "txt")
        guard template.description.hasPrefix("{{% CONTENT_TYPE: TEXT}}") else {
            throw .templateNotAllowed(path: path, line: 1,
                                      message: "a text template must start with {{% CONTENT_TYPE: TEXT}}, or every value would be HTML-escaped")
        }
        return TextWrapper(width: width).wrap(template.render(report))
    }
}
