// swift-tools-version: 6.2
import PackageDescription

// Built-in adapters live under Plugins/<Name>Adapter (explicit paths keep them apart from SwiftPM
// package plugins). `yardstick new-adapter` adds new ones next to these lines.
let adapterTargets: [(name: String, extra: [Target.Dependency])] = [
    ("SpeechTextAdapter", ["CLibXML2", "Vocabulary"]),
    ("XMLBulletinAdapter", ["CLibXML2"]),
    ("OpenDataAdapter", ["Vocabulary"]),
]

let package = Package(
    name: "yardstick",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "yardstick", targets: ["yardstick"]),
        .library(name: "IndicatorKit", targets: ["IndicatorKit"]),
        .library(name: "IndicatorKitTesting", targets: ["IndicatorKitTesting"]),
        .library(name: "StorageTesting", targets: ["StorageTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // System libraries.
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CLibYAML", path: "Sources/CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),

        // The adapter SDK and its testing kit.
        .target(name: "IndicatorKit", dependencies: [.product(name: "Logging", package: "swift-log")]),
        .target(name: "IndicatorKitTesting", dependencies: ["IndicatorKit"]),
        // The shared vocabulary (catalog/units.yaml): units, comparator and cue words, folding.
        .target(name: "Vocabulary", dependencies: ["IndicatorKit", "Yams"]),

        // The pipeline's modules.
        .target(name: "Fetch", dependencies: ["CCurl", "IndicatorKit", .product(name: "Logging", package: "swift-log")]),
        .target(name: "Normalize", dependencies: ["IndicatorKit", "Vocabulary", "Yams", "CLibYAML"]),
        .target(name: "GoalCheck", dependencies: ["IndicatorKit", "Normalize"]),
        .target(name: "Storage", dependencies: ["IndicatorKit", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "StorageTesting", dependencies: ["Storage", "IndicatorKit"]),
        .target(
            name: "PostgresStorage",
            dependencies: [
                "Storage", "IndicatorKit", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The PostgreSQL test server and per-test databases, for the tests of both targets below.
        .target(
            name: "PostgresStorageTesting",
            dependencies: [
                "PostgresStorage", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(name: "Reports", dependencies: ["IndicatorKit", "GoalCheck"]),
        .target(
            name: "Pipeline",
            dependencies: [
                "IndicatorKit", "Fetch", "Normalize", "GoalCheck", "Storage", "Reports", "Yams",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(name: "Site", dependencies: ["IndicatorKit", "Storage", "Reports", "GoalCheck", "Normalize"]),
        .target(name: "Serve", dependencies: ["Site", .product(name: "Hummingbird", package: "hummingbird")]),
        .target(
            name: "Workers",
            dependencies: [
                "Pipeline", "Storage", "PostgresStorage", "IndicatorKit", .product(name: "Logging", package: "swift-log"),
            ]),
        .target(name: "BuiltinAdapters", dependencies: ["IndicatorKit"] + adapterTargets.map { .target(name: $0.name) }),
        .executableTarget(
            name: "yardstick",
            dependencies: [
                "IndicatorKit", "Pipeline", "BuiltinAdapters", "Storage", "Reports", "GoalCheck", "Normalize", "Fetch",
                "CCurl", "CLibXML2", "Site", "Serve", "PostgresStorage", "Workers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "yardstick-bench", dependencies: ["IndicatorKit", "BuiltinAdapters"], path: "Benchmarks/YardstickBench"),
        .executableTarget(
            name: "yardstick-site-store", dependencies: ["IndicatorKit", "Storage", "GoalCheck", "Normalize"],
            path: "Benchmarks/SiteStoreGenerator"),

        // Tests.
        // What the test targets share: temporary folders, running a command, the local HTTP server.
        .target(
            name: "TestSupport", dependencies: ["Fetch", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TestSupport"),
        .testTarget(name: "IndicatorKitTests", dependencies: ["IndicatorKit", "IndicatorKitTesting"]),
        .testTarget(name: "FetchTests", dependencies: ["Fetch", "IndicatorKit", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NormalizeTests", dependencies: ["Normalize", "IndicatorKit"]),
        .testTarget(name: "VocabularyTests", dependencies: ["Vocabulary", "Normalize", "IndicatorKit", "SpeechTextAdapter", "OpenDataAdapter"]),
        .testTarget(name: "GoalCheckTests", dependencies: ["GoalCheck", "Normalize", "IndicatorKit"]),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "StorageTesting", "IndicatorKit", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "GoalCheck", "IndicatorKit", "TestSupport"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Serve", "IndicatorKit"]),
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Pipeline", "BuiltinAdapters", "Storage", "IndicatorKit", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "PostgresStorageTests",
            dependencies: [
                "PostgresStorage", "PostgresStorageTesting", "Storage", "StorageTesting", "IndicatorKit",
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The only target that depends on the executable: tests that run `yardstick` as a process.
        .testTarget(
            name: "YardstickCLITests",
            dependencies: [
                "yardstick", "Pipeline", "BuiltinAdapters", "Storage", "Reports", "IndicatorKit", "TestSupport",
                "PostgresStorage", "PostgresStorageTesting",
            ]),
    ]
        + adapterTargets.flatMap { adapter -> [Target] in
            [
                .target(
                    name: adapter.name, dependencies: ["IndicatorKit"] + adapter.extra,
                    path: "Plugins/\(adapter.name)"),
                .testTarget(
                    name: "\(adapter.name)Tests", dependencies: [.target(name: adapter.name), "IndicatorKit", "IndicatorKitTesting"],
                    path: "Tests/\(adapter.name)Tests", resources: [.copy("Fixtures")]),
            ]
        },
    swiftLanguageModes: [.v6]
)
