import KubeAPI

extension JSONWriter {
    /// Writes `value` with each object's keys sorted, so equal values always serialise to equal bytes.
    mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .number(let number): self.number(number)
        case .string(let text): string(text)
        case .array(let items): array(items) { $0.value($1) }
        case .object(let fields): object(fields.sorted { $0.key < $1.key }) { $0.value($1) }
        }
    }
}
