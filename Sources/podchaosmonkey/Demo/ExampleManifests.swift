/// The files of `kustomize/example`, compiled in so `podchaosmonkey demo` works from any directory.
/// A test checks that they stay byte-for-byte equal to the files in the repository.
enum ExampleManifests {
    static let files: [(name: String, content: String)] = [
        (
            "namespace.yaml",
            """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: podchaos-demo
            """ + "\n"
        ),
        (
            "bare-pods.yaml",
            """
            # Three pods without a controller, as in the original example: nothing brings them back, so podchaosmonkey leaves
            # them alone unless --include-orphans is given.
            apiVersion: v1
            kind: Pod
            metadata:
              name: nginx-a
              namespace: podchaos-demo
              labels:
                app: nginx-bare
            spec:
              containers:
                - name: nginx
                  image: nginx:1.27
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: nginx-b
              namespace: podchaos-demo
              labels:
                app: nginx-bare
            spec:
              containers:
                - name: nginx
                  image: nginx:1.27
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: nginx-c
              namespace: podchaos-demo
              labels:
                app: nginx-bare
            spec:
              containers:
                - name: nginx
                  image: nginx:1.27
            """ + "\n"
        ),
        (
            "deployment.yaml",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: nginx
              namespace: podchaos-demo
              labels:
                app: nginx
            spec:
              replicas: 3
              selector:
                matchLabels:
                  app: nginx
              template:
                metadata:
                  labels:
                    app: nginx
                spec:
                  containers:
                    - name: nginx
                      image: nginx:1.27
                      ports:
                        - containerPort: 80
                      readinessProbe:
                        httpGet:
                          path: /
                          port: 80
            """ + "\n"
        ),
        (
            "pdb.yaml",
            """
            # Keeps every replica up: evictions are refused (HTTP 429), so `--mode evict` finds nothing it may kill.
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: nginx-pdb
              namespace: podchaos-demo
            spec:
              minAvailable: 3
              selector:
                matchLabels:
                  app: nginx
            """ + "\n"
        ),
        (
            "service.yaml",
            """
            # The nginx Deployment's Service, which probes reach through the API server's service proxy.
            apiVersion: v1
            kind: Service
            metadata:
              name: nginx
              namespace: podchaos-demo
              labels:
                app: nginx
            spec:
              selector:
                app: nginx
              ports:
                - port: 80
                  targetPort: 80
            """ + "\n"
        ),
    ]
}
