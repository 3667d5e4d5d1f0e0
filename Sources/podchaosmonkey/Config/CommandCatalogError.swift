/// The argument parser's help dump could not be read as a command tree (its format is not the one `CommandCatalog`
/// decodes). Without the tree no config key or `PODCHAOSMONKEY_*` variable can be matched to an option, so the
/// command stops with this one line rather than run without the settings it was given.
struct CommandCatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What the decoder found wrong, on one line.
    let problem: String

    init(decoding error: any Error) {
        problem = Self.oneLine(error)
    }

    var description: String {
        "cannot read the command-line parser's description of its options (\(problem)), "
            + "so config files and PODCHAOSMONKEY_* variables cannot be applied"
    }

    private static func oneLine(_ error: any Error) -> String {
        let text: String
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.keyNotFound(_, let context),
            DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            text = (path.isEmpty ? "" : "at \(path): ") + context.debugDescription
        default:
            text = "\(error)"
        }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
