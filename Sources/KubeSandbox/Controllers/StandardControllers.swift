/// The controllers a sandbox runs, as kube-controller-manager, kube-scheduler and the kubelets would.
public enum StandardControllers {
    public static func all(timings: PodLifecycleTimings = PodLifecycleTimings()) -> [any Controller] {
        [
            NamespaceController(), GarbageCollector(), DeploymentController(), ReplicaSetController(), StatefulSetController(),
            DaemonSetController(), SchedulerController(), KubeletController(timings: timings), EndpointSliceController(),
            DisruptionController(),
        ]
    }
}
