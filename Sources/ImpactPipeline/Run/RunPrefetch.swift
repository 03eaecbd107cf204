import Dispatch
import ImpactRender

/// What a run needs only after its sources are read but can have before: the
/// fact sheet's two templates (read, checked, parsed) and the previous run's
/// figures.json. Both are loaded on a thread of their own while the sources are
/// read, which shortens the run's last stretch (merge, render, write), where one
/// core waits for the other. A template's failure is kept and reported where the
/// run reports it anyway: after the sources were read and the fact sheet built.
final class RunPrefetch: @unchecked Sendable {
    struct Templates {
        var html: Result<LoadedTemplate, RenderError>
        var text: Result<LoadedTemplate, RenderError>
    }

    private let group = DispatchGroup()
    private let templatesDirectory: String
    /// The template the prefetch loads, and what loading it gave.
    private let template: String?
    private var loaded: Templates?
    private var previousFigures: Result<PreviousFigures?, PreviousFigures.Unreadable> = .success(nil)

    /// Starts loading `template` (nil: no fact sheet) and the figures file at `figuresPath`.
    init(templatesDirectory: String, template: String?, figuresPath: String) {
        self.templatesDirectory = templatesDirectory
        self.template = template
        // The job holds this object until it is done; every reader waits for the group first.
        DispatchQueue(label: "impact.prefetch").async(group: group) { [self] in
            if let template { loaded = RunPrefetch.load(template, from: templatesDirectory) }
            previousFigures = PreviousFigures.read(at: figuresPath)
        }
    }

    /// The HTML and text templates named `name` (loaded now if the prefetch loaded another).
    func templates(named name: String) -> Templates {
        group.wait()
        if let loaded, template == name { return loaded }
        return RunPrefetch.load(name, from: templatesDirectory)
    }

    /// The previous run's figures.json: nil when there is none, an error when it does not read.
    var previous: Result<PreviousFigures?, PreviousFigures.Unreadable> {
        group.wait()
        return previousFigures
    }

    /// Waits for the loads (a run that stops early leaves nothing running behind it).
    func finish() { group.wait() }

    private static func load(_ name: String, from directory: String) -> Templates {
        Templates(html: Result { () throws(RenderError) in try HTMLRenderer(templatesDirectory: directory).load(template: name) },
                  text: Result { () throws(RenderError) in try TextRenderer(templatesDirectory: directory).load(template: name) })
    }
}
