extension KeyedDecodingContainer {
    /// Decodes an integer field, saying which field holds a fraction: Foundation's decoder reports `1.5` for an
    /// `Int` without naming the field.
    func decodeWholeNumber(forKey key: Key) throws -> Int {
        let number = try decode(Double.self, forKey: key)
        guard number.rounded() == number, abs(number) < 1e15 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "must be a whole number, not \(number)")
        }
        return Int(number)
    }

    func decodeWholeNumberIfPresent(forKey key: Key) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeWholeNumber(forKey: key)
    }
}
