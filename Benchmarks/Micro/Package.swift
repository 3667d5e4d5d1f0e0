// swift-tools-version: 6.2
// In-process microbenchmarks of podchaosmonkey's hot paths, with allocation counts (ordo-one/benchmark).
// A package of its own, so the main build and CI never build the benchmark dependency:
//     cd Benchmarks/Micro && swift package benchmark
// See Benchmarks/README.md.
import PackageDescription

let package = Package(
    name: "podchaosmonkey-micro-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "podchaosmonkey", path: "../.."),
        // Only the malloc interposer (allocation counts): the default RuntimeInterposer trait (ARC counts on Linux
        // with Swift 6.3) needs ordo-one/swift-runtime-interposer, which the package mirror does not carry.
        .package(url: "https://github.com/ordo-one/package-benchmark.git", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "HotPaths",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "KubeAPI", package: "podchaosmonkey"),
                .product(name: "PodChaos", package: "podchaosmonkey"),
            ],
            path: "Benchmarks/HotPaths",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)
