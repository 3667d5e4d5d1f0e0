import Foundation

/// Reads `--probe` text: a target, then `key=value` options separated by spaces; a value with spaces is quoted
/// ('…' or "…").
///
///     http://web.shop.svc/healthz rate=10/s status=200 body=ok timeout=500ms
///     service:shop/web:80/healthz success=0.99 abort=0.9 p99=300ms
///     prometheus:http://prometheus.monitoring:9090 query='sum(rate(http_errors_total[1m]))' max=0.05
public enum ProbeSpecParser {
    /// Parses every text and checks that their names are distinct.
    public static func parse(_ texts: [String]) throws(ProbeError) -> [ProbeSpec] {
        var specs: [ProbeSpec] = []
        for text in texts {
            let spec = try parse(text)
            if specs.contains(where: { $0.name == spec.name }) { throw ProbeError.duplicateName(spec.name) }
            specs.append(spec)
        }
        return specs
    }

    public static func parse(_ text: String) throws(ProbeError) -> ProbeSpec {
        let words = try tokens(text)
        guard let first = words.first else { throw ProbeError.invalidTarget(text) }
        var spec = try target(first)
        var options: [String: String] = [:]
        for word in words.dropFirst() {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { throw ProbeError.unknownOption(word) }
            options[String(word[..<equals])] = String(word[word.index(after: equals)...])
        }
        try apply(options, to: &spec)
        return spec
    }

    /// Words split on unquoted whitespace; quotes are removed.
    static func tokens(_ text: String) throws(ProbeError) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        guard quote == nil else { throw ProbeError.unterminatedQuote(text) }
        if inWord { words.append(current) }
        return words
    }

    private static func target(_ text: String) throws(ProbeError) -> ProbeSpec {
        if text.hasPrefix("http://") || text.hasPrefix("https://") {
            let (url, authorization) = try httpURL(text)
            return ProbeSpec(name: defaultName(url), target: .http(url), authorization: authorization)
        }
        if text.hasPrefix("service:") {
            let address = try service(String(text.dropFirst("service:".count)), original: text)
            return ProbeSpec(name: "\(address.namespace)/\(address.name)", target: .service(address))
        }
        if text.hasPrefix("prometheus:") {
            let (server, authorization) = try httpURL(String(text.dropFirst("prometheus:".count)))
            return ProbeSpec(
                name: "prometheus", target: .prometheus(server: server, query: ""), authorization: authorization,
                timeout: .seconds(5), rate: ProbeRate(count: 1, per: .seconds(5)), steadyState: SteadyStateCriteria(minimumSuccess: 1))
        }
        throw ProbeError.invalidTarget(text)
    }

    /// The URL without user info, and `Basic …` from it when it had some.
    private static func httpURL(_ text: String) throws(ProbeError) -> (URL, String?) {
        guard var components = URLComponents(string: text), ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
            let host = components.host, !host.isEmpty
        else { throw ProbeError.invalidTarget(text) }
        let user = components.user
        let password = components.password
        components.user = nil
        components.password = nil
        if components.path.isEmpty { components.path = "/" }
        guard let url = components.url else { throw ProbeError.invalidTarget(text) }
        let authorization = (user ?? password).map { _ in "Basic " + Data("\(user ?? ""):\(password ?? "")".utf8).base64EncodedString() }
        return (url, authorization)
    }

    /// `NAMESPACE/NAME:PORT/PATH`; the path may be just `/` or absent.
    private static func service(_ text: String, original: String) throws(ProbeError) -> ServiceAddress {
        let slash = text.firstIndex(of: "/")
        guard let slash else { throw ProbeError.invalidTarget(original) }
        let namespace = String(text[..<slash])
        let rest = text[text.index(after: slash)...]
        let pathStart = rest.firstIndex(of: "/") ?? rest.endIndex
        let nameAndPort = rest[..<pathStart].split(separator: ":", omittingEmptySubsequences: false)
        guard nameAndPort.count == 2, NamespaceScope.isDNSLabel(namespace), NamespaceScope.isDNSLabel(String(nameAndPort[0])),
            isPort(String(nameAndPort[1]))
        else {
            throw ProbeError.invalidTarget(original)
        }
        let path = rest[pathStart...].isEmpty ? "/" : String(rest[pathStart...])
        return ServiceAddress(namespace: namespace, name: String(nameAndPort[0]), port: String(nameAndPort[1]), path: path)
    }

    private static func isPort(_ text: String) -> Bool {
        if let number = Int(text) { return (1...65535).contains(number) }
        return (1...15).contains(text.count) && NamespaceScope.isDNSLabel(text)
    }

    private static func defaultName(_ url: URL) -> String {
        (url.host ?? "http") + (url.path == "/" ? "" : url.path)
    }
}
