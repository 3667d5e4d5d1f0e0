import Foundation

/// Picks the cluster configuration the way the CLI promises: an explicit `--kubeconfig` or `--context` wins; otherwise
/// the in-cluster service account when running in a pod; otherwise `KUBECONFIG`, then `~/.kube/config`.
public enum ConfigResolver {
    /// - Parameter allowInsecureHTTP: for the loader made when `loader` is nil (see `KubeconfigLoader.allowInsecureHTTP`).
    public static func resolve(
        kubeconfig: String?,
        context: String?,
        allowInsecureHTTP: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String = NSHomeDirectory(),
        serviceAccountDirectory: String = InClusterConfig.defaultServiceAccountDirectory,
        loader: KubeconfigLoader? = nil
    ) throws -> ClusterConfig {
        let loader = loader ?? KubeconfigLoader(environment: environment, allowInsecureHTTP: allowInsecureHTTP)
        if let kubeconfig, !kubeconfig.isEmpty {
            return try loader.load(paths: [kubeconfig], context: context)
        }
        let explicitContext = context?.isEmpty == false
        if !explicitContext, InClusterConfig.isAvailable(environment: environment) {
            return try InClusterConfig.load(environment: environment, serviceAccountDirectory: serviceAccountDirectory)
        }
        var looked: [String] = []
        if !explicitContext {
            looked.append("in-cluster (KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT not set)")
        }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            let paths = list.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
            if paths.contains(where: { FileManager.default.fileExists(atPath: $0) }) {
                return try loader.load(paths: paths, context: context, skipMissing: true)
            }
            looked.append("KUBECONFIG=\(list) (no such files)")
        } else {
            let defaultPath = URL(fileURLWithPath: homeDirectory, isDirectory: true)
                .appendingPathComponent(".kube/config").path
            if FileManager.default.fileExists(atPath: defaultPath) {
                return try loader.load(paths: [defaultPath], context: context)
            }
            looked.append("\(defaultPath) (does not exist)")
        }
        throw ConfigError.nothingFound(lookedIn: looked)
    }
}
