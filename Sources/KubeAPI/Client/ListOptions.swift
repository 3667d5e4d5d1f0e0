import Foundation

/// Query parameters of a LIST or WATCH.
public struct ListOptions: Sendable, Hashable {
    /// Label selector in kubectl syntax (`app=web,tier!=db`); validate it with `Labels.Selector` first.
    public var labelSelector: String?
    /// Field selector (`status.phase=Running`).
    public var fieldSelector: String?
    /// Page size; the server returns a `continue` token when more remain.
    public var limit: Int?
    public var `continue`: String?
    public var resourceVersion: String?
    /// `NotOlderThan` or `Exact`, as the API defines them.
    public var resourceVersionMatch: String?

    public init(
        labelSelector: String? = nil,
        fieldSelector: String? = nil,
        limit: Int? = nil,
        continue: String? = nil,
        resourceVersion: String? = nil,
        resourceVersionMatch: String? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continue = `continue`
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let labelSelector, !labelSelector.isEmpty { items.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { items.append(("fieldSelector", fieldSelector)) }
        if let limit { items.append(("limit", String(limit))) }
        if let value = `continue`, !value.isEmpty { items.append(("continue", value)) }
        if let resourceVersion { items.append(("resourceVersion", resourceVersion)) }
        if let resourceVersionMatch { items.append(("resourceVersionMatch", resourceVersionMatch)) }
        return items
    }
}

/// The three PATCH flavours the API server accepts for built-in types.
public enum Patch: Sendable, Hashable {
    /// RFC 7386 JSON merge patch.
    case merge(Data)
    /// Kubernetes strategic merge patch (lists merged by key).
    case strategicMerge(Data)
    /// RFC 6902 JSON patch (a list of operations).
    case json(Data)

    var contentType: String {
        switch self {
        case .merge: "application/merge-patch+json"
        case .strategicMerge: "application/strategic-merge-patch+json"
        case .json: "application/json-patch+json"
        }
    }

    var body: Data {
        switch self {
        case .merge(let data), .strategicMerge(let data), .json(let data): data
        }
    }
}
