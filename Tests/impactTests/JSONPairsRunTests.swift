import Foundation
import XCTest

/// A DHIS2 tracker export (events wrapped under `events`, each event's data a list of
/// name/value objects) read by a pipeline that names the pairs: the metrics count its
/// survivors, and `inspect --pairs` shows the fields the pipeline maps.
final class JSONPairsRunTests: XCTestCase {
    private let export = """
        {"pager": {"page": 1, "pageSize": 50},
         "events": [
          {"event": "E1", "orgUnitName": "Pune", "eventDate": "2019-03-04T00:00:00.000",
           "dataValues": [{"dataElement": "survivorCode", "value": "S-001"}, {"dataElement": "age", "value": "16"}]},
          {"event": "E2", "orgUnitName": "Thane", "eventDate": "2019-03-05T00:00:00.000",
           "dataValues": [{"value": "21", "dataElement": "age"}, {"dataElement": "survivorCode", "value": "S-002"}]},
          {"event": "E3", "orgUnitName": "Pune", "eventDate": "2019-04-01T00:00:00.000",
           "dataValues": [{"dataElement": "survivorCode", "value": "S-001"}, {"dataElement": "age", "value": "16"}]}
         ]}

        """

    func testAPipelineReadsTrackerEventsThroughTheirPairs() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        try export.write(to: folder.appendingPathComponent("events.json"), atomically: true, encoding: .utf8)
        let pipeline = folder.appendingPathComponent("tracker.yml")
        try """
            name: tracker
            period: { since: 2019-01-01 }
            sources:
              rescues:
                path: events.json
                json: { pairs: { dataValues: [dataElement, value] } }
                columns: { person_id: dataValues.survivorCode, date: eventDate, age: dataValues.age, office: orgUnitName }
            metrics:
              survivors: { count_distinct: person_id, from: rescues }
              minors: { count_distinct: person_id, from: rescues, where: age < 18 }

            """.write(to: pipeline, atomically: true, encoding: .utf8)
        let run = try BinaryRunner.run(["run", pipeline.path, "--as-of", "2019-12-31", "--out", "out", "--quiet"], in: folder)
        XCTAssertEqual(run.status, 0, run.stderr)
        let values = try BinaryRunner.metricValues(folder.appendingPathComponent("out/figures.json"))
        XCTAssertEqual(values["survivors"], 2)
        XCTAssertEqual(values["minors"], 1)

        let inspect = try BinaryRunner.run(["inspect", "events.json", "--pairs", "dataValues=dataElement,value"], in: folder)
        XCTAssertEqual(inspect.status, 0, inspect.stderr + inspect.stdout)
        XCTAssertTrue(inspect.stdout.contains("dataValues.survivorCode"), inspect.stdout)
        let bad = try BinaryRunner.run(["inspect", "events.json", "--pairs", "dataValues"], in: folder)
        XCTAssertEqual(bad.status, 64, bad.stderr)
    }
}
