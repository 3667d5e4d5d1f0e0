/// Which settings `config print` must not show: webhook URLs, tokens, passwords — by the option's name or by the
/// look of the value, so a secret passed to an innocently named option is still hidden.
enum SecretRedaction {
    static func isSecret(_ setting: Setting) -> Bool {
        let values: [String]
        switch setting.value {
        case .single(let value): values = [value]
        case .list(let items): values = items
        case .unset, .flag, .count: return false
        }
        return values.contains { secretByName(setting.option.name, value: $0) || looksSecret($0) }
    }

    /// What a command line's secret values are shown as.
    static let placeholder = "<redacted>"

    /// `arguments` with the value of every secret option (`--webhook URL`, `--webhook=URL`) and every value that looks
    /// secret replaced by `placeholder`, for echoing a command line.
    static func redacted(commandLine arguments: [String]) -> [String] {
        var out: [String] = []
        var pendingOption: String?
        for argument in arguments {
            defer { pendingOption = argument.hasPrefix("--") && !argument.contains("=") ? String(argument.dropFirst(2)) : nil }
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                let name = String(argument[argument.index(argument.startIndex, offsetBy: 2)..<equals])
                let value = String(argument[argument.index(after: equals)...])
                let secret = secretByName(name, value: value) || looksSecret(value)
                out.append(secret ? "--\(name)=\(placeholder)" : argument)
            } else {
                let secret = pendingOption.map { secretByName($0, value: argument) } ?? false
                out.append(secret || looksSecret(argument) ? placeholder : argument)
            }
        }
        return out
    }

    private static let secretWords: Set<String> = [
        "webhook", "token", "secret", "password", "passwd", "credential", "credentials", "apikey", "auth", "authorization",
    ]
    /// Options named after a secret but holding where it is or how to use it, not the secret itself.
    private static let harmlessSuffixes: Set<String> = ["file", "path", "template", "dir", "directory", "env", "name"]
    /// Options that ask for a secret to be shown or made (`print-token NAMESPACE/NAME`) rather than hold one.
    private static let harmlessPrefixes: Set<String> = ["print", "show", "create"]

    private static func secretByName(_ name: String, value: String) -> Bool {
        let words = name.lowercased().split(separator: "-").map(String.init)
        guard let first = words.first, let last = words.last, !harmlessSuffixes.contains(last), !harmlessPrefixes.contains(first)
        else { return false }
        let named = words.contains(where: secretWords.contains) || name.lowercased().contains("api-key")
        // A duration, count or Bool next to a secret (`webhook-timeout: 5s`) gives nothing away.
        return named && !isHarmlessScalar(value)
    }

    private static func isHarmlessScalar(_ value: String) -> Bool {
        if value.isEmpty || ["true", "false"].contains(value.lowercased()) { return true }
        let digits = value.prefix { $0.isNumber || $0 == "." }
        return !digits.isEmpty && ["", "ms", "s", "m", "h", "d"].contains(String(value.dropFirst(digits.count)))
    }

    private static func looksSecret(_ value: String) -> Bool {
        let lower = value.lowercased()
        if let scheme = lower.range(of: "://") {
            let authority = lower[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            if authority.contains("@") { return true }
            if lower.contains("hooks.slack.com/") || lower.contains("/api/webhooks/") || lower.contains("webhook.office.com") {
                return true
            }
            if let query = lower.split(separator: "?", maxSplits: 1).dropFirst().first {
                let names = query.split(separator: "&").map { $0.split(separator: "=", maxSplits: 1).first.map(String.init) ?? "" }
                let secretParameters = [
                    "token", "key", "apikey", "api_key", "access_token", "secret", "sig", "signature", "password", "code",
                ]
                if names.contains(where: secretParameters.contains) { return true }
            }
        }
        let prefixes = ["xoxb-", "xoxp-", "xoxa-", "xoxs-", "xoxr-", "ghp_", "gho_", "ghs_", "github_pat_", "glpat-", "bearer ", "basic "]
        if prefixes.contains(where: lower.hasPrefix) { return true }
        // A JSON Web Token: three base64url parts, the first a JSON header.
        return value.hasPrefix("eyJ") && value.split(separator: ".").count == 3
    }
}
