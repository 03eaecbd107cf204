// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "impact",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "impact", targets: ["impact"]),
        .executable(name: "impact-bench", targets: ["impact-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        // C libraries from Debian packages (set-up installs them; see scripts/setup.sh).
        .systemLibrary(name: "CLibCSV", path: "Sources/CLibCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto", providers: [.apt(["libssl-dev"])]),
        // A header-only cache prefetch (no library): `__builtin_prefetch` for the hot tables.
        .systemLibrary(name: "CPrefetch", path: "Sources/CPrefetch"),

        // Value types and logic without I/O: findings, values, schemas, checks,
        // filters, metrics, periods, rounding, suppression, configuration trees.
        .target(name: "ImpactCore", dependencies: ["CPrefetch"]),
        // The only importer of CLibCSV: streaming CSV and JSON readers.
        .target(name: "ImpactIngest", dependencies: ["ImpactCore", "CLibCSV"]),
        // Fact sheet model -> HTML and text through Mustache templates; SVG charts.
        .target(name: "ImpactRender", dependencies: [
            "ImpactCore", .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // The front door: pipeline files, running the stages, writing outputs.
        .target(name: "ImpactPipeline", dependencies: [
            "ImpactCore", "ImpactIngest", "ImpactRender", "CSQLite", "CCrypto",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The executable: argument parsing, printing, exit codes.
        .executableTarget(name: "impact", dependencies: [
            "ImpactPipeline", "ImpactIngest", "ImpactCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Benchmarks: throughput and peak memory, printed as a table.
        .executableTarget(name: "impact-bench", dependencies: ["ImpactPipeline", "ImpactIngest", "ImpactCore"]),
        // libFuzzer targets (scripts/fuzz.sh; build with --sanitize=fuzzer).
        .executableTarget(name: "impact-fuzz", dependencies: ["ImpactIngest", "ImpactPipeline", "ImpactRender", "ImpactCore"]),

        .testTarget(name: "ImpactCoreTests", dependencies: ["ImpactCore"]),
        .testTarget(name: "ImpactIngestTests", dependencies: ["ImpactIngest", "ImpactCore"]),
        .testTarget(name: "ImpactRenderTests", dependencies: ["ImpactRender", "ImpactCore"], exclude: ["Golden"]),
        .testTarget(name: "ImpactPipelineTests", dependencies: ["ImpactPipeline", "ImpactIngest", "ImpactRender", "ImpactCore"]),
        .testTarget(name: "impactTests", dependencies: ["impact"], exclude: ["Golden"]),
    ]
)
