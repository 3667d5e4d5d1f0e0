import KubeAPI
import Testing

@Suite("PodDisruptionBudget: whether it allows a disruption now")
struct PodDisruptionBudgetTests {
    @Test(arguments: [
        (Int64?.some(2), Int64?.some(2), Int?.some(1), true, true),
        (2, 2, 0, true, false),
        (3, 2, 1, false, false),
        (2, 3, 1, true, true),
        (nil, 1, 1, true, true),
        (1, nil, 1, false, false),
        (1, 1, nil, true, false),
    ])
    func allowsOnlyWithACurrentStatusAndRoomLeft(
        generation: Int64?, observedGeneration: Int64?, disruptionsAllowed: Int?, current: Bool, allows: Bool
    ) {
        var metadata = ObjectMeta(name: "web", namespace: "demo")
        metadata.generation = generation
        let pdb = PodDisruptionBudget(
            metadata: metadata,
            spec: .init(minAvailable: .int(2)),
            status: .init(observedGeneration: observedGeneration, disruptionsAllowed: disruptionsAllowed))
        #expect(pdb.isStatusCurrent == current)
        #expect(pdb.allowsDisruption == allows)
    }

    @Test func withoutStatusNothingIsAllowed() {
        let pdb = PodDisruptionBudget(metadata: ObjectMeta(name: "web"), spec: .init(maxUnavailable: .int(1)))
        #expect(!pdb.isStatusCurrent)
        #expect(!pdb.allowsDisruption)
    }

    @Test func capturedBudgetIsCurrentAndFull() throws {
        let pdb = try Fixtures.decode(PodDisruptionBudget.self, from: "pdb.json")
        #expect(pdb.isStatusCurrent)
        #expect(!pdb.allowsDisruption)
    }
}
