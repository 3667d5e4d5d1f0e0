/// The probes victims' owners ask for with the `podchaosmonkey.io/probe` annotation (one `--probe` text per line).
/// Whoever may annotate a workload may make podchaosmonkey send requests, so an owner may name only a Service in its
/// own namespace: nothing outside what that namespace already exposes to itself. Pure.
public enum OwnerProbes {
    public struct Ignored: Sendable, Hashable {
        public var owner: Workload
        public var text: String
        public var reason: String
    }

    /// `configured` followed by the owners' probes, each owner taken once; a probe named like one already there is
    /// left out when it calls the same target, and ignored with a reason otherwise.
    public static func probes(_ configured: [ProbeSpec], owners: [Workload]) -> (probes: [ProbeSpec], ignored: [Ignored]) {
        var probes = configured
        var ignored: [Ignored] = []
        var seen: Set<String> = []
        for owner in owners where seen.insert(owner.uid).inserted {
            guard let value = owner.annotations[PodChaosKeys.probe] else { continue }
            for line in value.split(whereSeparator: \.isNewline).map(String.init) where !line.trimmingWhitespace().isEmpty {
                switch admit(line, owner: owner, among: probes) {
                case .success(let probe?): probes.append(probe)
                case .success(nil): continue
                case .failure(let reason): ignored.append(Ignored(owner: owner, text: line, reason: reason.description))
                }
            }
        }
        return (probes, ignored)
    }

    private struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    private static func admit(_ line: String, owner: Workload, among probes: [ProbeSpec]) -> Result<ProbeSpec?, Refusal> {
        let probe: ProbeSpec
        do {
            probe = try ProbeSpecParser.parse(line)
        } catch {
            return .failure(Refusal(description: error.description))
        }
        guard case .service(let address) = probe.target, address.namespace == owner.namespace else {
            return .failure(Refusal(description: "an owner may name only a service: probe in its own namespace (\(owner.namespace))"))
        }
        if let existing = probes.first(where: { $0.name == probe.name }) {
            return existing.target == probe.target
                ? .success(nil) : .failure(Refusal(description: "a probe named \(probe.name) exists already"))
        }
        return .success(probe)
    }
}
