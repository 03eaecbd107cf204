import ImpactCore

/// `impact query --pipeline`'s engine as a run folds it alongside (`SourceFold`): the
/// records of one source, accepted by the pipeline's checks and `where`, each part of a
/// split read into its own copy, the copies merged in file order.
struct QueryFold: SourceFold {
    /// The source queried; the run may read others (those its checks refer to).
    let source: String
    private(set) var engine: QueryEngine
    /// The fields the query's aggregates, `--by` and `--where` name (nil: every one).
    let fields: Set<String>?

    init(source: String, engine: QueryEngine, fields: Set<String>?) {
        self.source = source
        self.engine = engine
        self.fields = fields
    }

    func plan(for source: String) -> Void? { source == self.source ? () : nil }

    func fieldsRead(from source: String) -> Set<String>? { source == self.source ? fields : [] }

    mutating func fold(_ record: Record, plan: Void) { engine.fold(record) }

    func sharingDistinctKeys(over source: String) -> QueryFold {
        source == self.source ? QueryFold(source: source, engine: engine.sharingDistinctKeys(), fields: fields) : self
    }

    mutating func merge(source: String, taking other: inout QueryFold) {
        guard source == self.source else { return }
        engine.merge(other.engine)
    }

    mutating func adopt(source: String, from other: QueryFold) {
        guard source == self.source else { return }
        engine = other.engine
    }

    mutating func flushPending() { engine.flushPending() }
}
