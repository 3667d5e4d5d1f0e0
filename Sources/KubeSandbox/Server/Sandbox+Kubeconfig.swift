import Foundation

extension Sandbox {
    /// A kubeconfig for kubectl (and KubeAPI's loader) with one cluster, one user and a current context.
    public func kubeconfigYAML(user name: String? = nil, namespace: String = "default") -> String {
        let user = user(name)
        let cluster = "podchaosmonkey-sandbox"
        let context = "\(user.name)@\(cluster)"
        var clusterLines = "    server: \(url.absoluteString)\n"
        if let caCertificatePEM {
            clusterLines += "    certificate-authority-data: \(Data(caCertificatePEM.utf8).base64EncodedString())\n"
        }
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - name: \(cluster)
              cluster:
            \(clusterLines)contexts:
            - name: \(quoted(context))
              context:
                cluster: \(cluster)
                user: \(quoted(user.name))
                namespace: \(quoted(namespace))
            current-context: \(quoted(context))
            users:
            - name: \(quoted(user.name))
              user:
                token: \(quoted(user.token))

            """
    }

    /// Writes `kubeconfigYAML` readable only by the owner, as it holds a token.
    public func writeKubeconfig(to path: String, user name: String? = nil, namespace: String = "default") throws {
        let url = URL(fileURLWithPath: path)
        try Data(kubeconfigYAML(user: name, namespace: namespace).utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }

    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
