/// Sends one request of a probe and reads the answer. The seam between the probe engine and the network: the engine
/// and its tests drive a fake, the CLI and the daemon `NetworkProbeTransport`.
public protocol ProbeTransport: Sendable {
    /// Never throws: a failure to connect or a timeout (after `probe.timeout`) is an answer too.
    func send(_ probe: ProbeSpec) async -> ProbeResponse
}
