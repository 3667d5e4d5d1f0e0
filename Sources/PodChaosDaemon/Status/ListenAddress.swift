/// Where the status server listens, as `--metrics-address` spells it: `:8080` (every IPv4 interface),
/// `127.0.0.1:9090`, `[::1]:8080`, `localhost:0` (port 0: the kernel picks a free port).
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The interface to bind; nil binds every IPv4 interface (`0.0.0.0`), the usual choice inside a pod.
    /// IPv6-only clusters pass `[::]:8080`.
    public var host: String?
    public var port: Int

    public init(host: String? = nil, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `[host]:port`; the host may be a name, an IPv4 address or a bracketed IPv6 address.
    public init(parsing value: String) throws(ListenAddressError) {
        let text = value.trimmedOfWhitespace()
        guard !text.isEmpty else { throw .empty(value) }
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .invalidHost(value, host: String(text)) }
            hostPart = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw .missingPort(value) }
            portPart = rest.dropFirst()
            guard Self.isIPv6(hostPart) else { throw .invalidHost(value, host: String(hostPart)) }
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw .missingPort(value) }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
            if hostPart.contains(":") {
                throw Self.isIPv6(hostPart) ? .unbracketedIPv6(value) : .invalidHost(value, host: String(hostPart))
            }
            guard hostPart.isEmpty || Self.isHostName(hostPart) else { throw .invalidHost(value, host: String(hostPart)) }
        }
        guard !portPart.isEmpty else { throw .missingPort(value) }
        guard portPart.allSatisfy(\.isASCIIDigit), portPart.count <= 5, let port = Int(portPart), port <= 65_535 else {
            throw .invalidPort(value, port: String(portPart))
        }
        self.init(host: hostPart.isEmpty ? nil : String(hostPart), port: port)
    }

    /// The host handed to the socket layer.
    public var bindHost: String { host ?? "0.0.0.0" }

    public var description: String {
        guard let host else { return ":\(port)" }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    // DNS names and IPv4 literals share this alphabet; the resolver gives the final verdict at bind time.
    private static func isHostName(_ host: Substring) -> Bool {
        host.allSatisfy { $0.isASCIIDigit || $0.isASCIILetter || $0 == "-" || $0 == "." || $0 == "_" }
    }

    private static func isIPv6(_ host: Substring) -> Bool {
        // `%` introduces a zone, e.g. fe80::1%eth0.
        let address = host.split(separator: "%", maxSplits: 1).first ?? ""
        return address.contains(":") && address.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    fileprivate var isASCIILetter: Bool { isASCII && isLetter }
}

extension String {
    fileprivate func trimmedOfWhitespace() -> Substring {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}
