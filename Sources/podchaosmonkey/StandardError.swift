import Foundation
import KubeAPI

/// Writes one line to standard error: control characters escaped (a flag value's ANSI escapes or newlines never reach
/// the terminal) and cut when long, so whatever a message quotes, it stays one line of bounded size.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((EchoedText.line(line) + "\n").utf8))
}
