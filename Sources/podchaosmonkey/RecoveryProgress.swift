import Foundation
import KubeAPI
import PodChaos

/// While kills recover: on a terminal, one status line rewritten in place; otherwise a plain line whenever the
/// state changes, so CI logs stay readable. Always on stderr: stdout is the report.
enum RecoveryProgress {
    static func report(_ observer: RecoveryObserver) async {
        let interactive = isatty(FileHandle.standardError.fileDescriptor) != 0
        let start = ContinuousClock.now
        var last = ""
        while !Task.isCancelled {
            let pending = await observer.pending()
            let elapsed = GoDuration.format(ContinuousClock.now - start, precision: .readable)
            let summary =
                pending.isEmpty
                ? ""
                : "waiting for \(pending.count) recover\(pending.count == 1 ? "y" : "ies"): "
                    + pending.map(\.progressSummary).sorted().joined(separator: "; ")
            if interactive {
                write("\r\u{1B}[K" + (summary.isEmpty ? "" : "\(summary) (\(elapsed))"))
            } else if summary != last, !summary.isEmpty {
                write(summary + "\n")
            }
            last = summary
            try? await Task.sleep(for: .milliseconds(interactive ? 200 : 500))
        }
        if interactive { write("\r\u{1B}[K") }
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
