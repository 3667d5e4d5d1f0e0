/// A name pattern compiled to a Thompson NFA: a list of instructions whose only branches are `split` and `jump`, so a
/// simulation tracks a set of positions instead of backtracking.
struct RegexProgram: Sendable {
    enum Instruction: Sendable, Hashable {
        /// Consumes one character from the set, then continues at the next instruction.
        case scalars(ScalarSet)
        case split(Int, Int)
        case jump(Int)
        /// Continues only at the start of the name.
        case start
        /// Continues only at the end of the name.
        case end
        case match
    }

    /// Bounds the work to build the DFA and, for a name outside the Kubernetes alphabet, per character.
    static let maxInstructions = 2_000

    let instructions: [Instruction]

    init(_ node: RegexNode) throws(RegexProblem) {
        var instructions: [Instruction] = []
        try Self.emit(node, into: &instructions)
        instructions.append(.match)
        self.instructions = instructions
    }

    private static func emit(_ node: RegexNode, into code: inout [Instruction]) throws(RegexProblem) {
        switch node {
        case .empty: break
        case .scalars(let set): try append(.scalars(set), to: &code)
        case .start: try append(.start, to: &code)
        case .end: try append(.end, to: &code)
        case .concatenation(let items):
            for item in items { try emit(item, into: &code) }
        case .alternation(let branches):
            try emitAlternation(branches, into: &code)
        case .repetition(let inner, let min, let max):
            try emitRepetition(inner, min: min, max: max, into: &code)
        }
    }

    /// `split(branch, next split)` before each branch but the last; every branch jumps past the rest.
    private static func emitAlternation(_ branches: [RegexNode], into code: inout [Instruction]) throws(RegexProblem) {
        var exits: [Int] = []
        for (index, branch) in branches.enumerated() {
            guard index < branches.count - 1 else {
                try emit(branch, into: &code)
                break
            }
            let split = code.count
            try append(.split(split + 1, -1), to: &code)
            try emit(branch, into: &code)
            exits.append(code.count)
            try append(.jump(-1), to: &code)
            code[split] = .split(split + 1, code.count)
        }
        for exit in exits { code[exit] = .jump(code.count) }
    }

    /// `min` copies, then either a loop (no maximum) or `max - min` optional copies that all exit to the end.
    private static func emitRepetition(_ inner: RegexNode, min: Int, max: Int?, into code: inout [Instruction]) throws(RegexProblem) {
        for _ in 0..<min { try emit(inner, into: &code) }
        guard let max else {
            let loop = code.count
            try append(.split(loop + 1, -1), to: &code)
            try emit(inner, into: &code)
            try append(.jump(loop), to: &code)
            code[loop] = .split(loop + 1, code.count)
            return
        }
        var optional: [Int] = []
        for _ in min..<max {
            optional.append(code.count)
            try append(.split(code.count + 1, -1), to: &code)
            try emit(inner, into: &code)
        }
        for split in optional { code[split] = .split(split + 1, code.count) }
    }

    private static func append(_ instruction: Instruction, to code: inout [Instruction]) throws(RegexProblem) {
        guard code.count < maxInstructions else { throw .tooLarge(limit: maxInstructions) }
        code.append(instruction)
    }
}
