import Foundation
import KubeAPI
import Testing

@testable import KubeSandbox

/// The sandbox's own YAML readers (a fault plan, manifests) refuse a document whose aliases expand past
/// `YAMLAliasLimit`, as the kubeconfig and config-file readers do, before a tree is built.
@Suite("YAML alias bombs in the sandbox's fault plans and manifests", .timeLimit(.minutes(1)))
struct SandboxYAMLAliasTests {
    /// Nine levels of aliases, each naming the level below ten times: 10^10 strings if expanded.
    static func bomb(root: String) -> String {
        var lines = ["a0: &a0 [\"*\", \"*\", \"*\", \"*\", \"*\", \"*\", \"*\", \"*\", \"*\", \"*\"]"]
        for level in 1...9 {
            lines.append("a\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", "))]")
        }
        lines.append("\(root): *a9")
        return lines.joined(separator: "\n")
    }

    static let problem = "its aliases expand to more than \(YAMLAliasLimit.maxExpandedNodes) nodes"

    @Test("a fault plan")
    func faultPlan() {
        #expect {
            try FaultPlan.load(yaml: Self.bomb(root: "rules"))
        } throws: { error in
            "\(error)".contains(Self.problem)
        }
    }

    @Test("a manifest")
    func manifest() {
        #expect {
            try ManifestParser.objects(in: Self.bomb(root: "items"), origin: "bomb.yaml")
        } throws: { error in
            "\(error)".contains("bomb.yaml") && "\(error)".contains(Self.problem)
        }
    }
}
