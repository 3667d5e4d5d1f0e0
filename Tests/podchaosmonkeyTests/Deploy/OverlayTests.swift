import Foundation
import KubeTesting
import Testing
import Yams

/// The Kustomize overlays render, run the tool hardened and disarmed, and carry exactly the RBAC `podchaosmonkey rbac`
/// prints for their arguments.
// Disabled when /usr/bin/kubectl is missing, unless PODCHAOSMONKEY_REQUIRE_KUBECTL=1 (CI) makes that a failure.
@Suite("Kustomize overlays", .dedicatedThreads, .enabled(if: KubectlBinary.shouldRun, "kubectl is not installed at /usr/bin/kubectl"))
struct OverlayTests {
    @Test("Each overlay renders with kubectl kustomize, the tool hardened, disarmed and told who it is", arguments: Kustomize.overlays)
    func renders(_ overlay: String) async throws {
        try #require(KubectlBinary.isInstalled, "PODCHAOSMONKEY_REQUIRE_KUBECTL=1 but \(KubectlBinary.path) is missing")
        let objects = try Kustomize.objects(try await Kustomize.render("kustomize/overlays/\(overlay)"))
        let tool = try ToolWorkload(in: objects)
        #expect(objects.contains { $0.kind == "ServiceAccount" && $0.name == tool.serviceAccount && $0.namespace == tool.namespace })
        let daemon = tool.arguments.first == "run"
        #expect(tool.arguments.first == (overlay == "daemon" ? "run" : "kill"))
        #expect(tool.arguments.contains("--dry-run=server"), "disarmed until the user opts in")
        #expect(tool.arguments.contains("--scale-down-self") == (tool.kind == "Deployment" && !daemon))
        if daemon {
            #expect(tool.arguments.contains("--leader-elect"))
            #expect(tool.container[path: "livenessProbe", "httpGet", "path"] as? String == "/healthz")
            #expect(tool.container[path: "readinessProbe", "httpGet", "path"] as? String == "/readyz")
            let ports = tool.container["ports"] as? [[String: Any]] ?? []
            #expect(ports.contains { $0["name"] as? String == "metrics" && $0["containerPort"] as? Int == 8080 })
            let deployment = try #require(objects.first { $0.kind == "Deployment" })
            let annotations = deployment[path: "spec", "template", "metadata", "annotations"] as? [String: String]
            #expect(annotations?["prometheus.io/scrape"] == "true")
            #expect(annotations?["prometheus.io/port"] == "8080")
        }
        #expect(tool.podSpec[path: "securityContext", "runAsNonRoot"] as? Bool == true)
        #expect(tool.podSpec[path: "securityContext", "runAsUser"] as? Int == 65532)
        #expect(tool.podSpec[path: "securityContext", "seccompProfile", "type"] as? String == "RuntimeDefault")
        #expect(tool.container[path: "securityContext", "readOnlyRootFilesystem"] as? Bool == true)
        #expect(tool.container[path: "securityContext", "allowPrivilegeEscalation"] as? Bool == false)
        #expect(tool.container[path: "securityContext", "capabilities", "drop"] as? [String] == ["ALL"])
        for bound in ["requests", "limits"] {
            #expect(tool.container[path: "resources", bound, "cpu"] != nil && tool.container[path: "resources", bound, "memory"] != nil)
        }
        let downward = Dictionary(
            uniqueKeysWithValues: (tool.container["env"] as? [[String: Any]] ?? []).compactMap { variable -> (String, String)? in
                guard let name = variable["name"] as? String, let field = variable[path: "valueFrom", "fieldRef", "fieldPath"] as? String
                else { return nil }
                return (name, field)
            })
        #expect(downward == ["POD_NAME": "metadata.name", "POD_NAMESPACE": "metadata.namespace", "POD_UID": "metadata.uid"])
        if tool.kind == "Deployment" {
            let deployment = try #require(objects.first { $0.kind == "Deployment" })
            #expect(deployment[path: "spec", "replicas"] as? Int == 1)
        } else {
            #expect(!objects.contains { $0.kind == "Deployment" }, "the Job replaces the Deployment")
        }
    }

    @Test("Each overlay's RBAC is what `podchaosmonkey rbac` prints for the overlay's arguments", arguments: Kustomize.overlays)
    func rbacMatchesTheCommand(_ overlay: String) async throws {
        try #require(KubectlBinary.isInstalled, "PODCHAOSMONKEY_REQUIRE_KUBECTL=1 but \(KubectlBinary.path) is missing")
        let objects = try Kustomize.objects(try await Kustomize.render("kustomize/overlays/\(overlay)"))
        let tool = try ToolWorkload(in: objects)
        let printed = try await CLIRunner.run(tool.rbacArguments, environment: tool.environment)
        #expect(printed.status == 0, "\(printed.stderr)")
        let expected = RBACGrants(try Kustomize.objects(printed.stdout))
        let rendered = RBACGrants(objects)
        #expect(!rendered.roles.isEmpty)
        #expect(rendered.roles == expected.roles, "overlay:\n\(rendered)\n\nrbac command:\n\(expected)")
        #expect(rendered.bindings == expected.bindings)
    }

    @Test("The cluster-wide overlays (cluster, daemon) grant through a ClusterRole; the namespaced ones through Roles only")
    func scopes() async throws {
        try #require(KubectlBinary.isInstalled, "PODCHAOSMONKEY_REQUIRE_KUBECTL=1 but \(KubectlBinary.path) is missing")
        for overlay in Kustomize.overlays {
            let kinds = Set(try Kustomize.objects(try await Kustomize.render("kustomize/overlays/\(overlay)")).map(\.kind))
            #expect(kinds.contains("ClusterRole") == ["cluster", "daemon"].contains(overlay), "\(overlay)")
            #expect(kinds.contains("Role"), "\(overlay)")
        }
    }

    @Test("skaffold.yaml: one image variable, and a profile per overlay whose kustomize path renders")
    func skaffold() async throws {
        try #require(KubectlBinary.isInstalled, "PODCHAOSMONKEY_REQUIRE_KUBECTL=1 but \(KubectlBinary.path) is missing")
        let text = try String(contentsOf: Kustomize.repository.appendingPathComponent("skaffold.yaml"), encoding: .utf8)
        let config = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect((config["apiVersion"] as? String)?.hasPrefix("skaffold/v4beta") == true)
        #expect(config.kind == "Config")
        let artifacts = try #require(config[path: "build", "artifacts"] as? [[String: Any]])
        #expect(artifacts.map { $0["image"] as? String } == ["podchaosmonkey"])
        let profiles = try #require(config["profiles"] as? [[String: Any]])
        #expect(Set(profiles.compactMap { $0["name"] as? String }) == Set(Kustomize.overlays))
        for profile in profiles {
            let paths = try #require(profile[path: "manifests", "kustomize", "paths"] as? [String], "\(profile["name"] ?? "")")
            #expect(!paths.isEmpty)
            for path in paths {
                let objects = try Kustomize.objects(try await Kustomize.render(path))
                let tool = try ToolWorkload(in: objects)
                #expect(tool.container["image"] as? String == "podchaosmonkey", "skaffold replaces the image by this name")
            }
        }
    }
}
