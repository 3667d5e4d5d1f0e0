/// What a read of a victim shows after its kill was sent.
enum VictimState {
    /// 404, replaced under its name, or Terminating under its UID.
    case gone
    /// Still there under its UID, not Terminating.
    case running
    /// The read failed.
    case unknown(any Error)
}
