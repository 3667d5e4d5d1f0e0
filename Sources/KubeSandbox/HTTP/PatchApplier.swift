/// Applies a PATCH body by its content type, with the selectors branch's patch implementations.
enum PatchApplier {
    static func apply(contentType: String, patch: JSONValue, to object: JSONValue) throws(StatusError) -> JSONValue {
        do {
            switch contentType {
            case "application/merge-patch+json":
                guard case .object = patch else {
                    throw StatusError.badRequest("error decoding patch: a merge patch must be a JSON object")
                }
                return JSONMergePatch.apply(patch, to: object)
            case "application/strategic-merge-patch+json":
                guard case .object = patch else {
                    throw StatusError.badRequest("error decoding patch: a strategic merge patch must be a JSON object")
                }
                return try StrategicMergePatch.apply(patch, to: object)
            case "application/json-patch+json":
                return try JSONPatch.apply(patch, to: object)
            default:
                throw StatusError.unsupportedMediaType(contentType)
            }
        } catch let error as StatusError {
            throw error
        } catch let error as PatchError {
            if error.isMalformed { throw StatusError.badRequest(error.description) }
            throw StatusError(code: 422, reason: "Invalid", message: error.description)
        } catch {
            throw StatusError.internal(String(describing: error))
        }
    }
}
