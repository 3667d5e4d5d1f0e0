import Foundation
import KubeAPI
import Testing

@Suite("MicroTime keeps microseconds; plain timestamps stay whole seconds")
struct MicroTimeTests {
    @Test(arguments: [
        ("2026-11-25T11:54:21.526560Z", "2026-11-25T11:54:21.526560Z"),
        ("2026-11-25T11:54:21.000001Z", "2026-11-25T11:54:21.000001Z"),
        ("2026-11-25T11:54:21Z", "2026-11-25T11:54:21.000000Z"),
        ("2026-11-25T11:54:21.5Z", "2026-11-25T11:54:21.500000Z"),
        ("2026-11-25T11:54:21.123456789Z", "2026-11-25T11:54:21.123457Z"),
        ("2026-11-25T12:54:21.25+01:00", "2026-11-25T11:54:21.250000Z"),
    ])
    func parsesAndFormatsWithMicroseconds(text: String, formatted: String) throws {
        let time = try #require(MicroTime(text))
        #expect(time.description == formatted)
        let json = Data("\"\(text)\"".utf8)
        let decoded = try KubeJSON.decoder().decode(MicroTime.self, from: json)
        #expect(decoded == time)
        #expect(String(decoding: try KubeJSON.encoder().encode(decoded), as: UTF8.self) == "\"\(formatted)\"")
    }

    @Test(arguments: ["", "yesterday", "2026-11-25T11:54:21.Z", "2026-11-25T11:54:21.12xZ", "2026-11-25 11:54:21"])
    func rejectsWhatIsNotATimestamp(text: String) {
        #expect(MicroTime(text) == nil)
        #expect(throws: DecodingError.self) { try KubeJSON.decoder().decode(MicroTime.self, from: Data("\"\(text)\"".utf8)) }
    }

    @Test func keepsSubMillisecondDifferences() throws {
        let earlier = try #require(MicroTime("2026-11-25T11:54:21.526560Z"))
        let later = try #require(MicroTime("2026-11-25T11:54:21.526561Z"))
        #expect(earlier < later)
        #expect(abs(later.date.timeIntervalSince(earlier.date) - 0.000_001) < 0.000_000_5)
    }

    @Test func leaseTimesAreMicroAndMetadataTimesAreWholeSeconds() throws {
        let instant = Date(timeIntervalSince1970: 1_795_607_661.526_56)
        var metadata = ObjectMeta(name: "podchaosmonkey", namespace: "demo")
        metadata.creationTimestamp = instant
        let lease = Lease(
            metadata: metadata,
            spec: Lease.Spec(
                holderIdentity: "chaos-0", leaseDurationSeconds: 15, acquireTime: MicroTime(instant), renewTime: MicroTime(instant),
                leaseTransitions: 2))
        let data = try KubeJSON.encoder().encode(lease)
        let tree = try JSONTree(data)
        let whole = KubeJSON.formatTimestamp(instant)
        let micro = KubeJSON.formatMicroTimestamp(instant)
        #expect(micro.hasSuffix(".526560Z"))
        #expect(!whole.contains("."))
        #expect(tree["apiVersion"] == .string("coordination.k8s.io/v1"))
        #expect(tree["kind"] == .string("Lease"))
        #expect(tree["metadata"]?["creationTimestamp"] == .string(whole))
        #expect(
            tree["spec"]
                == .object([
                    "holderIdentity": .string("chaos-0"), "leaseDurationSeconds": .number(15), "acquireTime": .string(micro),
                    "renewTime": .string(micro), "leaseTransitions": .number(2),
                ]))
        let decoded = try KubeJSON.decoder().decode(Lease.self, from: data)
        #expect(decoded.spec?.renewTime?.description == micro)
        #expect(decoded.spec?.holderIdentity == "chaos-0")
    }

    @Test func eventSeriesUsesMicroTime() throws {
        let json =
            #"{"metadata":{"name":"e"},"eventTime":"2026-11-25T11:54:21.526560Z","series":{"count":4,"lastObservedTime":"2026-11-25T11:55:00.000250Z"}}"#
        let event = try KubeJSON.decoder().decode(Event.self, from: Data(json.utf8))
        #expect(event.series?.count == 4)
        #expect(event.series?.lastObservedTime.description == "2026-11-25T11:55:00.000250Z")
        let tree = try JSONTree(KubeJSON.encoder().encode(event))
        #expect(tree["series"]?["lastObservedTime"] == .string("2026-11-25T11:55:00.000250Z"))
    }

    @Test(arguments: ["2026-11-25T11:54:13Z", "2026-11-25T11:54:13.123Z", "2026-11-25T11:54:13.123456Z"])
    func plainTimestampsDecodeWithOrWithoutFraction(text: String) throws {
        let json = #"{"metadata":{"name":"p","creationTimestamp":"\#(text)"}}"#
        let pod = try KubeJSON.decoder().decode(Pod.self, from: Data(json.utf8))
        let created = try #require(pod.metadata.creationTimestamp)
        #expect(KubeJSON.formatTimestamp(created) == "2026-11-25T11:54:13Z")
    }
}
