/// Where a watch begins.
public enum WatchStart: Sendable, Hashable {
    /// `resourceVersion` "" or "0": synthetic ADDED events for the current objects, then live changes.
    case currentState
    /// `sendInitialEvents=true`: like `currentState`, then a BOOKMARK annotated `k8s.io/initial-events-end`.
    case initialEventsWithBookmark
    /// Only changes after this resourceVersion (410 Expired if they were trimmed from the history).
    case after(Int)
    /// Only changes from now on, with no initial events; for in-process subscribers.
    case now
}

/// A live watch: its events, in resourceVersion order, and the id to ask for bookmarks or to stop it.
public struct WatchSubscription: Sendable {
    public let id: Int
    public let events: AsyncStream<SandboxWatchEvent>
}

struct Watcher {
    let type: ResourceType?
    let filter: ObjectFilter
    let continuation: AsyncStream<SandboxWatchEvent>.Continuation
}
