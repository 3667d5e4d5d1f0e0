/// Why a budget's status cannot be computed; its message becomes the `SyncFailed` condition's message.
struct SyncFailure: Error {
    let message: String
}
