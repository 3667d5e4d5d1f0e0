import Foundation
import Mustache

/// `--webhook-template FILE`: a Mustache template rendered over the fields of the JSON body (docs/webhooks.md).
/// Values are escaped for JSON strings by default, since webhook bodies are JSON; a template may switch with
/// `{{% CONTENT_TYPE: TEXT}}` or `HTML`.
public struct WebhookTemplate: Sendable {
    /// On a line of its own, so that it leaves no trace in the output and a pragma on the template's first line is
    /// still standalone; errors are reported one line up.
    private static let jsonPragma = "{{% CONTENT_TYPE: JSON}}\n"

    private let template: MustacheTemplate
    /// The file it came from, for messages.
    public let path: String

    /// Parses `text`; a syntax error is a `WebhookError` naming `path`, line and column.
    public init(text: String, path: String) throws(WebhookError) {
        _ = JSONStringContentType.registerOnce
        do {
            template = try MustacheTemplate(string: Self.jsonPragma + text)
        } catch let error as MustacheTemplate.ParserError {
            throw .templateInvalid(
                path: path, line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber,
                problem: Self.explain(error.error))
        } catch {
            throw .templateInvalid(path: path, line: 1, column: 1, problem: "cannot parse the template")
        }
        self.path = path
    }

    /// Reads and parses the file at `path`.
    public init(contentsOf path: String) throws(WebhookError) {
        let text: String
        do {
            text = try BoundedFile.read(path, limit: BoundedFile.documentLimit)
        } catch {
            throw .templateUnreadable(path: path, detail: error.description)
        }
        try self.init(text: text, path: path)
    }

    /// The body for `event`: the template over the same fields the JSON body has, null fields absent.
    public func render(_ event: WebhookEvent) throws -> String {
        let tree = try JSONDecoder().decode(TemplateValue.self, from: try event.jsonData())
        return template.render(tree.mustacheValue ?? [String: Any]())
    }

    private static func explain(_ error: any Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: "a section is closed with a different name than it was opened with"
        case MustacheTemplate.Error.unfinishedName: "a tag is not closed"
        case MustacheTemplate.Error.expectedSectionEnd: "a section is never closed"
        case MustacheTemplate.Error.invalidSetDelimiter: "a set-delimiter tag is malformed"
        case MustacheTemplate.Error.invalidConfigVariableSyntax: "a {{% …}} pragma is malformed"
        case MustacheTemplate.Error.unrecognisedConfigVariable: "unknown pragma (CONTENT_TYPE may be JSON, TEXT or HTML)"
        case MustacheTemplate.Error.transformAppliedToInheritanceSection,
            MustacheTemplate.Error.illegalTokenInsideInheritSection,
            MustacheTemplate.Error.textInsideInheritSection:
            "an inheritance block is malformed"
        default: "the template ends in the middle of a tag"
        }
    }
}

/// Escapes values for the inside of a JSON string.
private struct JSONStringContentType: MustacheContentType {
    static let registerOnce: Void = MustacheContentTypes.register(JSONStringContentType(), named: "JSON")

    func escapeText(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

/// The JSON body as a tree Mustache can walk; decoding it is what keeps the template's fields the body's fields.
private enum TemplateValue: Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([TemplateValue])
    case object([String: TemplateValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([TemplateValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: TemplateValue].self))
        }
    }

    /// nil for null, so that `{{#owner}}` is skipped and `{{^owner}}` rendered for an orphan.
    var mustacheValue: Any? {
        switch self {
        case .null: nil
        case .bool(let value): value
        case .number(let value):
            // 30 rather than 30.0, as the JSON body writes it.
            if value.rounded() == value && abs(value) < 1e15 { Int(value) } else { value }
        case .string(let value): value
        case .array(let values): values.compactMap(\.mustacheValue)
        case .object(let members): members.compactMapValues(\.mustacheValue)
        }
    }
}
