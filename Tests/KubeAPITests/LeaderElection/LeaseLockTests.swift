import Foundation
import KubeSandbox
import KubeTesting
import Testing

@testable import KubeAPI

/// The Lease lock leader election relies on: `KubernetesLeaseLock` against the sandbox over HTTPS, and the in-memory
/// lock the election suites use, which must answer the same.
@Suite("Lease lock: get, create, and update with resourceVersion preconditions", .dedicatedThreads)
struct LeaseLockTests {
    enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case https, inMemory
        var testDescription: String { rawValue }
    }

    static func withLock(_ backend: Backend, _ body: (any LeaseLock) async throws -> Void) async throws {
        switch backend {
        case .https: try await SandboxClientTests.withSandbox { _, client in try await body(KubernetesLeaseLock(client: client)) }
        case .inMemory: try await body(InMemoryLeaseLock())
        }
    }

    static func lease(_ name: String, holder: String, at instant: Date) -> Lease {
        Lease(
            metadata: ObjectMeta(name: name, namespace: "demo"),
            spec: Lease.Spec(
                holderIdentity: holder, leaseDurationSeconds: 15, acquireTime: MicroTime(instant), renewTime: MicroTime(instant),
                leaseTransitions: 0))
    }

    @Test(
        "A missing Lease reads as nil; create, get and update keep MicroTimes to the microsecond and move the resourceVersion on",
        arguments: Backend.allCases)
    func createGetUpdate(_ backend: Backend) async throws {
        try await Self.withLock(backend) { lock in
            #expect(try await lock.lease(namespace: "demo", name: "times") == nil)
            let instant = Date(timeIntervalSince1970: 1_795_000_000.123456)
            let created = try await lock.create(Self.lease("times", holder: "a", at: instant))
            #expect(created.spec?.renewTime?.description == "2026-11-18T11:06:40.123456Z")
            var renewed = try #require(try await lock.lease(namespace: "demo", name: "times"))
            #expect(renewed.spec == created.spec)
            #expect(renewed.metadata.resourceVersion == created.metadata.resourceVersion)
            let later = MicroTime(Date(timeIntervalSince1970: 1_795_000_001.654321))
            renewed.spec?.renewTime = later
            let updated = try await lock.update(renewed)
            #expect(updated.spec?.renewTime == later)
            #expect(try await lock.lease(namespace: "demo", name: "times")?.spec?.renewTime?.description == "2026-11-18T11:06:41.654321Z")
            let (before, after) = (try #require(created.metadata.resourceVersion), try #require(updated.metadata.resourceVersion))
            #expect(try #require(Int(after)) > #require(Int(before)))
        }
    }

    @Test("An update with a stale resourceVersion is refused with 409 Conflict and the server's Status", arguments: Backend.allCases)
    func staleVersionConflicts(_ backend: Backend) async throws {
        try await Self.withLock(backend) { lock in
            let created = try await lock.create(Self.lease("contested", holder: "a", at: Date()))
            var first = created
            first.spec?.holderIdentity = "b"
            _ = try await lock.update(first)
            var second = created
            second.spec?.holderIdentity = "c"
            let error = await expectAPIError { try await lock.update(second) }
            #expect(error?.isConflict == true)
            #expect(error?.httpStatus == 409)
            #expect(error?.reason == .conflict)
            #expect(
                error?.status?.message
                    == "Operation cannot be fulfilled on leases.coordination.k8s.io \"contested\": the object has been modified; "
                    + "please apply your changes to the latest version and try again")
            #expect(error?.status?.details?.name == "contested")
            #expect(error?.context?.verb == "update")
            #expect(try await lock.lease(namespace: "demo", name: "contested")?.spec?.holderIdentity == "b")
        }
    }

    @Test("A second create of the same Lease is refused with 409 AlreadyExists", arguments: Backend.allCases)
    func secondCreateAlreadyExists(_ backend: Backend) async throws {
        try await Self.withLock(backend) { lock in
            _ = try await lock.create(Self.lease("taken", holder: "a", at: Date()))
            let error = await expectAPIError { try await lock.create(Self.lease("taken", holder: "b", at: Date())) }
            #expect(error?.isAlreadyExists == true)
            #expect(error?.httpStatus == 409)
            #expect(error?.status?.message == "leases.coordination.k8s.io \"taken\" already exists")
            #expect(error?.context?.verb == "create")
            #expect(try await lock.lease(namespace: "demo", name: "taken")?.spec?.holderIdentity == "a")
        }
    }

    @Test("An update without a name is refused before anything is sent")
    func namelessUpdate() async throws {
        try await SandboxClientTests.withSandbox { _, client in
            let lock = KubernetesLeaseLock(client: client)
            let error = await expectAPIError { try await lock.update(Lease(metadata: ObjectMeta(namespace: "demo"))) }
            #expect(error?.description == "invalid request: cannot update leases in namespace \"demo\": the Lease has no metadata.name")
        }
    }
}
