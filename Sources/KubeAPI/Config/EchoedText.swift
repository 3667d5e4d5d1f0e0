/// How an error message shows text a user or a server gave: on one line, and whole only when short — otherwise its
/// first characters and its size, so that a 20 MB context name makes a one-line error rather than a 20 MB one. The
/// configuration errors of the client, and of the command line, cut values here.
public enum EchoedText {
    /// Characters of a value an error message shows at most.
    public static let shownCharacters = 64

    /// Double-quoted, with control characters escaped (`"a\u{0}b"`), cut when long: `"aaaa…"… (52428800 bytes)`.
    public static func quoted(_ value: String) -> String {
        guard let cut = prefix(value, limit: shownCharacters) else { return "\"\(escaped(value))\"" }
        return "\"\(escaped(cut))…\"… (\(value.utf8.count) bytes)"
    }

    /// The first `limit` characters of `value`, or nil when it has no more than that; costs at most `limit` characters
    /// whatever the size of `value`.
    public static func prefix(_ value: String, limit: Int) -> String? {
        let head = value.prefix(limit + 1)
        return head.count > limit ? String(head.dropLast()) : nil
    }

    /// A whole message on one line and of bounded size: control characters escaped, and cut after
    /// `shownCharacters` × 8 characters. The last guard of an error's description, whatever it quotes.
    public static func line(_ message: String) -> String {
        let limit = shownCharacters * 8
        guard let cut = prefix(message, limit: limit) else { return escaped(message, quotes: false) }
        return escaped(cut, quotes: false) + "… (\(message.utf8.count) bytes)"
    }

    /// Control characters (newlines, NUL and terminal escapes among them), invisible format characters (bidirectional
    /// overrides that would reorder the text on screen) and Unicode line and paragraph separators, and with `quotes`
    /// quotes and backslashes, as Swift escapes them, so the text stays on one line and reads as it is.
    public static func escaped(_ text: String, quotes: Bool = true) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"" where quotes: out += "\\\""
            case "\\" where quotes: out += "\\\\"
            case _ where isHidden(scalar): out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}
