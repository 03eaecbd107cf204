import Foundation
import ImpactCore

/// What a run folds besides its metric engine, in the same way (the monthly report's
/// engines, `query --pipeline`'s engine): a value copied into each part of a source's
/// read, folded there, the parts' copies merged in file order, and each source's
/// folds taken in by the run from the copy that read it. So a run with such a fold
/// reads its sources side by side and a large one in parts, as any run does.
protocol SourceFold: Sendable {
    /// What a fold over one source needs, looked up once a part, not once a record.
    associatedtype Plan
    /// The plan for `source`; nil when nothing of it is folded.
    func plan(for source: String) -> Plan?
    /// The fields of `source` the fold reads (nil: every one): a run leaves the text
    /// fields nothing reads unread in its records.
    func fieldsRead(from source: String) -> Set<String>?
    mutating func fold(_ record: Record, plan: Plan)
    /// A copy, before any record is folded, for the parts of one split read of `source`
    /// (distinct counts sharing their keys: `MetricEngine.sharingDistinctKeys`).
    func sharingDistinctKeys(over source: String) -> Self
    /// Takes in `other`'s folds of `source`: a copy that folded the records after this one's.
    mutating func merge(source: String, taking other: inout Self)
    /// Takes `other`'s folds of `source`: the copy that read that source.
    mutating func adopt(source: String, from other: Self)
    /// Interns what distinct counts hold back (a part is read).
    mutating func flushPending()
}

extension SourceFold {
    /// One part's copy for `source` (nil when nothing of it is folded).
    func folding(_ source: String) -> PartFolding? {
        plan(for: source).map { TypedPartFolding(self, source: source, plan: $0) }
    }

    /// Takes `part`'s folds of `source`; false when `part` holds another type's (a bug:
    /// the caller stops rather than publish figures without them).
    mutating func adopt(source: String, from part: PartFolding) -> Bool {
        guard let typed = part as? TypedPartFolding<Self> else { return false }
        adopt(source: source, from: typed.value)
        return true
    }
}

/// One part's copy of a `SourceFold`, as `JobOutputs` holds it whatever the fold's type.
class PartFolding: @unchecked Sendable {
    func fold(_ record: Record) {}
    func flushPending() {}
    /// Takes in `other`, the next part's copy (of the same type and source).
    func merge(following other: PartFolding) {}
}

final class TypedPartFolding<F: SourceFold>: PartFolding, @unchecked Sendable {
    /// Behind a `let` pointer: folded into once a record, and a class's stored `var`
    /// costs a dynamic exclusivity check at each access.
    private let folding: UnsafeMutablePointer<F>
    private let plan: F.Plan
    private let source: String
    var value: F { folding.pointee }

    init(_ value: F, source: String, plan: F.Plan) {
        folding = CacheLineMemory.holding(value)
        self.plan = plan
        self.source = source
    }

    deinit { CacheLineMemory.release(folding) }

    override func fold(_ record: Record) { folding.pointee.fold(record, plan: plan) }
    override func flushPending() { folding.pointee.flushPending() }

    override func merge(following other: PartFolding) {
        guard let other = other as? TypedPartFolding<F> else {
            preconditionFailure("merging the parts of two different folds")
        }
        folding.pointee.merge(source: source, taking: &other.folding.pointee)
    }
}
