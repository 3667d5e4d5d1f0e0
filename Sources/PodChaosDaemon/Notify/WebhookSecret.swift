import Foundation

/// A flag value that may be a secret: given literally, as `env:NAME`, or as `file:/path` (contents trimmed).
/// Kubernetes mounts Secrets as files and injects them as environment variables; either keeps the secret off the
/// command line, where `ps` and the Pod spec would show it.
struct WebhookSecret: Sendable, Hashable {
    /// Where a value came from, as error messages name it.
    enum Source: Sendable, Hashable, CustomStringConvertible {
        case literal
        case environment(String)
        case file(String)

        var description: String {
            switch self {
            case .literal: "the value"
            case .environment(let name): "environment variable \(name)"
            case .file(let path): "file \(path)"
            }
        }
    }

    let value: String
    let source: Source

    /// Resolves `raw` for `flag`. `readFile` is a seam for tests; it returns the file's contents or throws.
    static func resolve(
        _ raw: String, flag: String, environment: [String: String],
        readFile: (String) throws -> String = { try BoundedFile.read($0, limit: BoundedFile.secretLimit) }
    ) throws(WebhookError) -> WebhookSecret {
        let resolved: WebhookSecret
        if raw.hasPrefix("env:") {
            let name = String(raw.dropFirst("env:".count))
            guard let value = environment[name] else { throw .environmentVariableMissing(flag: flag, name: name) }
            resolved = WebhookSecret(value: value.trimmingCharacters(in: .whitespacesAndNewlines), source: .environment(name))
        } else if raw.hasPrefix("file:") {
            let path = String(raw.dropFirst("file:".count))
            do {
                let contents = try readFile(path)
                resolved = WebhookSecret(value: contents.trimmingCharacters(in: .whitespacesAndNewlines), source: .file(path))
            } catch {
                throw .secretFileUnreadable(flag: flag, path: path, detail: Self.explain(error))
            }
        } else {
            resolved = WebhookSecret(value: raw.trimmingCharacters(in: .whitespacesAndNewlines), source: .literal)
        }
        guard !resolved.value.isEmpty else { throw .secretEmpty(flag: flag, source: resolved.source) }
        return resolved
    }

    /// A file error's reason without Foundation's wording, which repeats the path.
    static func explain(_ error: any Error) -> String {
        if let failure = error as? BoundedFile.Failure { return failure.description }
        return switch (error as NSError).code {
        case NSFileReadNoSuchFileError: "no such file"
        case NSFileReadNoPermissionError: "permission denied"
        case NSFileReadInapplicableStringEncodingError: "not UTF-8 text"
        default: "unreadable"
        }
    }
}
