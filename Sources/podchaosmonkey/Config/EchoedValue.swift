/// How an error message shows a value the user gave: whole when it is short, otherwise its first characters and its
/// size, so that a 50 MB value makes a one-line error rather than a 50 MB one. Every message of the config and CLI
/// layer that quotes a user's value goes through here; `config print` writes values whole (YAMLText).
enum EchoedValue {
    /// Characters of a value an error message shows at most.
    static let shownCharacters = 64

    /// Double-quoted as YAML reads it back (`"x"`), or cut: `"aaaa…"… (52428800 bytes)`.
    static func quoted(_ value: String) -> String {
        guard isLong(value) else { return YAMLText.quoted(value) }
        return YAMLText.quoted(String(value.prefix(shownCharacters))) + "… (\(value.utf8.count) bytes)"
    }

    /// Text that may hold a value (a parser's or a library's message), cut the same way but not quoted.
    static func excerpt(_ text: String) -> String {
        guard isLong(text, limit: shownCharacters * 4) else { return text }
        return String(text.prefix(shownCharacters * 4)) + "… (\(text.utf8.count) bytes)"
    }

    /// Costs at most `limit` characters, whatever the size of `value`.
    private static func isLong(_ value: String, limit: Int = shownCharacters) -> Bool { value.prefix(limit + 1).count > limit }
}
