import Logging

/// Builds one JSON object by hand so that keys keep the order a person scanning logs expects (`ts` first).
struct JSONWriter {
    private var output = "{"
    private var needsComma = false

    mutating func key(_ key: String) {
        if needsComma { output += "," }
        needsComma = true
        string(key)
        output += ":"
    }

    mutating func string(_ text: String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{8}": output += "\\b"
            case "\u{C}": output += "\\f"
            // Other control characters, and the separators JavaScript treats as line ends, must be escaped.
            case _ where scalar.value < 0x20 || scalar == "\u{2028}" || scalar == "\u{2029}":
                output += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    mutating func value(_ value: Logger.MetadataValue) {
        switch value {
        case .string(let text):
            string(text)
        case .stringConvertible(let convertible):
            scalar(convertible)
        case .array(let values):
            output += "["
            for (index, element) in values.enumerated() {
                if index > 0 { output += "," }
                self.value(element)
            }
            output += "]"
        case .dictionary(let metadata):
            var nested = JSONWriter()
            for key in metadata.keys.sorted() {
                nested.key(key)
                nested.value(metadata[key]!)
            }
            output += nested.finish()
        }
    }

    /// Numbers and booleans stay JSON numbers and booleans, so a log query can compare them.
    private mutating func scalar(_ value: any CustomStringConvertible & Sendable) {
        switch value {
        case let flag as Bool:
            output += flag ? "true" : "false"
        case let number as any BinaryInteger:
            output += number.description
        case let number as Double where number.isFinite:
            output += number.description
        case let number as Float where number.isFinite:
            output += number.description
        default:
            string(value.description)
        }
    }

    func finish() -> String { output + "}" }
}
