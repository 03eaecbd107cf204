import ImpactCore
@testable import ImpactRender

/// A hand-made sheet resembling the Mumbai brochure: 647 survivors -> 640+,
/// 178 criminals restrained, 24,861 trained -> 24,800+, milestones 2000 to 2014.
/// Every name and figure is synthetic.
enum MumbaiFixture {
    static let asOf = Day(year: 2019, month: 12, day: 31) ?? Day(daysSinceEpoch: 0)

    static let rescuesPerYear: [(Int, Double)] = [
        (2000, 6), (2001, 22), (2002, 31), (2003, 38), (2004, 45), (2005, 41), (2006, 39), (2007, 44),
        (2008, 36), (2009, 40), (2010, 42), (2011, 38), (2012, 35), (2013, 48), (2014, 30), (2015, 27),
        (2016, 24), (2017, 22), (2018, 21), (2019, 18),
    ]

    static func year(_ y: Int) -> Period {
        Period(kind: .year, start: Day(year: y, month: 1, day: 1) ?? Day(daysSinceEpoch: 0), label: String(y))
    }

    static func provenance(_ source: String, _ aggregate: String, by: [String] = []) -> MetricProvenance {
        MetricProvenance(source: source, aggregate: aggregate, filter: nil, since: Day(year: 2000, month: 1, day: 1),
                         until: asOf, by: by, rowsRead: 700, rowsMatched: 680)
    }

    static var results: [String: MetricResult] {
        var running = 0.0
        let series = rescuesPerYear.map { SeriesPoint(period: year($0.0), value: $0.1) }
        let cumulative = rescuesPerYear.map { point -> SeriesPoint in
            running += point.1
            return SeriesPoint(period: year(point.0), value: running)
        }
        let survivors = MetricResult(name: "survivors_rescued", provenance: provenance("rescues", "count_distinct(person_id)", by: ["year(date)"]),
                                     value: 647, isInteger: true, series: series, cumulative: cumulative)
        let restrained = MetricResult(name: "criminals_restrained", provenance: provenance("suspects", "count_distinct(suspect_id)"),
                                      value: 178, isInteger: true)
        let trained = MetricResult(name: "officials_trained", provenance: provenance("trainings", "sum(participants)"),
                                   value: 24_861, isInteger: true)
        let convictionYears: [(Int, Double)] = [(2004, 2), (2006, 5), (2009, 7)]
        let convictions = MetricResult(name: "convictions", provenance: provenance("suspects", "count(suspects)", by: ["year(verdict_date)"]),
                                       value: 14, isInteger: true,
                                       series: convictionYears.map { SeriesPoint(period: year($0.0), value: $0.1) },
                                       cumulative: [SeriesPoint(period: year(2004), value: 2), SeriesPoint(period: year(2006), value: 7),
                                                    SeriesPoint(period: year(2009), value: 14)])
        let byAge = MetricResult(name: "survivors_by_age", provenance: provenance("rescues", "count_distinct(person_id)", by: ["age group"]),
                                 value: 647, isInteger: true,
                                 groups: [GroupRow(keys: ["under 14"], value: 9), GroupRow(keys: ["14 to 17"], value: 212),
                                          GroupRow(keys: ["18 and over"], value: 426)])
        return [survivors.name: survivors, restrained.name: restrained, trained.name: trained,
                convictions.name: convictions, byAge.name: byAge]
    }

    static let sectionBody = """
        **We rescue victims** by finding the brothels, hotels and private networks where women and girls \
        are held, and by working with the city and state police to bring each of them to safety with dignity.

        **We bring criminals to justice** by helping to build strong cases against owners, managers and pimps:
        - support for prosecutors at every step of a long trial
        - advocacy for sentences that fit the crime

        **We restore survivors** alongside aftercare homes that offer safe housing, education and job training.
        """

    /// The `factsheet:` section as a configuration tree.
    static var node: ConfigNode {
        tree([
            "layout": "brochure",
            "title": "Combating sex trafficking",
            "place": "Mumbai, India",
            "heading": "Progress since 2000",
            "intro": "Mumbai is India's largest city and the commercial capital of the country. Every year girls are trafficked across state borders to its red-light districts.",
            "headline": [
                ["metric": "survivors_rescued", "label": "survivors rescued from sex trafficking", "round": ["down": 10]] as KeyValuePairs<String, Any>,
                ["metric": "criminals_restrained", "label": "criminals restrained for sex trafficking offences"] as KeyValuePairs<String, Any>,
                ["metric": "officials_trained", "label": "police, government officials, NGOs and others trained", "round": ["significant": 3]] as KeyValuePairs<String, Any>,
            ] as [Any],
            "facts": [
                ["figure": "40.3 million", "text": "people are estimated to be held in slavery worldwide.",
                 "source": "ILO and Walk Free Foundation, Global Estimates of Modern Slavery, 2017"] as KeyValuePairs<String, Any>,
                ["text": "Human trafficking generates $150 billion a year globally.",
                 "source": "ILO, Profits and Poverty: The Economics of Forced Labour, 2014"] as KeyValuePairs<String, Any>,
                ["text": "**1 child goes missing every 12 minutes** in India, and nearly half are never found.",
                 "source": "Synthetic source note for the test sheet"] as KeyValuePairs<String, Any>,
            ] as [Any],
            "quote": [
                "text": "None of these girls came here willingly; they were all forced. So I knew that by helping I was saving lives.",
                "by": "Sani", "pseudonym": true, "consent": true,
                "role": "a survivor who led the office and police to girls hidden inside a brothel",
            ] as KeyValuePairs<String, Any>,
            "sections": [
                ["title": "How the office combats sex trafficking", "body": sectionBody] as KeyValuePairs<String, Any>,
            ] as [Any],
            "milestones": [
                ["year": 2014, "text": "Government invites the office to train thousands",
                 "detail": "The state invites the office to train 15,000 officials."] as KeyValuePairs<String, Any>,
                ["year": 2000, "text": "The Mumbai office opens"] as KeyValuePairs<String, Any>,
                ["first": "convictions", "text": "First conviction", "detail": "The first criminal is convicted in a case the office supported."] as KeyValuePairs<String, Any>,
                ["year": 2004, "text": "Kingpin trafficker arrested"] as KeyValuePairs<String, Any>,
                ["reach": "survivors_rescued", "value": 500, "text": "{nth} trafficking victim rescued"] as KeyValuePairs<String, Any>,
            ] as [Any],
            "chart": ["metric": "survivors_rescued", "title": "Survivors brought to safety each year"] as KeyValuePairs<String, Any>,
            "tables": [
                ["metric": "survivors_by_age", "title": "Survivors by age at rescue"] as KeyValuePairs<String, Any>,
            ] as [Any],
            "suppress_below": 11,
        ] as KeyValuePairs<String, Any>)
    }

    static func sheet() throws -> (FactSheet, [FactSheetWarning]) {
        let definition = try FactSheetDefinition.decode(node: node)
        return try FactSheetBuilder.build(definition: definition, results: results, asOf: asOf, locale: .enIN)
    }

    /// reports/templates, found from this file.
    static var templates: String {
        let here = #filePath
        let parts = here.split(separator: "/", omittingEmptySubsequences: false)
        return parts.dropLast(3).joined(separator: "/") + "/reports/templates"
    }
}
