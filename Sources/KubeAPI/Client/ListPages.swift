/// A LIST read `pageSize` objects at a time with `limit`/`continue`. Iterate `items` for the objects one by one.
public struct ListPages<T: KubernetesObject>: Sendable {
    let client: KubernetesClient
    let namespace: String?
    let allNamespaces: Bool
    let options: ListOptions
    let pageSize: Int

    /// The objects of every page, in order, each decoded as soon as its bytes arrive.
    public var items: ListItems<T> { ListItems(pages: self) }

    /// The request for the page that `token` continues to (the first page for nil), or, with `pinnedVersion`, that
    /// page again exactly as the server answered it at that resourceVersion.
    func request(continuing token: String?, pinnedVersion: String? = nil) -> APIRequest {
        var options = self.options
        options.limit = pageSize
        options.continue = token
        if let pinnedVersion {
            options.resourceVersion = pinnedVersion
            options.resourceVersionMatch = "Exact"
        }
        return client.listRequest(T.self, namespace: namespace, allNamespaces: allNamespaces, options: options)
    }
}
