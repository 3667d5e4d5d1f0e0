import KubeAPI

/// How an error message shows a value the user gave: whole when it is short, otherwise its first characters and its
/// size, so that a 50 MB value makes a one-line error rather than a 50 MB one. Every message of the config and CLI
/// layer that quotes a user's value goes through here; `config print` writes values whole (YAMLText).
enum EchoedValue {
    /// Double-quoted as YAML reads it back (`"x"`), or cut: `"aaaa…"… (52428800 bytes)`.
    static func quoted(_ value: String) -> String {
        guard let cut = EchoedText.prefix(value, limit: EchoedText.shownCharacters) else { return YAMLText.quoted(value) }
        return YAMLText.quoted(cut) + "… (\(value.utf8.count) bytes)"
    }

    /// Text that may hold a value (a parser's or a library's message), cut the same way but not quoted.
    static func excerpt(_ text: String) -> String {
        guard let cut = EchoedText.prefix(text, limit: EchoedText.shownCharacters * 4) else { return text }
        return cut + "… (\(text.utf8.count) bytes)"
    }
}
