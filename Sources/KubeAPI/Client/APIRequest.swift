import Foundation
import NIOHTTP1

/// One request to the API server, before credentials and transport are applied.
struct APIRequest: Sendable {
    enum RetryClass: Sendable {
        /// GET, LIST, WATCH: retried on connection errors, 429 and 500/502/503/504.
        case read
        /// DELETE or eviction guarded by a UID precondition: a retry can only ever hit the same pod, so it is
        /// retried on connection errors and 500/502/503/504 — never on an eviction's 429 (a PDB refusal).
        case guardedKill
        /// Everything else: sent once.
        case never
    }

    var method: HTTPMethod
    var path: String
    var query: [(String, String)] = []
    var body: Data?
    var contentType: String?
    var context: RequestContext
    var retry: RetryClass

    /// `path?query`, every query value percent-encoded.
    var pathAndQuery: String {
        guard !query.isEmpty else { return path }
        let pairs = query.map { "\($0.0.queryEncoded)=\($0.1.queryEncoded)" }
        return path + "?" + pairs.joined(separator: "&")
    }
}

/// What came back, whatever the status; `attempts` > 1 means an earlier attempt may have been applied.
struct APIResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: Data
    var attempts: Int
}

extension String {
    /// Percent-encodes all but RFC 3986 unreserved characters; selectors' `=`, `,`, `!` and `(` must be escaped.
    var queryEncoded: String {
        var out = ""
        for byte in utf8 {
            let isUnreserved =
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            if isUnreserved {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
