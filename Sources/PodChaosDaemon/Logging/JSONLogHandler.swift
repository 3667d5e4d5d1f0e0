import Foundation
import KubeAPI
import Logging

/// A swift-log handler writing one JSON object per line, for log pipelines that parse structured logs:
/// `{"ts":"2026-01-02T03:04:05.678Z","level":"info","logger":"podchaosmonkey","msg":"…","namespace":"shop"}`.
/// Metadata keys become top-level keys (nested metadata becomes objects and arrays); a key that would
/// shadow `ts`, `level`, `logger` or `msg` is written as `metadata.<key>`.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    let label: String
    let sink: LogSink
    let now: @Sendable () -> Date

    public init(
        label: String, sink: LogSink = .standardError, metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.label = label
        self.sink = sink
        self.metadataProvider = metadataProvider
        self.now = now
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        sink.emit(line(for: event))
    }

    func line(for event: LogEvent) -> String {
        // Later sources win: handler metadata, then the provider's, then the call's own.
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        if let error = event.error { merged["error"] = .string("\(error)") }

        var json = JSONWriter()
        json.beginObject()
        json.key("ts")
        json.string(now().formatted(Self.timestampStyle))
        json.key("level")
        json.string(event.level.rawValue)
        json.key("logger")
        json.string(label)
        json.key("msg")
        json.string(event.message.description)
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            json.key(Self.reservedKeys.contains(key) ? "metadata.\(key)" : key)
            json.value(value)
        }
        json.endObject()
        return json.text + "\n"
    }

    private static let reservedKeys: Set<String> = ["ts", "level", "logger", "msg"]
    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
}
