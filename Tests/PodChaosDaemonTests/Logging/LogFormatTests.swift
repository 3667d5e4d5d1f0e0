import Foundation
import Logging
import Synchronization
import Testing

@testable import PodChaosDaemon

@Suite struct LogFormatTests {
    @Test func parsesTextAndJSON() throws {
        #expect(try LogFormat(parsing: "text") == .text)
        #expect(try LogFormat(parsing: "json") == .json)
        #expect(try LogFormat(parsing: "JSON") == .json)
    }

    @Test func rejectsOtherFormatsNamingTheValue() {
        let error = #expect(throws: LogFormatError.self) { try LogFormat(parsing: "logfmt") }
        #expect(error?.description == #"invalid log format "logfmt": expected text or json"#)
    }

    @Test func eachFormatMakesItsHandler() throws {
        let written = Mutex<[String]>([])
        let sink = LogSink { line in written.withLock { $0.append(line) } }
        for format in LogFormat.allCases {
            let logger = Logger(label: "fmt") { format.makeHandler(sink: sink)($0, nil) }
            logger.info("hello \(format.rawValue)")
        }
        let lines = written.withLock { $0 }
        #expect(lines.count == 2)
        // The text line is swift-log's own format; the JSON line parses.
        #expect(lines[0].contains(" info fmt:"))
        #expect(lines[0].hasSuffix("hello text\n"))
        let object = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
        #expect(object?["msg"] as? String == "hello json")
    }
}
