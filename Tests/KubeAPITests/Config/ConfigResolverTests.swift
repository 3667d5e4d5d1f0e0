import Foundation
import KubeAPI
import Testing

@Suite("Configuration auto-detection")
struct ConfigResolverTests {
    static func kubeconfig(server: String) -> String {
        """
        current-context: c
        clusters: [{name: k, cluster: {server: "\(server)"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: c, context: {cluster: k, user: u}}, {name: other, context: {cluster: k, user: u, namespace: other-ns}}]
        """
    }

    /// A home with `~/.kube/config`, a service account mount, and an explicit kubeconfig elsewhere.
    struct World {
        let directory: TempDirectory
        var home: String { directory.file("home") }
        var serviceAccount: String { directory.file("sa") }
        var explicit: String { directory.file("explicit/config") }
        let inCluster = ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"]

        init(defaultKubeconfig: Bool = true) throws {
            directory = try TempDirectory()
            if defaultKubeconfig { try directory.write("home/.kube/config", kubeconfig(server: "https://home.example")) }
            try directory.write("explicit/config", kubeconfig(server: "https://explicit.example"))
            try directory.write("sa/token", "sa-token")
            try directory.write("sa/ca.crt", try TestPEM.certificate())
        }

        func resolve(kubeconfig: String? = nil, context: String? = nil, environment: [String: String]) throws -> ClusterConfig {
            try ConfigResolver.resolve(
                kubeconfig: kubeconfig, context: context, environment: environment, homeDirectory: home,
                serviceAccountDirectory: serviceAccount)
        }
    }

    @Test func explicitKubeconfigBeatsInCluster() throws {
        let world = try World()
        defer { world.directory.remove() }
        let config = try world.resolve(kubeconfig: world.explicit, environment: world.inCluster)
        #expect(config.server.absoluteString == "https://explicit.example")
        #expect(config.origin == "kubeconfig \(world.explicit), context \"c\"")
    }

    @Test func explicitContextUsesTheKubeconfigEvenInCluster() throws {
        let world = try World()
        defer { world.directory.remove() }
        let config = try world.resolve(context: "other", environment: world.inCluster)
        #expect(config.server.absoluteString == "https://home.example")
        #expect(config.namespace == "other-ns")
    }

    @Test func inClusterBeatsTheDefaultKubeconfig() throws {
        let world = try World()
        defer { world.directory.remove() }
        let config = try world.resolve(environment: world.inCluster)
        #expect(config.origin == "in-cluster service account")
        #expect(config.server.absoluteString == "https://10.0.0.1:443")
    }

    @Test func kubeconfigListBeatsTheDefaultKubeconfig() throws {
        let world = try World()
        defer { world.directory.remove() }
        let config = try world.resolve(environment: ["KUBECONFIG": ":\(world.directory.file("missing"))::\(world.explicit):"])
        #expect(config.server.absoluteString == "https://explicit.example")
    }

    @Test func defaultKubeconfigWhenNothingElse() throws {
        let world = try World()
        defer { world.directory.remove() }
        let config = try world.resolve(environment: [:])
        #expect(config.origin == "kubeconfig \(world.home)/.kube/config, context \"c\"")
    }

    @Test func nothingFoundNamesEveryPlaceItLooked() throws {
        let world = try World(defaultKubeconfig: false)
        defer { world.directory.remove() }
        let error = try #require(throws: ConfigError.self) { try world.resolve(environment: [:]) }
        #expect(
            error.description
                == "no Kubernetes configuration found (looked in: in-cluster (KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT not set); "
                + "\(world.home)/.kube/config (does not exist)); pass --kubeconfig, or try `podchaosmonkey demo` / `podchaosmonkey sandbox`"
        )
        #expect(error.isNothingFound)
        let missingList = "\(world.directory.file("a")):\(world.directory.file("b"))"
        let listError = try #require(throws: ConfigError.self) { try world.resolve(environment: ["KUBECONFIG": missingList]) }
        #expect(listError.description.contains("KUBECONFIG=\(missingList) (no such files)"))
    }
}
