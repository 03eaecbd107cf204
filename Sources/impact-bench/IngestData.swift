import Foundation

/// A synthetic rescue export (no real person): the same rows as CSV and as JSON Lines.
enum IngestData {
    static let offices = ["Mumbai", "Pune", "Kolkata", "Delhi", "Chennai", "Bucharest", "Dhaka", "Kathmandu"]
    static let states = ["West Bengal", "Bihar", "Maharashtra", "Jharkhand", "Assam", "Odisha", "Nepal", "Bangladesh"]
    static let districts = ["North 24 Parganas", "Murshidabad", "Thane", "Sitamarhi", "Howrah", "Sindhupalchok", "Jessore", "Ilfov"]
    static let places = ["Kamathipura, Mumbai", "Sonagachi", "Budhwar Peth, Pune", "GB Road", "Hotel, Baner", "Railway station"]
    static let teams = ["police", "ngo", "joint"]
    static let header = ["person_id", "case_id", "office", "rescue_date", "age", "sex", "origin_state",
                         "origin_district", "place", "rescued_by"]

    struct Generator {
        var state: UInt64 = 0x5EED
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static func row(_ n: Int, _ g: inout Generator) -> [String] {
        let month = 1 + g.next(12), day = 1 + g.next(28)
        let date = "20\(19 + g.next(6))-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        let age = g.next(20) == 0 ? "" : String(10 + g.next(30))
        return [String(format: "P-%07d", n), "FIR-\(2019 + g.next(6))-\(String(format: "%06d", g.next(999_999)))",
                offices[g.next(offices.count)], date, age, g.next(5) == 0 ? "M" : "F",
                states[g.next(states.count)], districts[g.next(districts.count)], places[g.next(places.count)],
                teams[g.next(teams.count)]]
    }

    static func csvLine(_ fields: [String]) -> String {
        fields.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\n"
    }

    static func jsonLine(_ fields: [String]) -> String {
        var parts: [String] = []
        for (name, value) in zip(header, fields) {
            if value.isEmpty { parts.append("\"\(name)\":null") }
            else if name == "age" { parts.append("\"\(name)\":\(value)") }
            else { parts.append("\"\(name)\":\"\(value)\"") }
        }
        return "{" + parts.joined(separator: ",") + "}\n"
    }

    /// Writes `rescues-N.csv` and `rescues-N.jsonl` into `dir` when absent.
    static func ensure(rows: Int, dir: String) throws -> (csv: String, jsonl: String) {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let csv = "\(dir)/rescues-\(rows).csv", jsonl = "\(dir)/rescues-\(rows).jsonl"
        if FileManager.default.fileExists(atPath: csv) && FileManager.default.fileExists(atPath: jsonl) {
            return (csv, jsonl)
        }
        guard FileManager.default.createFile(atPath: csv + ".tmp", contents: nil),
              FileManager.default.createFile(atPath: jsonl + ".tmp", contents: nil),
              let csvOut = FileHandle(forWritingAtPath: csv + ".tmp"),
              let jsonOut = FileHandle(forWritingAtPath: jsonl + ".tmp") else {
            throw BenchError(description: "cannot write into \(dir)")
        }
        var g = Generator()
        var csvBatch = csvLine(header), jsonBatch = ""
        for n in 1...max(1, rows) {
            let fields = row(n, &g)
            csvBatch += csvLine(fields)
            jsonBatch += jsonLine(fields)
            if n % 20_000 == 0 {
                csvOut.write(Data(csvBatch.utf8)); jsonOut.write(Data(jsonBatch.utf8))
                csvBatch = ""; jsonBatch = ""
            }
        }
        csvOut.write(Data(csvBatch.utf8)); jsonOut.write(Data(jsonBatch.utf8))
        try csvOut.close(); try jsonOut.close()
        try FileManager.default.moveItem(atPath: csv + ".tmp", toPath: csv)
        try FileManager.default.moveItem(atPath: jsonl + ".tmp", toPath: jsonl)
        return (csv, jsonl)
    }
}
