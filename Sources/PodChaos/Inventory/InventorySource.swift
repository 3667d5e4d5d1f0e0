/// Where a run reads the cluster from: the API on every run (`InventoryLoader`), or a watch cache kept current
/// between runs (the daemon's).
public protocol InventorySource: Sendable {
    func load(_ criteria: SelectionCriteria) async throws -> Inventory
}
