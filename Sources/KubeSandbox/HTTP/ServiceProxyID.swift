/// The name segment of a service proxy path, `[SCHEME:]NAME[:PORT]`, split as the API server splits it
/// (`SplitSchemeNamePort`): the scheme is `http`, `https` or none, the port a number or a port's name.
struct ServiceProxyID: Sendable, Hashable {
    var scheme: String
    var name: String
    /// The port as given; empty when none was.
    var port: String

    /// nil when the segment has more than two `:`, no name, or another scheme: the server answers 400.
    init?(_ id: String) {
        let parts = id.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1: (scheme, name, port) = ("", parts[0], "")
        case 2: (scheme, name, port) = ("", parts[0], parts[1])
        case 3: (scheme, name, port) = (parts[0], parts[1], parts[2])
        default: return nil
        }
        guard !name.isEmpty, ["", "http", "https"].contains(scheme) else { return nil }
    }
}
