/// An RFC 6901 JSON Pointer, and the edits a JSON patch makes through one.
struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    let tokens: [String]
    let description: String

    /// Nil when `text` is not a pointer: pointers are `""` (the whole document) or `/`-separated tokens with `~0` and `~1` escapes.
    init?(_ text: String) {
        guard !text.isEmpty else {
            self.tokens = []
            self.description = text
            return
        }
        guard text.hasPrefix("/") else { return nil }
        var tokens: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var tilde = false
            for character in raw {
                if tilde {
                    switch character {
                    case "0": token.append("~")
                    case "1": token.append("/")
                    default: return nil
                    }
                    tilde = false
                } else if character == "~" {
                    tilde = true
                } else {
                    token.append(character)
                }
            }
            if tilde { return nil }
            tokens.append(token)
        }
        self.tokens = tokens
        self.description = text
    }

    /// True when `self` names a location strictly inside `other`'s.
    func isProperChild(of other: JSONPointer) -> Bool {
        tokens.count > other.tokens.count && Array(tokens.prefix(other.tokens.count)) == other.tokens
    }
}

/// What went wrong following a pointer; the JSON patch turns it into a `PatchError` naming the operation.
enum JSONPointerFailure: Error {
    case notFound(String)
    case outOfBounds(String)
    case notAnIndex(String)
}

extension JSONValue {
    func value(at pointer: JSONPointer) -> JSONValue? {
        var current = self
        for token in pointer.tokens {
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let items):
                guard let index = JSONValue.arrayIndex(token), index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// RFC 6902 `add`: sets an object member, or inserts into an array (`-` appends). The parent must exist.
    mutating func add(_ value: JSONValue, at pointer: JSONPointer) throws(JSONPointerFailure) {
        guard !pointer.tokens.isEmpty else {
            self = value
            return
        }
        try editParent(of: pointer.tokens[...], pointer: pointer) { (parent, last) throws(JSONPointerFailure) in
            switch parent {
            case .object(var members):
                members[last] = value
                parent = .object(members)
            case .array(var items):
                let index: Int
                if last == "-" {
                    index = items.count
                } else {
                    guard let parsed = JSONValue.arrayIndex(last) else { throw .notAnIndex(last) }
                    guard parsed <= items.count else {
                        throw .outOfBounds("index \(parsed) is beyond the end of an array of \(items.count)")
                    }
                    index = parsed
                }
                items.insert(value, at: index)
                parent = .array(items)
            default:
                throw .notFound(pointer.description)
            }
        }
    }

    /// RFC 6902 `remove`: the target must exist. Returns what was removed.
    @discardableResult
    mutating func remove(at pointer: JSONPointer) throws(JSONPointerFailure) -> JSONValue {
        var removed = JSONValue.null
        try editParent(of: pointer.tokens[...], pointer: pointer) { (parent, last) throws(JSONPointerFailure) in
            switch parent {
            case .object(var members):
                guard let old = members.removeValue(forKey: last) else { throw .notFound(pointer.description) }
                removed = old
                parent = .object(members)
            case .array(var items):
                guard let index = JSONValue.arrayIndex(last) else {
                    if last == "-" { throw .outOfBounds("\"-\" names no existing element") }
                    throw .notAnIndex(last)
                }
                guard index < items.count else { throw .outOfBounds("index \(index) is out of bounds for an array of \(items.count)") }
                removed = items.remove(at: index)
                parent = .array(items)
            default:
                throw .notFound(pointer.description)
            }
        }
        return removed
    }

    /// Walks to the container holding the last token and lets `body` change it in place.
    private mutating func editParent(
        of tokens: ArraySlice<String>, pointer: JSONPointer,
        _ body: (inout JSONValue, String) throws(JSONPointerFailure) -> Void
    ) throws(JSONPointerFailure) {
        guard let first = tokens.first else { throw .notFound(pointer.description) }
        if tokens.count == 1 {
            try body(&self, first)
            return
        }
        switch self {
        case .object(var members):
            guard var child = members[first] else { throw .notFound(pointer.description) }
            try child.editParent(of: tokens.dropFirst(), pointer: pointer, body)
            members[first] = child
            self = .object(members)
        case .array(var items):
            guard let index = JSONValue.arrayIndex(first) else { throw .notAnIndex(first) }
            guard index < items.count else { throw .outOfBounds("index \(index) is out of bounds for an array of \(items.count)") }
            try items[index].editParent(of: tokens.dropFirst(), pointer: pointer, body)
            self = .array(items)
        default:
            throw .notFound(pointer.description)
        }
    }

    /// `0` or a decimal without leading zeros, as RFC 6901 requires of array indices.
    private static func arrayIndex(_ token: String) -> Int? {
        guard !token.isEmpty, token.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        if token.count > 1 && token.hasPrefix("0") { return nil }
        return Int(token)
    }
}
