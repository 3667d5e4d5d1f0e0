/// The naming rules apimachinery's `validation` package applies to label keys and values.
enum LabelsValidation {
    static let maxNameLength = 63
    static let maxPrefixLength = 253

    /// Nil when `key` is a valid qualified name (`[dns-subdomain/]name`), otherwise the reason it is not.
    static func problem(withKey key: String) -> String? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        let name: Substring
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = parts[0]
            name = parts[1]
            if prefix.isEmpty { return "key \(key.quotedForMessage) has an empty prefix before \"/\"" }
            if prefix.utf8.count > maxPrefixLength {
                return "key \(key.quotedForMessage) has a prefix longer than \(maxPrefixLength) characters"
            }
            if !isDNSSubdomain(prefix) {
                return "key \(key.quotedForMessage) has a prefix that is not a lower-case DNS subdomain"
            }
        default:
            return "key \(key.quotedForMessage) has more than one \"/\""
        }
        if name.isEmpty { return "key \(key.quotedForMessage) has an empty name" }
        if name.utf8.count > maxNameLength {
            return "key \(key.quotedForMessage) has a name longer than \(maxNameLength) characters"
        }
        if !isQualifiedNamePart(name) {
            return "key \(key.quotedForMessage) must be alphanumeric, '-', '_' or '.', starting and ending with an alphanumeric"
        }
        return nil
    }

    /// Nil when `value` is a valid label value (possibly empty), otherwise the reason it is not.
    static func problem(withValue value: String) -> String? {
        if value.isEmpty { return nil }
        if value.utf8.count > maxNameLength {
            return "value \(value.quotedForMessage) is longer than \(maxNameLength) characters"
        }
        if !isQualifiedNamePart(Substring(value)) {
            return "value \(value.quotedForMessage) must be alphanumeric, '-', '_' or '.', starting and ending with an alphanumeric"
        }
        return nil
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
    private static func isQualifiedNamePart(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// RFC 1123 subdomain: dot-separated lower-case labels of `[a-z0-9]([-a-z0-9]*[a-z0-9])?`.
    private static func isDNSSubdomain(_ text: Substring) -> Bool {
        text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let bytes = Array(label.utf8)
            guard let first = bytes.first, let last = bytes.last, isLowerAlphanumeric(first), isLowerAlphanumeric(last) else {
                return false
            }
            return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowerAlphanumeric(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
