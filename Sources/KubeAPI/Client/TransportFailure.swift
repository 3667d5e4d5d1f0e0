import AsyncHTTPClient
import NIOCore
import NIOPosix
import NIOSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed attempt to reach the API server, classified: what to tell the user in one line, and whether trying again can
/// help. Nothing here quotes a library's raw error dump (BoringSSL's carries build paths).
struct TransportFailure: Sendable {
    enum Kind: Sendable, Equatable {
        /// The server's certificate is not trusted, does not name the server, or the server speaks no TLS: permanent.
        case tls
        /// Nothing was sent: the connection was refused, or the address is unreachable or does not resolve.
        case connect
        /// No connection within the connect timeout.
        case connectTimeout
        /// No complete answer within the request timeout.
        case requestTimeout
        /// The connection broke while the request was in flight.
        case broken
    }

    let kind: Kind
    let message: String

    /// How many attempts in all a request may make after this failure, given the policy (and the request's own class).
    func attemptLimit(_ policy: RetryPolicy) -> Int {
        switch kind {
        case .tls, .connectTimeout, .requestTimeout: return 1
        case .connect: return min(policy.maxAttempts, policy.maxConnectAttempts)
        case .broken: return policy.maxAttempts
        }
    }

    /// - Parameters:
    ///   - server: `host:port` as dialled, for the messages.
    ///   - trust: where trust comes from, for the certificate message ("the kubeconfig's certificate authority").
    ///   - requestTimeout: the request timeout in force, for the timeout message.
    init(_ error: any Error, server: String, trust: String, requestTimeout: Duration? = nil) {
        if let failure = error as? TransportFailure {
            self = failure
            return
        }
        if let httpError = error as? HTTPClientError {
            switch httpError {
            case .connectTimeout:
                self.init(.connectTimeout, "no connection to \(server) within the connect timeout (is the address reachable?)")
                return
            case .readTimeout, .deadlineExceeded:
                let limit = requestTimeout.map { " of \(GoDuration.format($0))" } ?? ""
                self.init(.requestTimeout, "no complete answer from \(server) within the request timeout\(limit)")
                return
            default: break
            }
        }
        if let sslError = error as? NIOSSLError {
            self.init(tls: sslError, server: server, trust: trust)
            return
        }
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            self.init(.tls, "the certificate of \(server) does not name the address dialled")
            return
        }
        if let connect = Self.connectFailure(error, server: server) {
            self.init(.connect, connect)
            return
        }
        self.init(.broken, "connection to \(server) broken: \(Self.oneLine(error))")
    }

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    private init(tls error: NIOSSLError, server: String, trust: String) {
        let dump = String(describing: error)
        let reasons: [(String, String)] = [
            ("CERTIFICATE_VERIFY_FAILED", "the certificate of \(server) is not signed by \(trust)"),
            ("WRONG_VERSION_NUMBER", "\(server) does not speak TLS (is it plain HTTP? then the server URL is http://)"),
            ("HTTP_REQUEST", "\(server) does not speak TLS (is it plain HTTP? then the server URL is http://)"),
            ("CERTIFICATE_REQUIRED", "\(server) requires a client certificate, and the kubeconfig user has none it accepts"),
            ("BAD_CERTIFICATE", "\(server) refused the client certificate"),
            ("UNKNOWN_CA", "\(server) does not trust the client certificate's issuer"),
        ]
        if let (_, message) = reasons.first(where: { dump.contains($0.0) }) {
            self.init(.tls, message)
        } else if case .uncleanShutdown = error {
            self.init(.tls, "\(server) closed the connection during the TLS handshake (is it a TLS server?)")
        } else {
            self.init(.tls, "TLS handshake with \(server) failed (\(Self.boringSSLReason(dump) ?? "\(error)"))")
        }
    }

    /// The reason codes of a BoringSSL error stack (`CERTIFICATE_VERIFY_FAILED`), without its file paths.
    private static func boringSSLReason(_ dump: String) -> String? {
        let reasons = dump.split(separator: ":").compactMap { part -> String? in
            let word = part.split(separator: " ").first.map(String.init) ?? ""
            return word.count > 3 && word.allSatisfy({ $0.isUppercase || $0 == "_" || $0.isNumber }) ? word : nil
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: ", ")
    }

    private static func connectFailure(_ error: any Error, server: String) -> String? {
        if let connection = error as? NIOConnectionError {
            if connection.connectionErrors.isEmpty, connection.dnsAError != nil || connection.dnsAAAAError != nil {
                return "cannot resolve the host of \(server)"
            }
            return connection.connectionErrors.lazy.compactMap { connectFailure($0.error, server: server) }.first
        }
        guard let io = error as? IOError else { return nil }
        switch io.errnoCode {
        case ECONNREFUSED: return "connection refused by \(server) (is the API server running, and is this its address?)"
        case EHOSTUNREACH, ENETUNREACH: return "\(server) is unreachable (is the address right, and the network up?)"
        default: return nil
        }
    }

    private static func oneLine(_ error: any Error) -> String {
        String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension TransportFailure: Error, CustomStringConvertible {
    var description: String { message }
}
