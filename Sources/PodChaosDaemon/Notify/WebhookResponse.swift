/// What a receiver answered: all that delivery reads of it.
struct WebhookResponse: Sendable {
    let status: Int
    /// Keyed by lower-case name; the first value of a repeated header.
    let headers: [String: String]

    init(status: Int, headers: some Sequence<(name: String, value: String)> = []) {
        self.status = status
        var byName: [String: String] = [:]
        for (name, value) in headers where byName[name.lowercased()] == nil {
            byName[name.lowercased()] = value
        }
        self.headers = byName
    }

    var retryAfter: String? { headers["retry-after"] }
}
