import Foundation

/// A ULID: sortable by time, unique without coordination; identifies one kill in reports, Events and logs.
public struct KillID: Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    public init(rawValue: String) { self.rawValue = rawValue }

    public init<G: RandomNumberGenerator>(time: Date, using generator: inout G) {
        let millis = UInt64(max(0, time.timeIntervalSince1970 * 1000))
        var characters: [Character] = []
        for shift in stride(from: 45, through: 0, by: -5) {
            characters.append(Self.alphabet[Int((millis >> UInt64(shift)) & 0x1F)])
        }
        for _ in 0..<16 { characters.append(Self.alphabet[Int(generator.next() & 0x1F)]) }
        rawValue = String(characters)
    }

    public init(time: Date = Date()) {
        var generator = SystemRandomNumberGenerator()
        self.init(time: time, using: &generator)
    }

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
