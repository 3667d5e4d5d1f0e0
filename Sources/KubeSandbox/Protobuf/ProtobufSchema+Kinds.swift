/// The kinds `kubectl create namespace|configmap|serviceaccount|deployment` post as protobuf, as far as kubectl
/// fills them in (k8s.io/api core/v1 and apps/v1 generated.proto; k8s.io/apimachinery meta/v1 for ObjectMeta and
/// LabelSelector).
extension ProtobufSchema {
    /// By `apiVersion` and `kind`, as the envelope's TypeMeta names them.
    static func schema(apiVersion: String, kind: String) -> ProtobufSchema? {
        switch (apiVersion, kind) {
        case ("v1", "Namespace"): namespace
        case ("v1", "ConfigMap"): configMap
        case ("v1", "ServiceAccount"): serviceAccount
        case ("apps/v1", "Deployment"): deployment
        default: nil
        }
    }

    static let objectMeta = ProtobufSchema([
        1: field("name", .string), 2: field("generateName", .string), 3: field("namespace", .string),
        11: field("labels", .stringMap), 12: field("annotations", .stringMap), 14: field("finalizers", .string, repeated: true),
    ])

    static let namespace = ProtobufSchema([
        1: field("metadata", .message(objectMeta)),
        2: field("spec", .message(ProtobufSchema([1: field("finalizers", .string, repeated: true)]))),
    ])

    static let configMap = ProtobufSchema([
        1: field("metadata", .message(objectMeta)), 2: field("data", .stringMap), 3: field("binaryData", .bytesMap),
        4: field("immutable", .bool, keepZero: true),
    ])

    static let serviceAccount = ProtobufSchema([
        1: field("metadata", .message(objectMeta)), 3: field("automountServiceAccountToken", .bool, keepZero: true),
    ])

    static let labelSelector = ProtobufSchema([
        1: field("matchLabels", .stringMap),
        2: field(
            "matchExpressions",
            .message(
                ProtobufSchema([1: field("key", .string), 2: field("operator", .string), 3: field("values", .string, repeated: true)])),
            repeated: true),
    ])

    static let container = ProtobufSchema([
        1: field("name", .string), 2: field("image", .string), 3: field("command", .string, repeated: true),
        4: field("args", .string, repeated: true), 5: field("workingDir", .string),
        6: field(
            "ports",
            .message(
                ProtobufSchema([
                    1: field("name", .string), 2: field("hostPort", .integer), 3: field("containerPort", .integer),
                    4: field("protocol", .string), 5: field("hostIP", .string),
                ])),
            repeated: true),
        7: field("env", .message(ProtobufSchema([1: field("name", .string), 2: field("value", .string)])), repeated: true),
        13: field("terminationMessagePath", .string), 14: field("imagePullPolicy", .string),
    ])

    static let podSpec = ProtobufSchema([
        2: field("containers", .message(container), repeated: true), 3: field("restartPolicy", .string),
        4: field("terminationGracePeriodSeconds", .integer, keepZero: true), 6: field("dnsPolicy", .string),
        7: field("nodeSelector", .stringMap), 8: field("serviceAccountName", .string), 10: field("nodeName", .string),
        19: field("schedulerName", .string), 20: field("initContainers", .message(container), repeated: true),
    ])

    static let deployment = ProtobufSchema([
        1: field("metadata", .message(objectMeta)),
        2: field(
            "spec",
            .message(
                ProtobufSchema([
                    1: field("replicas", .integer, keepZero: true), 2: field("selector", .message(labelSelector)),
                    3: field(
                        "template",
                        .message(ProtobufSchema([1: field("metadata", .message(objectMeta)), 2: field("spec", .message(podSpec))]))),
                    4: field("strategy", .message(ProtobufSchema([1: field("type", .string)]))),
                    5: field("minReadySeconds", .integer), 6: field("revisionHistoryLimit", .integer, keepZero: true),
                    7: field("paused", .bool), 9: field("progressDeadlineSeconds", .integer, keepZero: true),
                ]))),
    ])
}
