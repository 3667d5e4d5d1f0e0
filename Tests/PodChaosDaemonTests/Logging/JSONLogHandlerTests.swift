import Foundation
import Logging
import Synchronization
import Testing

@testable import PodChaosDaemon

@Suite struct JSONLogHandlerTests {
    /// Collects what the handler writes, as a stream would receive it.
    final class Capture: Sendable {
        private let written = Mutex<[String]>([])
        var sink: LogSink { LogSink { line in self.written.withLock { $0.append(line) } } }
        var lines: [String] { written.withLock { $0 } }

        func objects() throws -> [[String: Any]] {
            try lines.map { line in
                #expect(line.hasSuffix("\n"))
                #expect(line.dropLast().contains("\n") == false, "one object per line")
                return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            }
        }
    }

    private static let fixedTime = Date(timeIntervalSince1970: 1_767_323_045.625)

    private func logger(_ capture: Capture, level: Logger.Level = .info) -> Logger {
        var logger = Logger(label: "podchaosmonkey.daemon") { label in
            JSONLogHandler(label: label, sink: capture.sink, metadataProvider: nil, now: { Self.fixedTime })
        }
        logger.logLevel = level
        return logger
    }

    @Test func writesOneObjectPerLineWithTimestampLevelLoggerAndMessage() throws {
        let capture = Capture()
        logger(capture).info("tick")
        let object = try #require(try capture.objects().first)
        #expect(object["ts"] as? String == "2026-01-02T03:04:05.625Z")
        #expect(object["level"] as? String == "info")
        #expect(object["logger"] as? String == "podchaosmonkey.daemon")
        #expect(object["msg"] as? String == "tick")
        #expect(object.count == 4)
        #expect(capture.lines.first?.hasPrefix(#"{"ts":"#) == true)
    }

    @Test func everyLevelIsNamedAndTheLoggerLevelFilters() throws {
        let capture = Capture()
        let logger = logger(capture, level: .debug)
        logger.trace("hidden")
        logger.debug("d")
        logger.notice("n")
        logger.warning("w")
        logger.error("e")
        logger.critical("c")
        #expect(try capture.objects().map { $0["level"] as? String } == ["debug", "notice", "warning", "error", "critical"])
    }

    @Test func metadataIsFlattenedAndNestedMetadataBecomesObjects() throws {
        let capture = Capture()
        var logger = logger(capture)
        logger[metadataKey: "instance"] = "podchaosmonkey-0"
        logger.info(
            "killed",
            metadata: [
                "namespace": "shop",
                "owner": ["kind": "Deployment", "name": "web"],
                "phases": ["gone", "ready"],
                "count": .stringConvertible(3),
                "seconds": .stringConvertible(4.5),
                "dryRun": .stringConvertible(false),
                "msg": "shadowing",
            ]
        )
        let object = try #require(try capture.objects().first)
        #expect(object["msg"] as? String == "killed")
        #expect(object["metadata.msg"] as? String == "shadowing")
        #expect(object["instance"] as? String == "podchaosmonkey-0")
        #expect(object["namespace"] as? String == "shop")
        #expect(object["owner"] as? [String: String] == ["kind": "Deployment", "name": "web"])
        #expect(object["phases"] as? [String] == ["gone", "ready"])
        #expect((object["count"] as? NSNumber)?.intValue == 3)
        #expect((object["seconds"] as? NSNumber)?.doubleValue == 4.5)
        #expect(object["dryRun"] as? Bool == false)
    }

    @Test func callMetadataOverridesHandlerAndProviderMetadata() throws {
        let capture = Capture()
        let provider = Logger.MetadataProvider { ["tick": "7", "leader": "true"] }
        var logger = Logger(label: "l") { label in JSONLogHandler(label: label, sink: capture.sink, metadataProvider: provider) }
        logger[metadataKey: "tick"] = "handler"
        logger[metadataKey: "instance"] = "a"
        logger.info("m", metadata: ["leader": "false"])
        let object = try #require(try capture.objects().first)
        #expect(object["tick"] as? String == "7")
        #expect(object["leader"] as? String == "false")
        #expect(object["instance"] as? String == "a")
    }

    @Test func quotesNewlinesAndControlCharactersAreEscaped() throws {
        let capture = Capture()
        let tricky = "say \"hi\"\nback\\slash\ttab\u{1}bell \u{2028} é 🐒"
        logger(capture).warning("\(tricky)", metadata: ["reason": "\(tricky)", "ke\"y\n": "v"])
        #expect(capture.lines.count == 1)
        let object = try #require(try capture.objects().first)
        #expect(object["msg"] as? String == tricky)
        #expect(object["reason"] as? String == tricky)
        #expect(object["ke\"y\n"] as? String == "v")
    }

    @Test func anAttachedErrorIsWritten() throws {
        struct Refused: Error, CustomStringConvertible {
            var description: String { "connection refused" }
        }
        let capture = Capture()
        logger(capture).log(level: .error, "list pods failed", error: Refused())
        let object = try #require(try capture.objects().first)
        #expect(object["error"] as? String == "connection refused")
    }

    @Test func concurrentLoggersNeverInterleaveLines() async throws {
        let capture = Capture()
        let logger = logger(capture)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for line in 0..<50 {
                        logger.info("line", metadata: ["task": "\(task)", "n": "\(line)", "pad": "\(String(repeating: "x", count: 200))"])
                    }
                }
            }
        }
        let objects = try capture.objects()
        #expect(objects.count == 400)
        #expect(Set(objects.compactMap { $0["task"] as? String }).count == 8)
    }
}
