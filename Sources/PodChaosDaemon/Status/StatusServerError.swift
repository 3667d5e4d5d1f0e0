/// Why the status server could not serve.
public struct StatusServerError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case cannotListen
        case stopped
    }

    private let code: Code
    public let address: ListenAddress
    /// The socket error, when there was one.
    public let detail: String?

    private init(code: Code, address: ListenAddress, detail: String?) {
        self.code = code
        self.address = address
        self.detail = detail
    }

    /// Binding failed: the port is taken, the host does not resolve, or the address is not on this machine.
    static func cannotListen(_ address: ListenAddress, error: any Error) -> StatusServerError {
        StatusServerError(code: .cannotListen, address: address, detail: String(describing: error))
    }

    /// The server ended before it ever listened, e.g. its task was cancelled.
    static func stopped(_ address: ListenAddress) -> StatusServerError {
        StatusServerError(code: .stopped, address: address, detail: nil)
    }

    public var isCannotListen: Bool { code == .cannotListen }

    public var description: String {
        switch code {
        case .cannotListen:
            "status server cannot listen on \(address): \(detail ?? "unknown error"); choose another --metrics-address"
        case .stopped:
            "status server on \(address) stopped before it was listening"
        }
    }
}
