import KubeAPI

/// What a matching fault rule does to the request.
public enum FaultAction: Sendable, Hashable {
    /// Answer with an error Status instead of serving the request.
    case status(InjectedStatus)
    /// Wait this long before serving the request.
    case latency(Duration)
    /// Close the connection before the request is applied: nothing changed, no answer.
    case dropBeforeRequest
    /// Apply the request, then close the connection before answering: the change happened, the client cannot know.
    case dropAfterApply
    /// Serve the watch, but end its stream after this many events.
    case cutWatchAfterEvents(Int)
    /// Answer the watch with a single 410 `Expired` ERROR event.
    case expireNextWatch
    /// Drop every open connection, as an API server restart does; the stored state is kept.
    case restart

    /// Cutting or expiring a stream only means something for a watch.
    public var isWatchOnly: Bool {
        switch self {
        case .cutWatchAfterEvents, .expireNextWatch: return true
        default: return false
        }
    }

    /// The names of the actions as written in a plan.
    public static let names = [
        "status", "latency", "dropBeforeRequest", "dropAfterApply", "cutWatchAfterEvents", "expireNextWatch", "restart",
    ]
}

extension FaultAction: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private static let statusOptions: Set<String> = ["retryAfterSeconds", "message"]

    /// Accepts `dropBeforeRequest` as a bare word, or an object with exactly one action key:
    /// `{status: 503, retryAfterSeconds: 2}`, `{latency: 500ms}`, `{cutWatchAfterEvents: 3}`, `{restart: true}`.
    public init(from decoder: any Decoder) throws {
        if let word = try? decoder.singleValueContainer().decode(String.self) {
            guard let action = Self.bare(word) else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath,
                        debugDescription:
                            "\"\(word)\" is not an action without arguments; use dropBeforeRequest, dropAfterApply, expireNextWatch or restart"
                    ))
            }
            self = action
            return
        }
        let container = try decoder.container(keyedBy: Key.self)
        let actionKeys = container.allKeys.filter { Self.names.contains($0.stringValue) }
        guard actionKeys.count == 1, let key = actionKeys.first else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "needs exactly one of \(Self.names.joined(separator: ", ")), found \(actionKeys.count)"))
        }
        for extra in container.allKeys where extra.stringValue != key.stringValue {
            guard key.stringValue == "status", Self.statusOptions.contains(extra.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: extra, in: container, debugDescription: "is not an option of the \(key.stringValue) action")
            }
        }
        switch key.stringValue {
        case "status":
            self = .status(try Self.decodeStatus(container, key: key))
        case "latency":
            switch GoDuration.parse(try Self.durationText(container, key: key)) {
            case .success(let duration): self = .latency(duration)
            case .failure(let error):
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: error.description)
            }
        case "cutWatchAfterEvents":
            let count = try container.decodeWholeNumber(forKey: key)
            guard count >= 0 else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "must be 0 or more, not \(count)")
            }
            self = .cutWatchAfterEvents(count)
        default:
            guard try container.decode(Bool.self, forKey: key), let action = Self.bare(key.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "must be true (or write the action as a bare word)")
            }
            self = action
        }
    }

    private static func decodeStatus(_ container: KeyedDecodingContainer<Key>, key: Key) throws -> InjectedStatus {
        let code = try container.decodeWholeNumber(forKey: key)
        guard InjectedStatus.supportedCodes.contains(code) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "\(code) is not an injectable status; use 429, 500 or 503")
        }
        let retryKey = Key("retryAfterSeconds")
        let retryAfter = try container.decodeWholeNumberIfPresent(forKey: retryKey)
        if let retryAfter, retryAfter < 0 {
            throw DecodingError.dataCorruptedError(
                forKey: retryKey, in: container, debugDescription: "must be 0 or more, not \(retryAfter)")
        }
        let message = try container.decodeIfPresent(String.self, forKey: Key("message"))
        return InjectedStatus(code: code, retryAfterSeconds: retryAfter, message: message)
    }

    /// YAML reads `latency: 5` as a number; parse its text so the error says what is missing (the unit).
    private static func durationText(_ container: KeyedDecodingContainer<Key>, key: Key) throws -> String {
        if let text = try? container.decode(String.self, forKey: key) { return text }
        let number = try container.decode(Double.self, forKey: key)
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    private static func bare(_ word: String) -> FaultAction? {
        switch word {
        case "dropBeforeRequest": return .dropBeforeRequest
        case "dropAfterApply": return .dropAfterApply
        case "expireNextWatch": return .expireNextWatch
        case "restart": return .restart
        default: return nil
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .dropBeforeRequest:
            var container = encoder.singleValueContainer()
            try container.encode("dropBeforeRequest")
        case .dropAfterApply:
            var container = encoder.singleValueContainer()
            try container.encode("dropAfterApply")
        case .expireNextWatch:
            var container = encoder.singleValueContainer()
            try container.encode("expireNextWatch")
        case .restart:
            var container = encoder.singleValueContainer()
            try container.encode("restart")
        case .status(let status):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(status.code, forKey: Key("status"))
            try container.encodeIfPresent(status.retryAfterSeconds, forKey: Key("retryAfterSeconds"))
            try container.encodeIfPresent(status.message, forKey: Key("message"))
        case .latency(let duration):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(GoDuration.format(duration), forKey: Key("latency"))
        case .cutWatchAfterEvents(let count):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(count, forKey: Key("cutWatchAfterEvents"))
        }
    }
}
