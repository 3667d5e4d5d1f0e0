import KubeAPI

/// The annotations (copied from a workload's pod template) that tune how the simulated kubelet treats a pod, and how
/// the pod answers through the service proxy (`ServiceProxy`).
struct SandboxPodAnnotations: Sendable {
    static let prefix = "sandbox.podchaosmonkey.io/"
    static let startDelayKey = prefix + "start-delay"
    static let readyDelayKey = prefix + "ready-delay"
    static let terminationDelayKey = prefix + "termination-delay"
    static let failureKey = prefix + "failure"
    static let latencyKey = prefix + "latency"
    static let errorRateKey = prefix + "error-rate"

    enum Failure: String, Sendable {
        case crashloop
        case imagePullError = "image-pull-error"
        case neverReady = "never-ready"
        case unschedulable
    }

    var startDelay: Duration?
    var readyDelay: Duration?
    var terminationDelay: Duration?
    var failure: Failure?
    /// How long each of the pod's proxied answers takes.
    var latency: Duration?
    /// Which of the pod's proxied answers fail.
    var errorRate: ErrorRate?
    /// One line per annotation that could not be used; the kubelet reports them as Warning events.
    var problems: [String] = []

    init(_ pod: JSONValue) {
        let annotations = pod.annotations
        startDelay = Self.duration(annotations, Self.startDelayKey, problems: &problems)
        readyDelay = Self.duration(annotations, Self.readyDelayKey, problems: &problems)
        terminationDelay = Self.duration(annotations, Self.terminationDelayKey, problems: &problems)
        latency = Self.duration(annotations, Self.latencyKey, problems: &problems)
        if let text = annotations[Self.errorRateKey] {
            errorRate = ErrorRate(text)
            if errorRate == nil {
                problems.append(
                    "annotation \(Self.errorRateKey)=\"\(text)\" is not a fraction from 0 to 1 like 0.25 (at most \(ErrorRate.maxDecimals) decimals); ignored"
                )
            }
        }
        if let text = annotations[Self.failureKey] {
            failure = Failure(rawValue: text)
            if failure == nil {
                problems.append(
                    "annotation \(Self.failureKey)=\"\(text)\" is not one of crashloop, image-pull-error, never-ready, unschedulable; ignored"
                )
            }
        }
    }

    private static func duration(_ annotations: [String: String], _ key: String, problems: inout [String]) -> Duration? {
        guard let text = annotations[key] else { return nil }
        switch GoDuration.parse(text) {
        case .success(let duration): return duration
        case .failure(let error):
            problems.append("annotation \(key)=\"\(text)\" is not a duration like 500ms or 3s (\(error.problem)); using the default")
            return nil
        }
    }
}
