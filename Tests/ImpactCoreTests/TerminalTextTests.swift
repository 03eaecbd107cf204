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
        XCTAssertEqual(TerminalText.visible("a\r\nb\rc\r", keepingLineBreaks: true), "a\r\nb\\u{D}c\\u{D}",
                       "a CRLF line end is kept, a carriage return alone is not")
        XCTAssertEqual(TerminalText.visible("\u{202B}x\u{1B}", keepingBidirectional: true), "\u{202B}x\\u{1B}")
    }

    func testATemplatesFirstControlCharacter() {
        XCTAssertNil(TerminalText.firstControl(in: "<p>\r\n\t{{x}}\n\u{202B}"))
        XCTAssertEqual(TerminalText.firstControl(in: "a\rb"), "\r")
        XCTAssertEqual(TerminalText.firstControl(in: "a\u{85}b\u{1B}"), "\u{85}")
    }
}
