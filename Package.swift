// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "passport",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "passport", targets: ["passport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
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
        // libpng reports errors with longjmp; C must host the setjmp.
        .target(name: "CPNGWriter", dependencies: ["CPNG"]),

        // Pure modules.
        .target(name: "PassportModel", dependencies: [.product(name: "Yams", package: "Yams"), "DigitalLink"]),
        .target(name: "DigitalLink"),
        // Journey maps as SVG from the base map in Templates/map/; Foundation only.
        .target(name: "JourneyMap", swiftSettings: [
            .enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("InternalImportsByDefault"),
            .enableUpcomingFeature("MemberImportVisibility"),
        ]),

        .target(name: "Credentials", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
            "PassportModel",
        ]),
        .target(name: "QRCode", dependencies: ["CQRencode"]),
        .target(name: "Labels", dependencies: ["CCairo", "CPNGWriter", "QRCode"]),
        .target(name: "Site", dependencies: [
            .product(name: "Mustache", package: "swift-mustache"),
            "Credentials", "QRCode", "PassportModel", "DigitalLink",
        ]),
        .target(name: "Verify", dependencies: [
            "CZBar", "CPNG", "CJPEG", "Credentials", "DigitalLink", "PassportModel",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // libFuzzer harness for the code reader and verifier: see docs/verification.md.
        .executableTarget(name: "VerifyFuzz", dependencies: ["Verify", "Credentials"]),
        .target(name: "BuildPipeline", dependencies: [
            "PassportModel", "Credentials", "Site", "Labels", "QRCode", "DigitalLink",
        ]),
        .executableTarget(name: "passport", dependencies: [
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            "BuildPipeline", "Credentials", "PassportModel", "Labels", "QRCode", "Verify",
        ]),

        .testTarget(name: "PassportModelTests", dependencies: ["PassportModel"]),
        .testTarget(name: "DigitalLinkTests", dependencies: ["DigitalLink"]),
        .testTarget(name: "JourneyMapTests", dependencies: ["JourneyMap"]),
        .testTarget(name: "CredentialsTests", dependencies: ["Credentials", "PassportModel"]),
        .testTarget(name: "LabelsTests", dependencies: ["Labels", "QRCode"]),
        .testTarget(name: "SiteTests", dependencies: ["Site"]),
        .testTarget(name: "VerifyTests", dependencies: ["Verify"]),
        .testTarget(name: "CommandTests", dependencies: ["passport"]),
    ]
)
