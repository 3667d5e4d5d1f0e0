import Logging

/// `--log-format`: `text` for people, `json` for log pipelines.
public enum LogFormat: String, Sendable, CaseIterable, Hashable {
    case text
    case json

    public init(parsing value: String) throws(LogFormatError) {
        guard let format = LogFormat(rawValue: value.lowercased()) else { throw LogFormatError(value: value) }
        self = format
    }

    /// A handler factory for `LoggingSystem.bootstrap`, writing to `sink` (stderr unless told otherwise).
    public func makeHandler(sink: LogSink = .standardError) -> @Sendable (String, Logger.MetadataProvider?) -> any LogHandler {
        switch self {
        case .text:
            return { label, provider in StreamLogHandler(label: label, stream: SinkStream(sink: sink), metadataProvider: provider) }
        case .json:
            return { label, provider in JSONLogHandler(label: label, sink: sink, metadataProvider: provider) }
        }
    }
}

/// A `--log-format` value that is neither `text` nor `json`.
public struct LogFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    public let value: String
    public var description: String { "invalid log format \"\(value)\": expected text or json" }
}

/// Lets StreamLogHandler's text format write through a `LogSink`.
private struct SinkStream: TextOutputStream {
    let sink: LogSink
    mutating func write(_ string: String) { sink.emit(string) }
}
