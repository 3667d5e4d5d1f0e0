import Foundation

/// The bytes one target receives for one event.
struct WebhookPayload: Sendable {
    var body: Data
    var contentType: String

    init(event: WebhookEvent, format: WebhookTarget.Format) throws {
        contentType = "application/json"
        switch format {
        case .json:
            body = try event.jsonData()
        case .template(let template):
            body = Data(try template.render(event).utf8)
        case .slack:
            body = try JSONEncoder().encode(SlackMessage(text: Self.slackEscaped(event.summary)))
        }
    }

    private struct SlackMessage: Encodable { var text: String }

    /// Slack reads `&`, `<` and `>` as markup; these three must be escaped, nothing else.
    private static func slackEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
