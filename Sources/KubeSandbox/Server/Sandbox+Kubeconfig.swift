import Foundation

extension Sandbox {
    /// A kubeconfig for kubectl (and KubeAPI's loader) with one cluster, one user and a current context.
    public func kubeconfigYAML(user name: String? = nil, namespace: String = "default") -> String {
        let user = user(name)
        return kubeconfigYAML(userName: user.name, credentials: "    token: \(quoted(user.token))\n", namespace: namespace)
    }

    /// A kubeconfig that authenticates with a client certificate (from `issueClientCertificate`) instead of a token.
    public func kubeconfigYAML(clientCertificate: IssuedCertificate, userName: String, namespace: String = "default") -> String {
        let credentials =
            "    client-certificate-data: \(Data(clientCertificate.certificatePEM.utf8).base64EncodedString())\n"
            + "    client-key-data: \(Data(clientCertificate.privateKeyPEM.utf8).base64EncodedString())\n"
        return kubeconfigYAML(userName: userName, credentials: credentials, namespace: namespace)
    }

    func kubeconfigYAML(userName: String, credentials: String, namespace: String) -> String {
        let cluster = "podchaosmonkey-sandbox"
        let context = "\(userName)@\(cluster)"
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
                user: \(quoted(userName))
                namespace: \(quoted(namespace))
            current-context: \(quoted(context))
            users:
            - name: \(quoted(userName))
              user:
            \(credentials)
            """
    }

    /// Writes `kubeconfigYAML` readable only by the owner, as it holds a token.
    public func writeKubeconfig(to path: String, user name: String? = nil, namespace: String = "default") throws {
        let url = URL(fileURLWithPath: path)
        try Data(kubeconfigYAML(user: name, namespace: namespace).utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }

    func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
