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

    public static let standardError = LogSink { FileHandle.standardError.write(Data($0.utf8)) }
    public static let standardOutput = LogSink { FileHandle.standardOutput.write(Data($0.utf8)) }

    func emit(_ line: String) {
        lock.withLock { _ in write(line) }
    }
}
