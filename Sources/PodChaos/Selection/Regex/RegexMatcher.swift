/// Finds whether a program matches anywhere in a name with one table lookup per character: a DFA built when the
/// pattern is parsed, over the characters of Kubernetes names (`a-z`, `0-9`, `-`, `.`), whose states are sets of NFA
/// positions. A pattern whose DFA would need more than `maxStates` states, or more than `maxBuildWork` NFA steps to
/// build, is refused, so parsing stays well under a second and matching 10,000 names of 253 characters in milliseconds. A name with any other character (none reaches the API server) is matched by
/// simulating the NFA, each character costing at most two passes over the program.
struct RegexMatcher: Sendable {
    static let maxStates = 10_000
    static let maxBuildWork = 20_000_000
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789-.".unicodeScalars)

    private let program: RegexProgram
    /// `classes[ascii]`: the column of a name character in `transitions`, or -1 for a character outside the alphabet.
    private let classes: [Int]
    private let classCount: Int
    /// `transitions[state * classCount + class]`.
    private let transitions: [Int32]
    private let flags: [Flag]
    private let acceptsAtEnd: [Bool]

    private enum Flag: Sendable { case going, accepted, dead }

    init(_ program: RegexProgram) throws(RegexProblem) {
        self.program = program
        var classes = Array(repeating: -1, count: 128)
        let representatives = Self.characterClasses(program, into: &classes)
        self.classes = classes
        classCount = representatives.count

        var simulation = NFASimulation(program)
        var work = 0
        var sets = [simulation.start(work: &work)]
        var ids = [sets[0]: Int32(0)]
        var transitions: [Int32] = []
        var state = 0
        while state < sets.count {
            for value in representatives {
                let next = simulation.step(sets[state], on: value, work: &work)
                if let id = ids[next] {
                    transitions.append(id)
                    continue
                }
                guard sets.count < Self.maxStates, work < Self.maxBuildWork else { throw .tooManyStates(limit: Self.maxStates) }
                ids[next] = Int32(sets.count)
                transitions.append(Int32(sets.count))
                sets.append(next)
            }
            state += 1
        }
        self.transitions = transitions
        flags = sets.map { simulation.containsMatch($0) ? .accepted : $0.isEmpty ? .dead : .going }
        acceptsAtEnd = sets.map { simulation.acceptsAtEnd($0, work: &work) }
    }

    /// Characters of the alphabet that every instruction treats alike share a column; returns one of each column.
    private static func characterClasses(_ program: RegexProgram, into classes: inout [Int]) -> [UInt32] {
        let sets = program.instructions.compactMap { instruction -> ScalarSet? in
            guard case .scalars(let set) = instruction else { return nil }
            return set
        }
        var columns: [[Bool]: Int] = [:]
        var representatives: [UInt32] = []
        for scalar in alphabet {
            let signature = sets.map { $0.contains(scalar.value) }
            if let column = columns[signature] {
                classes[Int(scalar.value)] = column
            } else {
                columns[signature] = representatives.count
                classes[Int(scalar.value)] = representatives.count
                representatives.append(scalar.value)
            }
        }
        return representatives
    }

    var size: Int { program.instructions.count }
    var stateCount: Int { flags.count }

    func matches(_ name: String) -> Bool {
        var steps = 0
        return matches(name, steps: &steps)
    }

    /// `steps` counts the work: one per DFA transition, or one per NFA instruction visited on the slow path.
    func matches(_ name: String, steps: inout Int) -> Bool {
        var state = 0
        if let verdict = verdict(state) { return verdict }
        for byte in name.utf8 {
            let column = byte < 0x80 ? classes[Int(byte)] : -1
            guard column >= 0 else { return simulate(name, steps: &steps) }
            steps += 1
            state = Int(transitions[state * classCount + column])
            if let verdict = verdict(state) { return verdict }
        }
        return acceptsAtEnd[state]
    }

    /// True once a match is certain, false once none is possible, nil while the rest of the name decides.
    private func verdict(_ state: Int) -> Bool? {
        switch flags[state] {
        case .going: nil
        case .accepted: true
        case .dead: false
        }
    }

    private func simulate(_ name: String, steps: inout Int) -> Bool {
        var simulation = NFASimulation(program)
        if name.isEmpty { return simulation.acceptsEmpty(work: &steps) }
        var set = simulation.start(work: &steps)
        for scalar in name.unicodeScalars {
            if simulation.containsMatch(set) { return true }
            set = simulation.step(set, on: scalar.value, work: &steps)
        }
        return simulation.containsMatch(set) || simulation.acceptsAtEnd(set, work: &steps)
    }
}
