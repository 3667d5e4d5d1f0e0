/// An ordered list of fault rules and how often each has fired. The first rule that matches a request, still has
/// `times` left and wins its `probability` draw decides the request's fault.
///
/// A struct with a mutating `decide`, not an actor: deciding never waits, so the server's state actor (which
/// already serialises requests) owns the plan as a plain value, and tests replay it deterministically with a
/// seeded generator and no concurrency.
public struct FaultPlan: Sendable, Hashable {
    public private(set) var rules: [FaultRule]
    /// How many times each rule has fired, by rule index.
    public private(set) var fired: [Int]

    public init(rules: [FaultRule] = []) {
        self.rules = rules
        self.fired = Array(repeating: 0, count: rules.count)
    }

    public var isEmpty: Bool { rules.isEmpty }

    /// Adds a rule after the others; the counts of the rules already there are kept.
    public mutating func append(_ rule: FaultRule) {
        rules.append(rule)
        fired.append(0)
    }

    /// Decides the fault for a request with the system's random numbers.
    public mutating func decide(_ request: FaultRequest) -> FaultDecision? {
        var generator = SystemRandomNumberGenerator()
        return decide(request, using: &generator)
    }

    /// Decides the fault for a request, counting it against the rule that fires. A random number is drawn only
    /// for a matching rule with a probability strictly between 0 and 1, so rules without one never disturb a seeded sequence.
    public mutating func decide(_ request: FaultRequest, using generator: inout some RandomNumberGenerator) -> FaultDecision? {
        for (index, rule) in rules.enumerated() where rule.matches(request) {
            if let times = rule.times, fired[index] >= times { continue }
            if let probability = rule.probability, probability < 1 {
                guard probability > 0, Double.random(in: 0..<1, using: &generator) < probability else { continue }
            }
            fired[index] += 1
            return FaultDecision(ruleIndex: index, action: rule.action)
        }
        return nil
    }

    /// Rules with `times` that have fired that many times.
    public var exhaustedRules: [Int] {
        rules.indices.filter { index in rules[index].times.map { fired[index] >= $0 } ?? false }
    }
}

extension FaultPlan: Codable {
    enum CodingKeys: String, CodingKey { case rules }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(rules: try container.decodeIfPresent([FaultRule].self, forKey: .rules) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rules, forKey: .rules)
    }
}
