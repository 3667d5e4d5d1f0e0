/// The defaulting the real server applies on every write, for the fields clients commonly read back
/// (grace periods, restart policy, rollout strategy). Only missing fields are set.
enum ObjectDefaults {
    static func apply(_ type: ResourceType, to object: inout JSONValue) {
        switch (type.descriptor.group, type.descriptor.resource) {
        case ("", "pods"):
            defaultPodSpec(&object, at: ["spec"])
        case ("apps", "deployments"):
            setIfMissing(&object, ["spec", "replicas"], .number(1))
            setIfMissing(&object, ["spec", "revisionHistoryLimit"], .number(10))
            setIfMissing(&object, ["spec", "progressDeadlineSeconds"], .number(600))
            setIfMissing(
                &object, ["spec", "strategy"],
                .object([
                    "type": .string("RollingUpdate"),
                    "rollingUpdate": .object(["maxUnavailable": .string("25%"), "maxSurge": .string("25%")]),
                ]))
            defaultPodSpec(&object, at: ["spec", "template", "spec"])
        case ("apps", "replicasets"), ("apps", "statefulsets"):
            setIfMissing(&object, ["spec", "replicas"], .number(1))
            defaultPodSpec(&object, at: ["spec", "template", "spec"])
        case ("apps", "daemonsets"):
            defaultPodSpec(&object, at: ["spec", "template", "spec"])
        default:
            break
        }
    }

    private static func defaultPodSpec(_ object: inout JSONValue, at path: [String]) {
        guard object[path: path]?.objectValue != nil else { return }
        setIfMissing(&object, path + ["restartPolicy"], .string("Always"))
        setIfMissing(&object, path + ["terminationGracePeriodSeconds"], .number(30))
        setIfMissing(&object, path + ["dnsPolicy"], .string("ClusterFirst"))
        setIfMissing(&object, path + ["schedulerName"], .string("default-scheduler"))
        setIfMissing(&object, path + ["securityContext"], .object([:]))
        guard let containers = object[path: path + ["containers"]]?.arrayValue else { return }
        object[path: path + ["containers"]] = .array(containers.map(defaultContainer))
    }

    private static func defaultContainer(_ container: JSONValue) -> JSONValue {
        guard case .object = container else { return container }
        var result = container
        let image = container["image"]?.stringValue ?? ""
        // The image's tag decides the pull policy: none or `latest` means Always, as the real defaulting does.
        let lastComponent = image.split(separator: "/").last.map(String.init) ?? image
        let tag =
            lastComponent.contains("@") ? "digest" : (lastComponent.split(separator: ":").dropFirst().first.map(String.init) ?? "latest")
        setIfMissing(&result, ["imagePullPolicy"], .string(tag == "latest" ? "Always" : "IfNotPresent"))
        setIfMissing(&result, ["terminationMessagePath"], .string("/dev/termination-log"))
        setIfMissing(&result, ["terminationMessagePolicy"], .string("File"))
        setIfMissing(&result, ["resources"], .object([:]))
        return result
    }

    private static func setIfMissing(_ object: inout JSONValue, _ path: [String], _ value: JSONValue) {
        if object[path: path] == nil || object[path: path] == .null { object[path: path] = value }
    }
}
