import NIOHTTP1

/// What came back, in a few words for an error message, when an answer is not the JSON an API server sends — a proxy's
/// HTML error page, plain text, an empty body: its status, its content type, its size and its first characters.
/// The characters are the server's, so they are shown as `EchoedText` shows any outside text: quoted, control
/// characters escaped, cut after a few dozen; an HTML page is shown by its text, without its tags.
struct AnswerExcerpt {
    let status: Int
    let contentType: String?
    /// The answer's first bytes (the whole body, or as much of it as was read).
    let opening: [UInt8]
    /// The answer's size, when known.
    let size: Int?

    init(status: Int, headers: HTTPHeaders, opening: some Collection<UInt8>, size: Int?) {
        self.status = status
        self.contentType = headers.first(name: "Content-Type")
        self.opening = Array(opening.prefix(Self.openingBytes))
        self.size = size
    }

    /// Bytes of an answer kept to describe it: enough for a page's title or a line of text.
    static let openingBytes = 2048

    /// Whether the answer is a web page (a proxy's or a web server's), by its content type or its first characters.
    var isHTML: Bool {
        if contentType?.lowercased().contains("html") == true { return true }
        let start = String(decoding: opening.prefix(64), as: UTF8.self).drop { $0.isWhitespace }.prefix(15).lowercased()
        return start.hasPrefix("<!doctype html") || start.hasPrefix("<html")
    }

    /// Whether the answer's first character can start a JSON object or array.
    var looksLikeJSON: Bool {
        guard let first = opening.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// `HTTP 200, content type "text/html", 35 bytes: "502 Bad Gateway"`, or `HTTP 200, no content type, no body`.
    var summary: String {
        let type = contentType.map { ", content type \(EchoedText.quoted($0))" } ?? ", no content type"
        guard !opening.isEmpty else { return "HTTP \(status)\(type), no body" }
        let bytes = size.map { ", \($0) bytes" } ?? ""
        return "HTTP \(status)\(type)\(bytes): \(EchoedText.quoted(shownText))"
    }

    /// The answer's text as shown: an HTML page's text without tags, whitespace runs as one space.
    private var shownText: String {
        let text = String(decoding: opening, as: UTF8.self)
        let visible = isHTML ? Self.withoutTags(text) : text
        return visible.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func withoutTags(_ html: String) -> String {
        var out = ""
        var inTag = false
        for character in html {
            switch character {
            case "<": inTag = true
            case ">" where inTag:
                inTag = false
                out.append(" ")
            case _ where !inTag: out.append(character)
            default: break
            }
        }
        return out
    }
}
