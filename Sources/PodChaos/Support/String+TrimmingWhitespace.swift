extension String {
    /// The text without leading and trailing whitespace (Unicode's, as `Character.isWhitespace` says), without
    /// Foundation's `trimmingCharacters(in:)`, so the parsers that use it build on their own.
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
