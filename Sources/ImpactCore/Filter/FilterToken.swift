/// A token of the filter language, with the 1-based column where it starts.
struct FilterToken: Equatable {
    enum Kind: Equatable {
        case identifier(String)
        case keyword(String)          // lower-cased: and, or, not, in, is, missing, true, false
        case string(String)
        case number(Double, isInteger: Bool)
        case date(Day)
        case op(String)               // == != < <= > >=
        case leftParen, rightParen, leftBracket, rightBracket, comma
        case end
    }
    var kind: Kind
    var column: Int

    var describe: String {
        switch kind {
        case .identifier(let name): return "'\(name)'"
        case .keyword(let word): return "'\(word)'"
        case .string(let text): return "the text \"\(text)\""
        case .number(let value, let isInteger): return isInteger ? "the number \(Int(value))" : "the number \(value)"
        case .date(let day): return "the date \(day.iso)"
        case .op(let symbol): return "'\(symbol)'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .comma: return "','"
        case .end: return "the end of the filter"
        }
    }
}

/// Splits filter text into tokens. Keywords are case-insensitive.
enum FilterLexer {
    /// What to write instead of a word processor's typographic character (a filter copied
    /// from a document): straight quotes, `<=`, `>=`, `!=`, `-`.
    static func typographicHint(_ c: Character) -> String {
        switch c {
        case "\u{201C}", "\u{201D}", "\u{201E}", "\u{00AB}", "\u{00BB}": return ": write text in straight quotes, \"Mumbai\""
        case "\u{2018}", "\u{2019}", "\u{201A}": return ": write text in straight quotes, 'Mumbai'"
        case "\u{2264}": return ": write <="
        case "\u{2265}": return ": write >="
        case "\u{2260}": return ": write !="
        case "\u{2212}", "\u{2013}", "\u{2014}": return ": write a minus as -"
        default: return ""
        }
    }

    static let keywords: Set<String> = ["and", "or", "not", "in", "is", "missing", "true", "false"]

    static func tokens(_ text: String) throws(FilterError) -> [FilterToken] {
        let chars = Array(text)
        var out: [FilterToken] = []
        var i = 0
        func isWordStart(_ c: Character) -> Bool { FieldNameRule.isStart(c) }
        func isWord(_ c: Character) -> Bool { FieldNameRule.isPart(c) }
        func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        while i < chars.count {
            let c = chars[i]
            let column = i + 1
            if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
            switch c {
            case "(": out.append(.init(kind: .leftParen, column: column)); i += 1; continue
            case ")": out.append(.init(kind: .rightParen, column: column)); i += 1; continue
            case "[": out.append(.init(kind: .leftBracket, column: column)); i += 1; continue
            case "]": out.append(.init(kind: .rightBracket, column: column)); i += 1; continue
            case ",": out.append(.init(kind: .comma, column: column)); i += 1; continue
            default: break
            }
            if c == "=" || c == "!" || c == "<" || c == ">" {
                let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
                if next == "=" {
                    out.append(.init(kind: .op(String(c) + "="), column: column)); i += 2; continue
                }
                if c == "<" || c == ">" {
                    out.append(.init(kind: .op(String(c)), column: column)); i += 1; continue
                }
                let hint = c == "=" ? "to test equality write '=='" : "to negate write 'not' or '!='"
                throw FilterError(column: column, "unexpected '\(c)': \(hint)")
            }
            if c == "\"" || c == "'" {
                var j = i + 1
                var value = ""
                while j < chars.count, chars[j] != c {
                    if chars[j] == "\\", j + 1 < chars.count { j += 1 }
                    value.append(chars[j])
                    j += 1
                }
                guard j < chars.count else {
                    throw FilterError(column: column, "this text has no closing \(c)")
                }
                out.append(.init(kind: .string(value), column: column))
                i = j + 1
                continue
            }
            if isDigit(c) || (c == "-" && i + 1 < chars.count && isDigit(chars[i + 1])) {
                var j = i + 1
                while j < chars.count, isDigit(chars[j]) || chars[j] == "." || chars[j] == "-" || chars[j] == "_" { j += 1 }
                if j < chars.count, isWordStart(chars[j]) {
                    throw FilterError(column: column, "'\(String(chars[i..<min(chars.count, j + 1)]))...' is neither a number nor a name (names start with a letter)")
                }
                let word = String(chars[i..<j])
                if word.dropFirst().contains("-") {
                    guard let day = Day(iso: word) else {
                        throw FilterError(column: column, "'\(word)' is not a date: write yyyy-MM-dd, a real day")
                    }
                    out.append(.init(kind: .date(day), column: column))
                } else if let value = Int(word.filter { $0 != "_" }) {
                    out.append(.init(kind: .number(Double(value), isInteger: true), column: column))
                } else if let value = Double(word.filter { $0 != "_" }) {
                    out.append(.init(kind: .number(value, isInteger: false), column: column))
                } else {
                    throw FilterError(column: column, "'\(word)' is not a number")
                }
                i = j
                continue
            }
            if isWordStart(c) {
                var j = i + 1
                while j < chars.count, isWord(chars[j]) { j += 1 }
                let word = String(chars[i..<j])
                let lower = word.lowercased()
                out.append(.init(kind: keywords.contains(lower) ? .keyword(lower) : .identifier(word), column: column))
                i = j
                continue
            }
            throw FilterError(column: column, "unexpected character '\(c)'" + Self.typographicHint(c))
        }
        out.append(.init(kind: .end, column: chars.count + 1))
        return out
    }
}
