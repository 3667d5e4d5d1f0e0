import Foundation

/// Scalars written so that YAML reads back exactly the same string — in `config print` and in error messages.
enum YAMLText {
    /// Double-quoted with escapes: always read back as this exact string (JSON's escapes are YAML's too).
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFEFF:
                out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Plain when that reads back as the same string, quoted otherwise. `true` and `false` stay plain: a config file
    /// passes an option's text to the parser as written, and for a Bool option they are what they look like.
    static func scalar(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, plainStart.contains(first),
            value.unicodeScalars.allSatisfy(plainBody.contains), !nonStrings.contains(value.lowercased())
        else { return quoted(value) }
        return value
    }

    /// Words a config file reads as "unset" (null), or other YAML readers as a Bool.
    static let nonStrings: Set<String> = ["null", "~", "yes", "no", "on", "off", "y", "n"]

    private static let alphanumerics = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    private static let plainStart = CharacterSet(charactersIn: alphanumerics + "/")
    // No comma: lists are written in flow style, where a comma ends the item.
    private static let plainBody = CharacterSet(charactersIn: alphanumerics + "/-._=+@%")
}
