/// The verdict of a set of checks, rendered like kube-apiserver's `/readyz?verbose`:
/// one `[+]name ok` or `[-]name failed: detail` line per check, then `<endpoint> check passed|failed`.
public struct HealthReport: Sendable, Equatable {
    public var endpoint: String
    public var checks: [ReadinessCheck]

    public init(endpoint: String, checks: [ReadinessCheck]) {
        self.endpoint = endpoint
        self.checks = checks
    }

    /// An empty list passes: nothing is known to be wrong.
    public var passed: Bool { checks.allSatisfy(\.ok) }

    /// 200 when every check passes, else 503 so that a kubelet probe or a load balancer sees the failure.
    public var httpStatus: Int { passed ? 200 : 503 }

    public var text: String {
        var lines = checks.map { check in
            guard !check.ok else { return "[+]\(check.name) ok" }
            let detail = check.detail.isEmpty ? "" : ": " + Self.oneLine(check.detail)
            return "[-]\(check.name) failed\(detail)"
        }
        lines.append("\(endpoint) check \(passed ? "passed" : "failed")")
        return lines.joined(separator: "\n") + "\n"
    }

    // A detail spanning lines would break the one-check-per-line format probes and people read.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
