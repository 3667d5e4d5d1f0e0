/// One step at a time of a Thompson NFA: sets of instruction positions, each closed over `split`, `jump` and the
/// anchors. A set keeps the positions that wait for a character (`scalars`), `match`, and `end` anchors whose outcome
/// is known only once the name ends.
struct NFASimulation: Sendable {
    private let instructions: [RegexProgram.Instruction]
    /// `marks[pc] == pass`: already added during this pass.
    private var marks: [Int]
    private var pass = 0
    private var stack: [Int] = []

    init(_ program: RegexProgram) {
        instructions = program.instructions
        marks = Array(repeating: 0, count: program.instructions.count)
    }

    /// Before the first character.
    mutating func start(work: inout Int) -> [Int32] {
        var set: [Int32] = []
        pass += 1
        close(0, atStart: true, atEnd: false, into: &set, work: &work)
        return set.sorted()
    }

    /// After reading `value`: the positions that accepted it, moved on, plus a fresh start, since a match may begin at
    /// any character.
    mutating func step(_ set: [Int32], on value: UInt32, work: inout Int) -> [Int32] {
        var next: [Int32] = []
        pass += 1
        for pc in set {
            work += 1
            guard case .scalars(let accepted) = instructions[Int(pc)], accepted.contains(value) else { continue }
            close(Int(pc) + 1, atStart: false, atEnd: false, into: &next, work: &work)
        }
        close(0, atStart: false, atEnd: false, into: &next, work: &work)
        return next.sorted()
    }

    func containsMatch(_ set: [Int32]) -> Bool {
        set.contains { instructions[Int($0)] == .match }
    }

    /// Whether the name may end here: an `end` anchor waiting in the set leads to `match`.
    mutating func acceptsAtEnd(_ set: [Int32], work: inout Int) -> Bool {
        var closed: [Int32] = []
        pass += 1
        for pc in set where instructions[Int(pc)] == .end {
            close(Int(pc) + 1, atStart: false, atEnd: true, into: &closed, work: &work)
        }
        return containsMatch(closed)
    }

    /// Whether the empty name matches.
    mutating func acceptsEmpty(work: inout Int) -> Bool {
        var closed: [Int32] = []
        pass += 1
        close(0, atStart: true, atEnd: true, into: &closed, work: &work)
        return containsMatch(closed)
    }

    /// Adds the positions reachable from `pc` without reading a character; each is visited once per pass.
    private mutating func close(_ pc: Int, atStart: Bool, atEnd: Bool, into set: inout [Int32], work: inout Int) {
        stack.append(pc)
        while let pc = stack.popLast() {
            guard marks[pc] != pass else { continue }
            marks[pc] = pass
            work += 1
            switch instructions[pc] {
            case .scalars, .match:
                set.append(Int32(pc))
            case .end:
                if atEnd { stack.append(pc + 1) } else { set.append(Int32(pc)) }
            case .start:
                if atStart { stack.append(pc + 1) }
            case .jump(let target):
                stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            }
        }
    }
}
