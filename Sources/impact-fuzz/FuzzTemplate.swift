import Foundation
import ImpactRender

/// Template rendering: the fuzzed bytes are a template in a private folder,
/// loaded by `HTMLRenderer` through `TemplateLoader` (its checks included) and rendered with a
/// fixed fact sheet whose every text holds `FuzzTemplate.payload`.
enum FuzzTemplate {
    /// A private-use character right before `<`: escaping turns the `<` into `&lt;`,
    /// so the pair can reach the output only if a value is printed unescaped
    /// (a template cannot contain the private-use character: such inputs are not checked).
    static let marker = "\u{E000}<"
    static let payload = "x\u{E000}<script>'\"&y"

    static let sheet: FactSheet? = {
        let p = payload.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let span = #"{"text":"\#(p)","bold":true}"#
        let block = #"{"isList":false,"spans":[\#(span)],"items":[],"plain":"\#(p)"}"#
        let list = #"{"isList":true,"spans":[],"items":[{"spans":[\#(span)],"plain":"\#(p)"}],"plain":"\#(p)"}"#
        let json = #"""
        {"template":"t","title":"\#(p)","titleUnderline":"===","place":"\#(p)","heading":"\#(p)",
         "intro":[\#(block),\#(list)],"asOf":"2019-12-31","asOfText":"31 December 2019","locale":"en","paper":"A4",
         "headline":[{"metric":"\#(p)","label":"\#(p)","exact":641,"exactText":"641","published":"640+",
                      "rule":"\#(p)","wasCut":true,"paddedPublished":"640+"}],
         "hasCutFigures":true,
         "facts":[{"number":1,"marker":"¹","figure":"\#(p)","spans":[\#(span)],"plain":"\#(p)","source":"\#(p)"}],
         "notes":[{"number":1,"marker":"¹","source":"\#(p)"}],
         "quote":{"text":"\#(p)","by":"\#(p)","role":"\#(p)","pseudonym":true},
         "sections":[{"title":"\#(p)","blocks":[\#(block)]}],
         "milestones":[{"year":"2004","text":"\#(p)","detail":"\#(p)","fromData":true,"metric":"\#(p)"}],
         "tables":[{"title":"\#(p)","metric":"\#(p)","labelHeading":"\#(p)","columnHeadings":["\#(p)"],
                    "rows":[{"label":"\#(p)","cells":[{"text":"fewer than 11","hidden":true}]}],
                    "textLines":["\#(p)"],"hasSuppressed":true}],
         "suppressBelow":11,"hasSuppressed":true,"suppressionNote":"\#(p)"}
        """#
        return try? JSONDecoder().decode(FactSheet.self, from: Data(json.utf8))
    }()

    static func render(_ bytes: UnsafeRawBufferPointer) {
        guard let sheet else {
            fuzzRequire(false, "the fixed fact sheet does not decode")
            return
        }
        _ = FuzzScratch.write(bytes, name: "t.html")
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let output = try HTMLRenderer(templatesDirectory: FuzzScratch.folder).render(sheet)
            if !text.contains("\u{E000}") {
                fuzzRequire(!output.contains(marker), "a value reached the output unescaped")
            }
        } catch {
            fuzzRequire(!error.description.isEmpty, "a template error without a message")
        }
    }
}
