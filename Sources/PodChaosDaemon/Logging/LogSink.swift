import Foundation
import Synchronization

/// Where log lines go. Each line is written whole under a lock, so lines from concurrent tasks never interleave.
public final class LogSink: Sendable {
    private let lock = Mutex(())
    private let write: @Sendable (String) -> Void

    /// `write` receives one complete line, newline included.
    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    // A closed stream (a pipe whose reader went away) must not take the daemon down: the line is dropped.
    public static let standardError = LogSink { try? FileHandle.standardError.write(contentsOf: Data($0.utf8)) }
    public static let standardOutput = LogSink { try? FileHandle.standardOutput.write(contentsOf: Data($0.utf8)) }

    func emit(_ line: String) {
        lock.withLock { _ in write(line) }
    }
}
