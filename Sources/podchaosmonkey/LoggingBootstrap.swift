import Foundation
import Logging
import PodChaosDaemon
import Synchronization

/// Installs the process-wide log handler once: human text or one JSON object per line (PodChaosDaemon's JSONLogHandler), always on stderr so that
/// `-o json` on stdout stays machine-readable.
enum LoggingBootstrap {
    private static let done = Mutex(false)

    static func bootstrap(level: Logger.Level, format: LogFormat) {
        let first = done.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = StderrLogHandler(label: label)
                handler.logLevel = level
                return handler
            case .json:
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}

struct StderrLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let time = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line = "\(time) \(event.level) \(event.message)\(fields.isEmpty ? "" : " " + fields)"
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
