// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "podchaosmonkey",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "KubeAPI", targets: ["KubeAPI"]),
        .library(name: "KubeSandbox", targets: ["KubeSandbox"]),
        .library(name: "PodChaos", targets: ["PodChaos"]),
        .library(name: "PodChaosDaemon", targets: ["PodChaosDaemon"]),
        .executable(name: "podchaosmonkey", targets: ["podchaosmonkey"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-http2.git", from: "1.46.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
    ],
    targets: [
        .target(
            name: "KubeAPI",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "KubeSandbox",
            dependencies: [
                "KubeAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "PodChaos",
            dependencies: [
                "KubeAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "PodChaosDaemon",
            dependencies: [
                "KubeAPI",
                "PodChaos",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "podchaosmonkey",
            dependencies: [
                "KubeAPI",
                "KubeSandbox",
                "PodChaos",
                "PodChaosDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            // lld in every configuration: with the static standard library the default linker resolves archives in the
            // order they are named and misses _FoundationICU, which Foundation's archives need after it.
            // The release binary (what the Dockerfile ships) also gets packed relative relocations (glibc 2.36 or later)
            // and no dynamic symbol table for code nothing looks up by name; 94 MB stripped becomes 85. See docs/benchmarks.md.
            linkerSettings: [
                .unsafeFlags(["-use-ld=lld"], .when(platforms: [.linux])),
                .unsafeFlags(
                    ["-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic"],
                    .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        .executableTarget(
            name: "recovery-benchmark",
            dependencies: ["KubeAPI", "KubeSandbox", "PodChaos"],
            path: "Benchmarks/RecoveryBenchmark"
        ),
        .executableTarget(
            name: "sandbox-benchmark",
            dependencies: ["KubeAPI", "KubeSandbox"],
            path: "Benchmarks/SandboxBenchmark"
        ),
        .executableTarget(
            name: "pattern-benchmark",
            dependencies: ["PodChaos"],
            path: "Benchmarks/PatternBenchmark"
        ),
        // Shared by the test targets (test targets cannot depend on each other); no product builds it.
        .target(
            name: "KubeTesting",
            dependencies: [
                "KubeAPI", "KubeSandbox", "PodChaos",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/KubeTesting"
        ),
        .testTarget(
            name: "KubeAPITests",
            dependencies: [
                "KubeAPI",
                "KubeSandbox",
                "KubeTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "KubeSandboxTests",
            dependencies: [
                "KubeSandbox",
                "KubeAPI",
                "KubeTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "PodChaosTests",
            dependencies: [
                "PodChaos", "KubeAPI", "KubeSandbox", "KubeTesting", .product(name: "MetricsTestKit", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "PodChaosDaemonTests",
            dependencies: [
                "PodChaosDaemon", "PodChaos", "KubeAPI", "KubeSandbox", "KubeTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "podchaosmonkeyTests",
            dependencies: [
                "podchaosmonkey", "KubeAPI", "KubeSandbox", "KubeTesting", "PodChaos", "PodChaosDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Fuzz targets (Fuzz/README.md): libFuzzer drives each over the parsers it names. A fuzz target compiles the
// parsers' own files (linked into its directory) with coverage and AddressSanitizer, so only that code is
// instrumented and the rest of the build is shared; libFuzzer and the sanitizer runtime come from the toolchain.
#if os(Linux)
    let fuzzing: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]
    let fuzzLinking: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])]
    func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency] = []) -> Target {
        .executableTarget(
            name: name, dependencies: ["FuzzSupport"] + dependencies, path: "Fuzz/\(name)", swiftSettings: fuzzing,
            linkerSettings: fuzzLinking)
    }
    package.targets += [
        .target(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"], path: "Fuzz/FuzzSupport"),
        fuzzTarget("SelectorsFuzzer"),
        fuzzTarget("ScheduleFuzzer"),
        fuzzTarget("NamePatternFuzzer", ["KubeAPI"]),
        fuzzTarget("StreamFuzzer", ["KubeAPI"]),
        fuzzTarget("ExecCredentialFuzzer"),
        fuzzTarget("YAMLFuzzer", [.product(name: "Yams", package: "Yams"), "KubeAPI", "PodChaosDaemon"]),
    ]
#endif
