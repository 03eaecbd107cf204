/// How many distinct groups one breakdown may hold. A breakdown makes a table
/// for publishing (by year, by office, by age band); a million groups means it
/// is keyed by something like a person's id, which no table should be, and its
/// memory would grow with the data. Past the limit the result is refused with
/// a clear error; `limits: { max_groups: N }` in a pipeline file or
/// `impact query --max-groups N` raises it on purpose.
public enum BreakdownLimit {
    public static let defaultMaxGroups = 1_000_000
}
