/// Why a patch could not be applied: which patch, which operation or location, and what went wrong.
/// The API server answers these with 422 Unprocessable Entity (or 400 for a malformed patch document).
public struct PatchError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case malformed
        case pathNotFound
        case invalidPointer
        case indexOutOfBounds
        case testFailed
        case conflict
    }

    public enum PatchType: String, Sendable, Hashable {
        case json = "JSON patch"
        case merge = "JSON merge patch"
        case strategicMerge = "strategic merge patch"
    }

    private let code: Code
    public let patchType: PatchType
    /// Where it failed: `operation 2 (remove "/a/b")` for a JSON patch, a field path for a strategic merge patch.
    public let location: String?
    public let detail: String

    private init(_ code: Code, _ patchType: PatchType, location: String?, detail: String) {
        self.code = code
        self.patchType = patchType
        self.location = location
        self.detail = detail
    }

    static func malformed(_ type: PatchType, at location: String?, _ detail: String) -> PatchError {
        PatchError(.malformed, type, location: location, detail: detail)
    }

    static func pathNotFound(_ type: PatchType, at location: String?, _ detail: String) -> PatchError {
        PatchError(.pathNotFound, type, location: location, detail: detail)
    }

    static func invalidPointer(_ type: PatchType, at location: String?, _ detail: String) -> PatchError {
        PatchError(.invalidPointer, type, location: location, detail: detail)
    }

    static func indexOutOfBounds(_ type: PatchType, at location: String?, _ detail: String) -> PatchError {
        PatchError(.indexOutOfBounds, type, location: location, detail: detail)
    }

    static func testFailed(_ type: PatchType, at location: String?, _ detail: String) -> PatchError {
        PatchError(.testFailed, type, location: location, detail: detail)
    }

    static func conflict(_ type: PatchType, at location: String?, _ detail: String) -> PatchError {
        PatchError(.conflict, type, location: location, detail: detail)
    }

    /// The patch document itself is not what its type requires (not a list of operations, a bad directive…).
    public var isMalformed: Bool { code == .malformed || code == .invalidPointer }
    /// A location the operation needs does not exist in the object.
    public var isPathNotFound: Bool { code == .pathNotFound }
    public var isIndexOutOfBounds: Bool { code == .indexOutOfBounds }
    /// A JSON patch `test` operation found a different value.
    public var isTestFailed: Bool { code == .testFailed }
    /// The patch contradicts the object's shape, e.g. a merge-key list element without its key.
    public var isConflict: Bool { code == .conflict }

    public var description: String {
        let at = location.map { " at \($0)" } ?? ""
        return "cannot apply \(patchType.rawValue)\(at): \(detail)"
    }
}
