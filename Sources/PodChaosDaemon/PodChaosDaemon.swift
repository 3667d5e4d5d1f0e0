// The long-running `run` service: schedules, leadership, the status server and notifications, around the PodChaos engine.
// Kept apart from PodChaos so programs embedding the engine do not pull in an HTTP server.
