import KubeAPI
import Logging

extension JSONWriter {
    /// Writes a metadata value: nested metadata as objects with sorted keys, lists as arrays, and numbers and booleans
    /// as JSON numbers and booleans, so a log query can compare them.
    mutating func value(_ value: Logger.MetadataValue) {
        switch value {
        case .string(let text):
            string(text)
        case .stringConvertible(let convertible):
            scalar(convertible)
        case .array(let values): array(values) { $0.value($1) }
        case .dictionary(let metadata): object(metadata.sorted { $0.key < $1.key }) { $0.value($1) }
        }
    }

    private mutating func scalar(_ value: any CustomStringConvertible & Sendable) {
        switch value {
        case let flag as Bool: bool(flag)
        case let number as any BinaryInteger: self.number(number)
        case let number as Double where number.isFinite: self.number(number)
        case let number as Float where number.isFinite: self.number(Double(number))
        default: string(value.description)
        }
    }
}
