import Foundation

/// A bearer token read from a file and re-read at most once per `refreshInterval` (projected service account tokens
/// and kubeconfig `tokenFile`s rotate on disk), and on the next call after `invalidate()`.
public actor TokenFileProvider: CredentialProvider {
    public let path: String
    private let refreshInterval: TimeInterval
    private let now: @Sendable () -> Date
    private let base: Credentials
    private var cached: (token: String, readAt: Date)?

    public init(
        path: String,
        refreshInterval: TimeInterval = 60,
        base: Credentials = Credentials(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.path = path
        self.refreshInterval = refreshInterval
        self.base = base
        self.now = now
    }

    public func credentials() throws -> Credentials {
        let current = now()
        if let cached, current.timeIntervalSince(cached.readAt) < refreshInterval {
            return with(cached.token)
        }
        do {
            let token = try Self.readToken(path)
            cached = (token, current)
            return with(token)
        } catch {
            // A rotation in progress can briefly leave the file unreadable; the last token is still the best guess.
            // After invalidate() there is no last token, so the failure surfaces.
            if let cached { return with(cached.token) }
            throw error
        }
    }

    public func invalidate() {
        cached = nil
    }

    private func with(_ token: String) -> Credentials {
        var result = base
        result.bearerToken = token
        return result
    }

    static func readToken(_ path: String) throws -> String {
        switch token(at: path) {
        case .success(let token): return token
        case .failure(let problem): throw ConfigError.unreadableFile(path, role: "token file", reason: problem.description)
        }
    }

    /// The trimmed token, or why there is none (`does not exist`, `is empty`, ...).
    static func token(at path: String) -> Result<String, TokenProblem> {
        switch ConfigFiles.read(path) {
        case .failure(let problem):
            return .failure(TokenProblem(description: problem.description))
        case .success(let bytes):
            let token = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return token.isEmpty ? .failure(TokenProblem(description: "is empty")) : .success(token)
        }
    }

    struct TokenProblem: Error, CustomStringConvertible {
        var description: String
    }
}
