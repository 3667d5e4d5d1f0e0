/// A `demo` namespace with a 3-replica Deployment `web` that any tick may kill (MTBF 1 ms), for CLI tests of `run`.
enum DemoWorkload {
    static let web = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: demo}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: demo
          annotations: {podchaosmonkey.io/mtbf: "1ms"}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: app, image: nginx}]}
        """
}
