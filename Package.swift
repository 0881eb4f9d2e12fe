// swift-tools-version: 6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "avara",
    platforms: [.macOS(.v15), .iOS(.v18)],
    products: [
        .library(name: "Avara", targets: ["Avara"]),
        .executable(name: "avara", targets: ["AvaraCLI"]),
        .executable(name: "invite-seed", targets: ["InviteSeed"]),
    ],
    dependencies: [
        // Hummingbird's default traits flip build flags between manifest evaluations: name none.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4", traits: []),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.26.0"),
    ],
    targets: [
        // The SDK: Foundation only, so that apps building it never compile the server's dependencies.
        .target(
            name: "Avara",
            swiftSettings: swiftSettings
        ),
        // System calls Swift cannot import from Glibc (they need _GNU_SOURCE): a thread's nice value and name; and
        // getrandom, to fill a buffer in one call.
        .target(name: "CAvaraSystem"),
        // What the core and the adapters share that is no part of the domain: a service URL's authority
        // (user:password@host:port, loopback or not), the configuration error, threads of their own.
        .target(
            name: "AvaraSupport",
            dependencies: ["CAvaraSystem"],
            swiftSettings: swiftSettings
        ),
        // The core: the model, the rules, the commands and the services that run them, and the ports they need.
        // It knows no HTTP, OpenAPI, SQL or database driver: every way in goes through it.
        .target(
            name: "AvaraCore",
            dependencies: [
                "AvaraSupport",
                "CAvaraSystem",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // Storage: all SQL, for SQLite and PostgreSQL, behind the core's repository protocols.
        .target(
            name: "AvaraStorage",
            dependencies: [
                "AvaraCore",
                "AvaraSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // The pool's own errors (PostgresNIO's pool module; ConnectionPoolError).
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // Mail: the outbox dispatcher, the transports (.eml files, SMTP) and the templates.
        .target(
            name: "AvaraMail",
            dependencies: [
                "AvaraCore",
                "AvaraSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates")],
            swiftSettings: swiftSettings
        ),
        // Webhooks: the delivery of events to the clinics' endpoints (signed, over HTTPS), and the resolution of
        // their hosts that keeps them off private networks.
        .target(
            name: "AvaraWebhooks",
            dependencies: [
                "AvaraCore",
                "AvaraSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTP API (generated types stop here), the pages, and the service put together from the adapters.
        .target(
            name: "AvaraService",
            dependencies: [
                "AvaraCore",
                "AvaraSupport",
                "AvaraStorage",
                "AvaraMail",
                "AvaraWebhooks",
                "AvaraRoster",
                "CAvaraSystem",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("openapi.yaml"), .copy("Dashboard/Templates")],
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // Rosters, for every importer (the `avara users import` command and the dashboard's import page): the CSV
        // reader and writer, the header check, the fields of each product's invite and their typed values, the rules
        // of an import's rows, its outcomes and its report. Foundation only: neither the SDK nor the core.
        .target(
            name: "AvaraRoster",
            swiftSettings: swiftSettings
        ),
        // What the `avara` client commands do, apart from parsing arguments: the import through the SDK, tables,
        // progress.
        .target(
            name: "AvaraClientTools",
            dependencies: [
                "Avara",
                "AvaraRoster",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "AvaraCLI",
            dependencies: [
                "Avara",
                "AvaraSupport",
                "AvaraClientTools",
                "AvaraRoster",
                "AvaraCore",
                "AvaraStorage",
                "AvaraMail",
                "AvaraService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "InviteSeed",
            dependencies: ["Avara"],
            path: "Examples/InviteSeed",
            swiftSettings: swiftSettings
        ),
        // What several test targets share: the database each test gets, a server that never answers, the SMTP
        // test servers' mail folders, a webhook receiver.
        .target(
            name: "AvaraTestSupport",
            dependencies: [
                "AvaraCore",
                "AvaraSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                "AvaraStorage",
                "AvaraMail",
                "AvaraService",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/AvaraTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AvaraCoreTests",
            dependencies: ["AvaraCore", "AvaraSupport", "AvaraTestSupport"],
            swiftSettings: swiftSettings
        ),
        // Storage alone: the stores, migrations, deadlines and ids, on SQLite and (when given) PostgreSQL.
        .testTarget(
            name: "AvaraStorageTests",
            dependencies: [
                "AvaraCore",
                "AvaraSupport",
                "AvaraStorage",
                "AvaraTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Mail alone: templates and the queued email's payload, without a router or a database.
        .testTarget(
            name: "AvaraMailTests",
            dependencies: ["AvaraCore", "AvaraMail", "AvaraTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AvaraServiceTests",
            dependencies: [
                "AvaraCore",
                "AvaraSupport",
                "AvaraStorage",
                "AvaraMail",
                "AvaraService",
                "AvaraWebhooks",
                "AvaraRoster",
                "AvaraTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AvaraTests",
            dependencies: [
                // The SDK is tested against the real server, in process.
                "Avara",
                "AvaraCore",
                "AvaraStorage",
                "AvaraMail",
                "AvaraService",
                "AvaraTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                // The tests' own transport (Support/NIOHTTPTransport.swift).
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AvaraRosterTests",
            dependencies: ["AvaraRoster"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AvaraClientToolsTests",
            dependencies: ["AvaraClientTools", "AvaraRoster", "Avara"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AvaraCLITests",
            dependencies: [
                // Runs the built `avara` executable as a process; the dependency makes `swift build --build-tests` build it.
                "AvaraCLI",
                // The scale-out test checks the shared PostgreSQL database directly.
                "AvaraCore",
                "AvaraStorage",
                "AvaraMail",
                "AvaraService",
                "AvaraTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
