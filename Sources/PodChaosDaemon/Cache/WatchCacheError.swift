import KubeAPI

/// The daemon's watches have not listed in time: the API server is unreachable or slow. The tick is skipped; the
/// watches keep trying.
public struct WatchCacheError: Error, Sendable, CustomStringConvertible {
    public let waited: Duration

    public var description: String {
        "the watch cache has not listed the cluster after \(GoDuration.format(waited, precision: .readable)): the API server is unreachable or slow"
    }
}
