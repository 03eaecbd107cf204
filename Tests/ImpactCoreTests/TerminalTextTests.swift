import XCTest
import ImpactCore

/// What `TerminalText.visible` shows and what it leaves alone.
final class TerminalTextTests: XCTestCase {
    func testControlsAreShownAndTextIsLeftAlone() {
        XCTAssertEqual(TerminalText.visible("Thāne\tजयपुर 👩🏽‍⚕️ <b>"), "Thāne\tजयपुर 👩🏽‍⚕️ <b>", "letters, marks, emoji, tabs are text")
        XCTAssertEqual(TerminalText.visible("a\u{1B}[2Jb"), "a\\u{1B}[2Jb")
        XCTAssertEqual(TerminalText.visible("x\u{7F}y\u{85}z\u{9B}"), "x\\u{7F}y\\u{85}z\\u{9B}", "DEL and C1 controls")
        XCTAssertEqual(TerminalText.visible("\u{202E}cba\u{2066}"), "\\u{202E}cba\\u{2066}", "bidirectional controls")
        XCTAssertEqual(TerminalText.visible("one\ntwo\r"), "one\\u{A}two\\u{D}", "a one-line text shows its line breaks")
        XCTAssertEqual(TerminalText.visible("one\ntwo\r", keepingLineBreaks: true), "one\ntwo\\u{D}",
                       "a message of several lines keeps them; a carriage return would write over the line")
        XCTAssertEqual(TerminalText.visible("\u{0}"), "\\u{0}")
    }
}
