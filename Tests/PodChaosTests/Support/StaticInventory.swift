@testable import PodChaos

/// The cluster as a test describes it: every run reads the same inventory.
struct StaticInventory: InventorySource {
    let inventory: Inventory

    func load(_ criteria: SelectionCriteria) async throws -> Inventory { inventory }
}
