import Foundation

/// The same aggregation done by other tools, where installed: polars and
/// DuckDB (Python modules) and Miller. Each prints the digest
/// `groups=G rows=R distinct=D` that `QueryWork.digest` prints.
enum OtherTools {
    struct Tool {
        var name: String
        var arguments: (String) -> [String]
        /// Why it is skipped, or nil when it runs.
        var skipped: String?
    }

    static let polarsScript = """
        import sys
        import polars as pl
        lf = pl.scan_csv(sys.argv[1], infer_schema=False)
        year = pl.col("date").str.to_date("%Y-%m-%d", strict=False).dt.year().alias("year")
        q1 = lf.group_by(year, "office").agg(pl.len().alias("n"))
        q2 = lf.group_by("office").agg(pl.col("person_id").drop_nulls().n_unique().alias("d"))
        a, b = pl.collect_all([q1, q2])
        print(f"groups={a.height} rows={a['n'].sum()} distinct={b['d'].sum()}")
        """

    static let duckdbScript = """
        import sys
        import duckdb
        path = sys.argv[1].replace("'", "''")
        rows = duckdb.sql(f\"\"\"
            select grouping(year(date)) as g, count(*) as n, count(distinct person_id) as d
            from read_csv('{path}', header = true, columns = {{'person_id': 'VARCHAR', 'case_id': 'VARCHAR',
                 'operation_id': 'VARCHAR', 'office': 'VARCHAR', 'date': 'DATE', 'age': 'INTEGER',
                 'sex': 'VARCHAR', 'origin': 'VARCHAR', 'place': 'VARCHAR'}})
            group by grouping sets ((year(date), office), (office))
            \"\"\").fetchall()
        pairs = [r for r in rows if r[0] == 0]
        offices = [r for r in rows if r[0] == 1]
        print(f"groups={len(pairs)} rows={sum(r[1] for r in pairs)} distinct={sum(r[2] for r in offices)}")
        """

    static let millerProgram = """
        @c[splitax($date, "-")[1]][$office] += 1;
        if ($person_id != "") { @d[$office][$person_id] = 1 }
        end {
          g = 0; r = 0; t = 0;
          for (y, m in @c) { for (o, n in m) { g += 1; r += n } }
          for (o, m in @d) { t += length(m) }
          print "groups=" . g . " rows=" . r . " distinct=" . t
        }
        """

    /// The tools, each with its skip note when absent. `python` is the interpreter to try.
    static func tools(python: String, scriptDir: String, runMiller: Bool) -> [Tool] {
        var out: [Tool] = []
        for (name, module, script) in [("polars", "polars", polarsScript), ("DuckDB", "duckdb", duckdbScript)] {
            let file = "\(scriptDir)/bench-\(module).py"
            let have = (try? Spawn.run([python, "-c", "import \(module)"]).status) == 0
            if have { try? script.write(toFile: file, atomically: true, encoding: .utf8) }
            let version = have ? (try? Spawn.run([python, "-c", "import \(module); print(\(module).__version__)"]).output
                .trimmingCharacters(in: .whitespacesAndNewlines)) ?? "" : ""
            out.append(Tool(name: have ? "\(name) \(version)" : name, arguments: { [python, file, $0] },
                            skipped: have ? nil : "\(python) cannot import \(module) (pip install \(module))"))
        }
        let haveMiller = Spawn.onPath("mlr")
        out.append(Tool(name: "Miller", arguments: { ["mlr", "--icsv", "--ojson", "put", "-q", millerProgram, $0] },
                        skipped: !haveMiller ? "mlr is not installed (apt-get install miller)"
                            : runMiller ? nil : "slow (about 4 s and 1.2 GB a million rows); run with --miller"))
        return out
    }
}
