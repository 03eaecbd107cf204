import Foundation
import ImpactCore

/// What a run reads of the previous run's figures.json in its output folder: each metric's
/// total and window (`RevisionGuard`) and the monthly report's figures (its revisions). The
/// rest (series, tables, inputs) is not decoded: the file is read at every run, and decoding
/// all of it took about two thirds of the instructions of a run's render.
struct PreviousFigures: Decodable, Sendable {
    struct Metric: Decodable, Sendable {
        struct Provenance: Decodable, Sendable {
            var aggregate: String
            var since: Day?
            var until: Day
        }

        var name: String
        var value: Double?
        var provenance: Provenance
    }

    var metrics: [Metric]
    var monthly: MonthlyFigures?

    /// A figures.json that is there but does not read: the run cannot compare against it.
    struct Unreadable: Error, Sendable, CustomStringConvertible {
        var path: String
        var reason: String

        var description: String { "the previous run's \(path) cannot be read: \(reason)" }
    }

    /// The file at `path`: nil when there is none (a first run), an error when one is there
    /// but cannot be read or decoded, so that the revision guard is never off unsaid.
    static func read(at path: String) -> Result<PreviousFigures?, Unreadable> {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return .success(nil) }
        if isFolder.boolValue { return .failure(Unreadable(path: path, reason: "it is a folder, not a file")) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            return .failure(Unreadable(path: path, reason: Self.readingReason(error)))
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return .success(try decoder.decode(PreviousFigures.self, from: data))
        } catch {
            return .failure(Unreadable(path: path, reason: Self.decodingReason(error, data)))
        }
    }

    private static func readingReason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let underlying, underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue)).lowercased()
        }
        return (error as NSError).localizedDescription
    }

    /// A decoding error in a line: where in the file (the JSON path) and what was wrong.
    private static func decodingReason(_ error: any Error, _ data: Data) -> String {
        if data.isEmpty { return "the file is empty" }
        guard let error = error as? DecodingError else { return "\(error)" }
        func at(_ path: [any CodingKey]) -> String {
            var text = ""
            for key in path {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + snake(key.stringValue) }
            }
            return text.isEmpty ? "the top level" : "'\(text)'"
        }
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "it is not valid JSON" + (syntaxDetail(data).map { " (\($0))" } ?? "") }
            return "\(at(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(at(context.codingPath)) has no '\(snake(key.stringValue))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(at(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// Where JSON that does not parse goes wrong, by line, from Foundation's parser (the
    /// decoder's own error does not say): "line 3", or that the file ends too early.
    private static func syntaxDetail(_ data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data)
            return nil
        } catch {
            guard let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String else { return nil }
            if detail.hasPrefix("Unexpected end of file") { return "it ends too early: cut short?" }
            guard let range = detail.range(of: "around character "),
                  let offset = Int(detail[range.upperBound...].prefix { $0.isNumber }) else { return nil }
            let line = 1 + data.prefix(offset).reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            return "line \(line): \(detail[..<range.lowerBound].trimmingCharacters(in: .whitespaces))"
        }
    }

    /// A key as the file spells it (`convertFromSnakeCase` reports the Swift name).
    private static func snake(_ key: String) -> String {
        var out = ""
        for character in key {
            if character.isUppercase {
                out += "_" + character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }
}
