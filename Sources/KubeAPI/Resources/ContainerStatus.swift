import Foundation

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

/// At most one of `waiting`, `running`, `terminated` is set; none in an empty `lastState`.
public struct ContainerState: Codable, Sendable, Hashable {
    public var waiting: Waiting?
    public var running: Running?
    public var terminated: Terminated?

    public init(waiting: Waiting? = nil, running: Running? = nil, terminated: Terminated? = nil) {
        self.waiting = waiting
        self.running = running
        self.terminated = terminated
    }

    public struct Waiting: Codable, Sendable, Hashable {
        /// `ContainerCreating`, `CrashLoopBackOff`, `ImagePullBackOff`…
        public var reason: String?
        public var message: String?

        public init(reason: String? = nil, message: String? = nil) {
            self.reason = reason
            self.message = message
        }
    }

    public struct Running: Codable, Sendable, Hashable {
        public var startedAt: Date?

        public init(startedAt: Date? = nil) {
            self.startedAt = startedAt
        }
    }

    public struct Terminated: Codable, Sendable, Hashable {
        public var reason: String?
        public var exitCode: Int?
        public var startedAt: Date?
        public var finishedAt: Date?
        public var message: String?

        public init(
            reason: String? = nil, exitCode: Int? = nil, startedAt: Date? = nil, finishedAt: Date? = nil, message: String? = nil
        ) {
            self.reason = reason
            self.exitCode = exitCode
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.message = message
        }
    }
}
