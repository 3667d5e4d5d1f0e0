/// `core/v1 ContainerStatus`: readiness, restarts and the current and previous state of one container.
public struct ContainerStatus: Codable, Sendable, Hashable {
    public var name: String
    public var ready: Bool?
    public var started: Bool?
    public var restartCount: Int?
    public var state: ContainerState?
    public var lastState: ContainerState?
    public var image: String?
    public var containerID: String?

    public init(
        name: String, ready: Bool? = nil, started: Bool? = nil, restartCount: Int? = nil, state: ContainerState? = nil,
        lastState: ContainerState? = nil
    ) {
        self.name = name
        self.ready = ready
        self.started = started
        self.restartCount = restartCount
        self.state = state
        self.lastState = lastState
    }
}
