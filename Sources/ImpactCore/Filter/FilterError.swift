/// A mistake in a filter expression (`where`), pointing at the 1-based column
/// of the text where it was found.
public struct FilterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based column (in characters) of the mistake in the filter text.
    public var column: Int
    public var message: String

    public init(column: Int, _ message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "column \(column): \(message)" }

    /// The filter text with a caret under the mistake, for terminals:
    /// ```
    /// age < 18 andd office == "x"
    ///          ^ expected 'and', 'or' or the end, found 'andd'
    /// ```
    public func pointing(into text: String) -> String {
        text + "\n" + String(repeating: " ", count: max(0, column - 1)) + "^ " + message
    }
}
