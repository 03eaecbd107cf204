/// Recursive-descent parser over filter tokens (see `FilterExpression` for the grammar).
struct FilterParser {
    let tokens: [FilterToken]
    var index = 0
    /// Open parentheses and `not`s around the current token: the parser recurses
    /// once per level, so a hostile filter of 100,000 `(` would exhaust the stack.
    var depth = 0
    static let maxDepth = 64

    init(tokens: [FilterToken]) { self.tokens = tokens }

    var current: FilterToken { tokens[min(index, tokens.count - 1)] }

    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    func isKeyword(_ word: String) -> Bool { current.kind == .keyword(word) }

    mutating func parseAll() throws(FilterError) -> FilterExpression {
        if current.kind == .end { throw FilterError(column: current.column, "the filter is empty") }
        let expression = try parseOr()
        guard current.kind == .end else {
            throw FilterError(column: current.column, "expected 'and', 'or' or the end of the filter, found \(current.describe)")
        }
        return expression
    }

    mutating func parseOr() throws(FilterError) -> FilterExpression {
        var left = try parseAnd()
        while isKeyword("or") {
            advance()
            left = .or(left, try parseAnd())
        }
        return left
    }

    mutating func parseAnd() throws(FilterError) -> FilterExpression {
        var left = try parseUnary()
        while isKeyword("and") {
            advance()
            left = .and(left, try parseUnary())
        }
        return left
    }

    mutating func parseUnary() throws(FilterError) -> FilterExpression {
        if isKeyword("not") {
            try enter()
            advance()
            defer { depth -= 1 }
            return .not(try parseUnary())
        }
        return try parsePrimary()
    }

    mutating func parsePrimary() throws(FilterError) -> FilterExpression {
        if current.kind == .leftParen {
            let open = current.column
            try enter()
            defer { depth -= 1 }
            advance()
            let inner = try parseOr()
            guard current.kind == .rightParen else {
                throw FilterError(column: current.column, "expected ')' to close the '(' at column \(open), found \(current.describe)")
            }
            advance()
            return inner
        }
        let left = try parseOperand()
        switch current.kind {
        case .op(let symbol):
            advance()
            guard let comparison = FilterComparison(rawValue: symbol) else {
                throw FilterError(column: current.column, "unknown operator '\(symbol)'")
            }
            return .compare(left, comparison, try parseOperand())
        case .keyword("in"):
            advance()
            return .oneOf(left, try parseList())
        case .keyword("is"):
            advance()
            var negated = false
            if isKeyword("not") { negated = true; advance() }
            guard isKeyword("missing") else {
                throw FilterError(column: current.column, "expected 'missing' after 'is\(negated ? " not" : "")', found \(current.describe)")
            }
            advance()
            return .isMissing(left, negated: negated)
        default:
            if case .field = left { return .truth(left) }
            throw FilterError(column: current.column, "expected a comparison (== != < <= > >=), 'in' or 'is missing' after \(describe(left)), found \(current.describe)")
        }
    }

    mutating func enter() throws(FilterError) {
        depth += 1
        guard depth <= Self.maxDepth else {
            throw FilterError(column: current.column, "the filter nests parentheses or 'not' more than \(Self.maxDepth) deep")
        }
    }

    func describe(_ operand: FilterOperand) -> String {
        switch operand {
        case .literal: return "a value"
        default: return operand.quotedName ?? "a value"
        }
    }

    mutating func parseList() throws(FilterError) -> [FilterLiteral] {
        guard current.kind == .leftBracket else {
            throw FilterError(column: current.column, "expected '[' to start the list after 'in', found \(current.describe)")
        }
        advance()
        var items: [FilterLiteral] = []
        if current.kind == .rightBracket {
            throw FilterError(column: current.column, "the list after 'in' is empty")
        }
        while true {
            guard let literal = literal(current) else {
                throw FilterError(column: current.column, "expected a value in the list (text in quotes, a number, a date), found \(current.describe)")
            }
            items.append(literal)
            advance()
            if current.kind == .comma { advance(); continue }
            if current.kind == .rightBracket { advance(); return items }
            throw FilterError(column: current.column, "expected ',' or ']' in the list, found \(current.describe)")
        }
    }

    func literal(_ token: FilterToken) -> FilterLiteral? {
        switch token.kind {
        case .string(let text): return .text(text)
        case .number(let value, let isInteger): return .number(value, isInteger: isInteger)
        case .date(let day): return .date(day)
        case .keyword("true"): return .bool(true)
        case .keyword("false"): return .bool(false)
        default: return nil
        }
    }

    mutating func parseOperand() throws(FilterError) -> FilterOperand {
        let token = current
        if let literal = literal(token) {
            advance()
            return .literal(literal, column: token.column)
        }
        guard case .identifier(let name) = token.kind else {
            throw FilterError(column: token.column, "expected a field name or a value, found \(token.describe)")
        }
        advance()
        guard current.kind == .leftParen else { return .field(name, column: token.column) }
        if name.lowercased() == "days" { return try parseDays(column: token.column) }
        guard let function = FilterFunction(rawValue: name.lowercased()) else {
            let known = (FilterFunction.allCases.map(\.rawValue) + ["days"]).joined(separator: ", ")
            throw FilterError(column: token.column, "unknown function '\(name)'; known functions: \(known)")
        }
        advance()
        guard case .identifier(let field) = current.kind else {
            throw FilterError(column: current.column, "expected a date field inside \(function.rawValue)(...), found \(current.describe)")
        }
        advance()
        guard current.kind == .rightParen else {
            throw FilterError(column: current.column, "expected ')' after \(function.rawValue)(\(field), found \(current.describe)")
        }
        advance()
        return .function(function, field: field, column: token.column)
    }

    /// `days(A, B)`, its `days` read and `(` current.
    private mutating func parseDays(column: Int) throws(FilterError) -> FilterOperand {
        advance()
        let from = try dateField(then: .comma, ",")
        let to = try dateField(then: .rightParen, ")")
        return .days(from: from, to: to, column: column)
    }

    /// A field name inside `days(...)`, and the token that must follow it (`written` in messages).
    private mutating func dateField(then next: FilterToken.Kind, _ written: String) throws(FilterError) -> String {
        guard case .identifier(let field) = current.kind else {
            throw FilterError(column: current.column, "expected a date field inside days(FROM, TO), found \(current.describe)")
        }
        advance()
        guard current.kind == next else {
            throw FilterError(column: current.column, "expected '\(written)' in days(FROM, TO), found \(current.describe)")
        }
        advance()
        return field
    }
}
