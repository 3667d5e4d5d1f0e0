/// One page of a LIST: the items, the resourceVersion the whole list is consistent at, and how to go on.
public struct ListPage: Sendable {
    public var items: [JSONValue]
    public var resourceVersion: String
    /// Opaque token for the next page; nil on the last page.
    public var continueToken: String?
    public var remainingItemCount: Int?
}

/// The matching objects of a paged list, frozen at its resourceVersion so later pages stay consistent.
struct ListSnapshot: Sendable {
    let resourceVersion: Int
    let items: [JSONValue]
}

/// The continue token: which snapshot, and where the next page starts. Opaque to clients (base64 JSON).
struct ContinueToken: Codable, Hashable {
    var resourceVersion: Int
    var snapshot: Int
    var offset: Int

    enum CodingKeys: String, CodingKey {
        case resourceVersion = "rv"
        case snapshot = "s"
        case offset = "o"
    }
}
