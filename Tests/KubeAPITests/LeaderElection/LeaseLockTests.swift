import Foundation
import KubeSandbox
import KubeTesting
import Testing

@testable import KubeAPI

/// `KubernetesClient.replace` (PUT) on Leases against the sandbox: what leader election relies on.
@Suite("Lease update with resourceVersion preconditions", .dedicatedThreads)
struct LeaseReplaceTests {
    static func lease(_ name: String, holder: String, at instant: Date) -> Lease {
        Lease(
            metadata: ObjectMeta(name: name, namespace: "demo"),
            spec: Lease.Spec(
                holderIdentity: holder, leaseDurationSeconds: 15, acquireTime: MicroTime(instant), renewTime: MicroTime(instant),
                leaseTransitions: 0))
    }

    @Test("MicroTime fields survive create, get and update to the microsecond")
    func microTimesRoundTrip() async throws {
        try await ElectionSandbox.with { env in
            let instant = Date(timeIntervalSince1970: 1_795_000_000.123456)
            let created = try await env.admin.create(Self.lease("times", holder: "a", at: instant))
            #expect(created.spec?.renewTime?.description == "2026-11-18T11:06:40.123456Z")
            var renewed = try await env.admin.get(Lease.self, namespace: "demo", name: "times")
            #expect(renewed.spec == created.spec)
            let later = MicroTime(Date(timeIntervalSince1970: 1_795_000_001.654321))
            renewed.spec?.renewTime = later
            let updated = try await env.admin.replace(renewed)
            #expect(updated.spec?.renewTime == later)
            #expect(try await env.lease("times").spec?.renewTime?.description == "2026-11-18T11:06:41.654321Z")
            #expect(updated.metadata.resourceVersion != created.metadata.resourceVersion)
        }
    }

    @Test("A PUT with a stale resourceVersion is refused with 409 Conflict and the server's Status")
    func staleVersionConflicts() async throws {
        try await ElectionSandbox.with { env in
            let created = try await env.admin.create(Self.lease("contested", holder: "a", at: Date()))
            var first = created
            first.spec?.holderIdentity = "b"
            _ = try await env.clients["bob"]!.replace(first)
            var second = created
            second.spec?.holderIdentity = "c"
            let error = await expectAPIError { try await env.clients["carol"]!.replace(second) }
            #expect(error?.isConflict == true)
            #expect(error?.httpStatus == 409)
            #expect(error?.reason == .conflict)
            #expect(
                error?.status?.message
                    == "Operation cannot be fulfilled on leases.coordination.k8s.io \"contested\": the object has been modified; "
                    + "please apply your changes to the latest version and try again")
            #expect(error?.status?.details?.name == "contested")
            #expect(error?.context?.verb == "update")
            #expect(try await env.lease("contested").spec?.holderIdentity == "b")
        }
    }

    @Test("An update without a name is refused before anything is sent")
    func namelessUpdate() async throws {
        try await ElectionSandbox.with { env in
            let error = await expectAPIError { try await env.admin.replace(Lease(metadata: ObjectMeta(namespace: "demo"))) }
            #expect(error?.description == "invalid request: cannot update leases in namespace \"demo\": the Lease has no metadata.name")
        }
    }
}
