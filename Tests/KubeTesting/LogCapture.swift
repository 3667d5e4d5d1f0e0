import Logging
import Synchronization

/// Collects every log line from a logger at trace, metadata included, so that tests can search what was logged.
public final class LogCapture: Sendable {
    private struct Entry {
        let level: Logger.Level
        let message: String
        let line: String
    }

    private let entries = Mutex<[Entry]>([])

    public init() {}

    /// Each line as `LEVEL MESSAGE key=value … error=…`.
    public var all: [String] { entries.withLock { $0.map(\.line) } }
    public var text: String { all.joined(separator: "\n") }

    /// The messages logged at `level`, without metadata.
    public func messages(at level: Logger.Level) -> [String] {
        entries.withLock { $0.filter { $0.level == level }.map(\.message) }
    }

    public var logger: Logger {
        Logger(label: "test", factory: { _ in Handler(capture: self) })
    }

    private func append(_ entry: Entry) {
        entries.withLock { $0.append(entry) }
    }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let error = event.error.map { " error=\($0)" } ?? ""
            let message = "\(event.message)"
            capture.append(Entry(level: event.level, message: message, line: "\(event.level) \(message) \(fields)\(error)"))
        }
    }
}
