/// Query parameters of a WATCH.
public struct WatchOptions: Sendable, Hashable {
    public var labelSelector: String?
    public var fieldSelector: String?
    /// Start after this version; nil or "0" asks the server for the current state as ADDED events first.
    public var resourceVersion: String?
    /// Ask for BOOKMARK events, which advance the resourceVersion during quiet periods.
    public var allowWatchBookmarks: Bool
    /// WatchList: the current state as ADDED events, then a BOOKMARK marked `k8s.io/initial-events-end`.
    public var sendInitialEvents: Bool
    /// Server-side timeout; nil picks a random value in `[minWatchTimeout, 2 × minWatchTimeout)`.
    public var timeoutSeconds: Int?

    public init(
        labelSelector: String? = nil,
        fieldSelector: String? = nil,
        resourceVersion: String? = nil,
        allowWatchBookmarks: Bool = true,
        sendInitialEvents: Bool = false,
        timeoutSeconds: Int? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.resourceVersion = resourceVersion
        self.allowWatchBookmarks = allowWatchBookmarks
        self.sendInitialEvents = sendInitialEvents
        self.timeoutSeconds = timeoutSeconds
    }

    func queryItems(defaultTimeout: Int) -> [(String, String)] {
        var items: [(String, String)] = [("watch", "true")]
        if let labelSelector, !labelSelector.isEmpty { items.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { items.append(("fieldSelector", fieldSelector)) }
        if let resourceVersion { items.append(("resourceVersion", resourceVersion)) }
        if allowWatchBookmarks { items.append(("allowWatchBookmarks", "true")) }
        if sendInitialEvents {
            items.append(("sendInitialEvents", "true"))
            items.append(("resourceVersionMatch", "NotOlderThan"))
        }
        items.append(("timeoutSeconds", String(timeoutSeconds ?? defaultTimeout)))
        return items
    }
}
