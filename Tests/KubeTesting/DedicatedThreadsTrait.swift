import KubeSandbox
import Testing

/// Runs each test of a suite on threads of its own, apart from Swift's cooperative pool. When every suite starts
/// at once on two cores, hundreds of CPU-bound tests queue on that pool; a test with a short deadline (a request
/// timeout, a lease renewal, a pod's start delay) must not wait behind them, as it would not behind another process.
public struct DedicatedThreadsTrait: SuiteTrait, TestTrait, TestScoping {
    public static let executor = DedicatedExecutor(threads: 4)

    public var isRecursive: Bool { true }

    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? { testCase == nil ? nil : self }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        try await withTaskExecutorPreference(Self.executor) { try await function() }
    }
}

extension Trait where Self == DedicatedThreadsTrait {
    public static var dedicatedThreads: Self { Self() }
}
