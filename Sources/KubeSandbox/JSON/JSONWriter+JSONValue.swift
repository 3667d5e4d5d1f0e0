import KubeAPI

extension JSONWriter {
    /// Writes `value` with each object's keys sorted, so equal values always serialise to equal bytes.
    mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .number(let number): self.number(number)
        case .string(let text): string(text)
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .object(let fields):
            beginObject()
            for key in fields.keys.sorted() {
                self.key(key)
                self.value(fields[key] ?? .null)
            }
            endObject()
        }
    }
}
