import KubeAPI

/// The `key=value` options of `--probe`, each checked against its bounds and the probe's kind.
extension ProbeSpecParser {
    static func apply(_ options: [String: String], to spec: inout ProbeSpec) throws(ProbeError) {
        let kind = spec.target.kind
        for (key, value) in options.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "name": spec.name = try name(value)
            case "method":
                try require(http: kind, key)
                guard ProbeSpec.methods.contains(value.uppercased()) else {
                    throw ProbeError.invalidOption(key, value, expected: ProbeSpec.methods.sorted().joined(separator: ", "))
                }
                spec.method = value.uppercased()
            case "status":
                try require(http: kind, key)
                spec.expectation.statuses = try statuses(value)
            case "body":
                try require(http: kind, key)
                do {
                    spec.expectation.body = try NamePattern(value)
                } catch {
                    throw ProbeError.invalidOption(key, value, expected: "a regular expression (\(error))")
                }
            case "query":
                guard case .prometheus(let server, _) = spec.target else { throw ProbeError.notFor(key, kind: kind) }
                guard !value.isEmpty else { throw ProbeError.invalidOption(key, value, expected: "a PromQL expression") }
                spec.target = .prometheus(server: server, query: value)
            case "max", "min":
                guard kind == "prometheus" else { throw ProbeError.notFor(key, kind: kind) }
                guard let number = Double(value), number.isFinite else { throw ProbeError.invalidOption(key, value, expected: "a number") }
                if key == "max" { spec.expectation.maximum = number } else { spec.expectation.minimum = number }
            case "timeout": spec.timeout = try duration(key, value, within: .milliseconds(1)...ProbeSpec.maximumTimeout)
            case "rate": spec.rate = try ProbeRate(parsing: value)
            case "success": spec.steadyState.minimumSuccess = try ratio(key, value)
            case "abort":
                let threshold = try ratio(key, value)
                spec.abortBelow = threshold > 0 ? threshold : nil
            case "p99": spec.steadyState.maximumP99 = try duration(key, value, within: .milliseconds(1)...ProbeSpec.maximumTimeout)
            default: throw ProbeError.unknownOption(key)
            }
        }
        if case .prometheus(_, let query) = spec.target, query.isEmpty { throw ProbeError.missingOption("query", kind: kind) }
        if kind == "prometheus", spec.expectation.maximum == nil, spec.expectation.minimum == nil {
            throw ProbeError.missingOption("max or min", kind: kind)
        }
    }

    private static func require(http kind: String, _ key: String) throws(ProbeError) {
        guard kind != "prometheus" else { throw ProbeError.notFor(key, kind: kind) }
    }

    /// Letters, digits and `-_./:`, up to 63 characters: it becomes a metric label and a file-safe word.
    private static func name(_ value: String) throws(ProbeError) -> String {
        let allowed = value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./:".contains($0)) }
        guard (1...63).contains(value.count), allowed else {
            throw ProbeError.invalidOption("name", value, expected: "1 to 63 letters, digits or -_./:")
        }
        return value
    }

    /// `200`, `200,204`, `2xx`.
    private static func statuses(_ value: String) throws(ProbeError) -> Set<Int> {
        var found: Set<Int> = []
        for part in value.split(separator: ",", omittingEmptySubsequences: false) {
            if part.count == 3, part.hasSuffix("xx"), let hundred = Int(part.prefix(1)), (1...5).contains(hundred) {
                found.formUnion(hundred * 100..<hundred * 100 + 100)
            } else if let status = Int(part), (100...599).contains(status) {
                found.insert(status)
            } else {
                throw ProbeError.invalidOption("status", value, expected: "HTTP statuses like 200, 200,204 or 2xx")
            }
        }
        return found
    }

    private static func ratio(_ key: String, _ value: String) throws(ProbeError) -> Double {
        guard let number = Double(value), (0...1).contains(number) else {
            throw ProbeError.invalidOption(key, value, expected: "a ratio from 0 to 1, e.g. 0.99")
        }
        return number
    }

    private static func duration(_ key: String, _ value: String, within bounds: ClosedRange<Duration>) throws(ProbeError) -> Duration {
        guard let duration = try? DurationParser.parse(value), bounds.contains(duration) else {
            throw ProbeError.invalidOption(
                key, value,
                expected:
                    "a duration from \(GoDuration.format(bounds.lowerBound, precision: .readable)) to \(GoDuration.format(bounds.upperBound, precision: .readable))"
            )
        }
        return duration
    }
}
