/// Why a listen address such as `--metrics-address` could not be parsed; `description` names the value and the form expected.
public struct ListenAddressError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case empty
        case missingPort
        case invalidPort
        case invalidHost
        case unbracketedIPv6
    }

    private let code: Code
    /// The address as the user wrote it.
    public let value: String
    private let problem: String

    private init(code: Code, value: String, problem: String) {
        self.code = code
        self.value = value
        self.problem = problem
    }

    static func empty(_ value: String) -> ListenAddressError {
        ListenAddressError(code: .empty, value: value, problem: "the address is empty")
    }

    static func missingPort(_ value: String) -> ListenAddressError {
        ListenAddressError(code: .missingPort, value: value, problem: "no port")
    }

    static func invalidPort(_ value: String, port: String) -> ListenAddressError {
        ListenAddressError(code: .invalidPort, value: value, problem: "port \"\(port)\" is not a number from 0 to 65535")
    }

    static func invalidHost(_ value: String, host: String) -> ListenAddressError {
        ListenAddressError(code: .invalidHost, value: value, problem: "\"\(host)\" is not a host name or IP address")
    }

    static func unbracketedIPv6(_ value: String) -> ListenAddressError {
        ListenAddressError(code: .unbracketedIPv6, value: value, problem: "an IPv6 address needs brackets, e.g. [::1]:8080")
    }

    public var description: String {
        "invalid listen address \"\(value)\": \(problem); expected [host]:port, e.g. :8080, 127.0.0.1:9090 or [::1]:8080"
    }
}
