// swift-tools-version: 6.0
import PackageDescription

/// Strict settings for every target, as hummingbird uses them: existentials spelled `any`,
/// imports internal unless a public signature needs them, members visible only from imported modules.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "passport",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "passport", targets: ["passport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // System libraries: module map + shim header, flags from pkg-config.
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode",
                       providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo-ft",
                       providers: [.apt(["libcairo2-dev", "libfreetype-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CZBar", pkgConfig: "zbar",
                       providers: [.apt(["libzbar-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libturbojpeg",
                       providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libc calls the Swift Glibc module does not declare (renameat2).
        .systemLibrary(name: "CSyscalls"),
        // libpng reports errors with longjmp; C must host the setjmp.
        .target(name: "CPNGWriter", dependencies: ["CPNG"]),

        // Pure modules.
        .target(name: "DigitalLink", swiftSettings: strictSettings),
        // Journey maps as SVG from the base map in Templates/map/; Foundation only.
        .target(name: "JourneyMap", swiftSettings: strictSettings),

        // Files: staged output swapped in whole, file writes, the confined project reader, bundled resources.
        .target(name: "Output", dependencies: ["CSyscalls", .product(name: "SystemPackage", package: "swift-system")],
                swiftSettings: strictSettings),
        // Records: reads project files only through Output's confined ProjectFolder.
        .target(name: "PassportModel", dependencies: [.product(name: "Yams", package: "Yams"), "DigitalLink", "Output"],
                swiftSettings: strictSettings),

        // Keys, JWS, DIDs, the credential types shared by issuer and verifier. No record reader.
        .target(name: "Credentials", dependencies: [.product(name: "Crypto", package: "swift-crypto"), "DigitalLink", "CZlib", "Output"],
                swiftSettings: strictSettings),
        // The value network (not `Network`: that name is Apple's framework, which swift-nio and
        // hummingbird import where they can): upstream passports, mass balance, value-share attestations, co-op
        // member lists. No record reader, so the shop's side uses it too.
        .target(name: "PassportNetwork", dependencies: ["Credentials", "DigitalLink", "Output"],
                swiftSettings: strictSettings),
        // Records → credentials: the only module that reads both.
        .target(name: "Issuance", dependencies: ["PassportModel", "Credentials", "PassportNetwork", "DigitalLink"],
                swiftSettings: strictSettings),

        // Pictures decoded to 8-bit gray (PNG, JPEG): what the shop photographs, what tests read back.
        .target(name: "Pictures", dependencies: ["CPNG", "CJPEG"], swiftSettings: strictSettings),
        .target(name: "QRCode", dependencies: ["CQRencode"], swiftSettings: strictSettings),
        .target(name: "Labels", dependencies: ["CCairo", "CPNGWriter", "QRCode", "Output"],
                swiftSettings: strictSettings),
        .target(name: "Site", dependencies: [
            "Credentials", "PassportModel", "DigitalLink", "Output", "JourneyMap",
        ], swiftSettings: strictSettings),
        .target(name: "Verify", dependencies: [
            "CZBar", "Pictures", "Credentials", "PassportNetwork", "DigitalLink", "Output",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: strictSettings),
        // libFuzzer harness for the code reader and verifier: see docs/verification.md.
        .executableTarget(name: "VerifyFuzz", dependencies: ["Verify", "Pictures", "Credentials", "PassportBench"],
                          swiftSettings: strictSettings),
        // libFuzzer harness for the record reader: see docs/security.md.
        .executableTarget(name: "RecordFuzz", dependencies: ["PassportModel"], swiftSettings: strictSettings),
        .target(name: "BuildPipeline", dependencies: [
            "PassportModel", "Credentials", "PassportNetwork", "Issuance", "Site", "Labels", "QRCode", "DigitalLink", "Output",
        ], swiftSettings: strictSettings),
        .target(name: "Server", dependencies: [
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            "Verify", "Site", "Credentials", "DigitalLink", "Output",
        ], swiftSettings: strictSettings),
        .executableTarget(name: "passport", dependencies: [
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            "BuildPipeline", "Credentials", "PassportModel", "Labels", "QRCode", "Verify", "Pictures", "Output", "Site",
            "PassportBench", "PassportNetwork", "Server",
        ], swiftSettings: strictSettings),
        // Tooling, outside the product modules: the measurements behind `passport bench`.
        .target(name: "PassportBench", dependencies: [
            "Labels", "Output", "QRCode", "Site", "PassportModel", "DigitalLink", "Verify", "Pictures", "Credentials",
        ], swiftSettings: strictSettings),

        // Fixtures shared by the tests: temporary folders, file trees, external tools, the demo project,
        // headless Chromium (its Python driver in chromium/ is run from the checkout, not compiled).
        .target(name: "PassportTestSupport", path: "Tests/PassportTestSupport", exclude: ["chromium"],
                swiftSettings: strictSettings),
        .testTarget(name: "PassportModelTests", dependencies: ["PassportModel", "DigitalLink", "PassportTestSupport"]),
        .testTarget(name: "DigitalLinkTests", dependencies: ["DigitalLink", "PassportTestSupport"]),
        .testTarget(name: "JourneyMapTests", dependencies: ["JourneyMap"]),
        .testTarget(name: "CredentialsTests", dependencies: [
            "Credentials", .product(name: "Crypto", package: "swift-crypto"), "PassportTestSupport",
        ]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"], swiftSettings: strictSettings),
        .testTarget(name: "LabelsTests", dependencies: ["Labels", "QRCode", "Output", "Pictures", "PassportTestSupport"]),
        // swift-mustache is the reference the site's own template engine is compared with, byte for byte.
        .testTarget(name: "SiteTests", dependencies: [
            "Site", "Credentials", "PassportModel", "DigitalLink", "PassportTestSupport",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .testTarget(name: "VerifyTests", dependencies: ["Verify", "Pictures", "Credentials", "CJPEG", "PassportTestSupport"]),
        .testTarget(name: "OutputTests", dependencies: ["Output", "PassportTestSupport"]),
        .testTarget(name: "BuildPipelineTests", dependencies: [
            "BuildPipeline", "PassportModel", "Credentials", "Output", "PassportTestSupport",
        ], swiftSettings: strictSettings),
        .testTarget(name: "PassportBenchTests", dependencies: [
            "PassportBench", "Labels", "Output", "Verify", "Credentials", "PassportTestSupport",
        ], swiftSettings: strictSettings),
        .testTarget(name: "NetworkTests", dependencies: ["PassportNetwork", "Credentials"]),
        .testTarget(name: "CommandTests", dependencies: ["passport", "Credentials", "Verify", "PassportTestSupport"]),
    ]
)
