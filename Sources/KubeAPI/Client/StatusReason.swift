/// `metav1.StatusReason`: the machine-readable half of an API error.
public struct StatusReason: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let unauthorized = StatusReason(rawValue: "Unauthorized")
    public static let forbidden = StatusReason(rawValue: "Forbidden")
    public static let notFound = StatusReason(rawValue: "NotFound")
    public static let alreadyExists = StatusReason(rawValue: "AlreadyExists")
    public static let conflict = StatusReason(rawValue: "Conflict")
    public static let gone = StatusReason(rawValue: "Gone")
    public static let invalid = StatusReason(rawValue: "Invalid")
    public static let serverTimeout = StatusReason(rawValue: "ServerTimeout")
    public static let timeout = StatusReason(rawValue: "Timeout")
    public static let tooManyRequests = StatusReason(rawValue: "TooManyRequests")
    public static let badRequest = StatusReason(rawValue: "BadRequest")
    public static let methodNotAllowed = StatusReason(rawValue: "MethodNotAllowed")
    public static let notAcceptable = StatusReason(rawValue: "NotAcceptable")
    public static let requestEntityTooLarge = StatusReason(rawValue: "RequestEntityTooLarge")
    public static let unsupportedMediaType = StatusReason(rawValue: "UnsupportedMediaType")
    public static let internalError = StatusReason(rawValue: "InternalError")
    public static let expired = StatusReason(rawValue: "Expired")
    public static let serviceUnavailable = StatusReason(rawValue: "ServiceUnavailable")

    /// The reason client-go infers from a bare HTTP status (`errors.reasonForError`).
    public init?(httpStatus: Int) {
        switch httpStatus {
        case 400: self = .badRequest
        case 401: self = .unauthorized
        case 403: self = .forbidden
        case 404: self = .notFound
        case 405: self = .methodNotAllowed
        case 406: self = .notAcceptable
        case 409: self = .conflict
        case 410: self = .gone
        case 413: self = .requestEntityTooLarge
        case 415: self = .unsupportedMediaType
        case 422: self = .invalid
        case 429: self = .tooManyRequests
        case 500: self = .internalError
        case 503: self = .serviceUnavailable
        case 504: self = .timeout
        default: return nil
        }
    }

    /// Lower-case phrase that starts an error message: `forbidden`, `not found`.
    public var phrase: String {
        var out = ""
        for (index, character) in rawValue.enumerated() {
            if character.isUppercase && index > 0 { out += " " }
            out += character.lowercased()
        }
        return out
    }

    public var description: String { rawValue }
}
