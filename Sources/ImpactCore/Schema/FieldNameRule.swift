/// What a field name may hold where one is written in an expression (a breakdown, a
/// filter, a query's `--by`): letters of any script with their accents and vowel signs,
/// digits and `_`, starting with a letter or `_`. Exports from French-, Spanish- or
/// Hindi-speaking offices name their columns `numéro`, `âge`, `नाम`: their fields must be
/// nameable as they are.
public enum FieldNameRule {
    /// A character a name may start with.
    @inline(__always)
    public static func isStart(_ c: Character) -> Bool { c == "_" || c.isLetter }

    /// A character a name may hold after its first.
    @inline(__always)
    public static func isPart(_ c: Character) -> Bool { isStart(c) || c.isNumber || isMark(c) }

    /// True when `text` is a whole name.
    public static func isName<S: StringProtocol>(_ text: S) -> Bool {
        guard let first = text.first, isStart(first) else { return false }
        return text.dropFirst().allSatisfy(isPart)
    }

    /// A combining mark on its own (a vowel sign after a character it does not join).
    private static func isMark(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return true
            default: return false
            }
        }
    }
}
