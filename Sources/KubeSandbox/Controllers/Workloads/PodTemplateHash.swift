/// The `pod-template-hash` a Deployment gives its ReplicaSets: the real controller hashes the template with
/// 32-bit FNV-1a and writes the number through `rand.SafeEncodeString`, giving up to 10 characters from an
/// alphabet without vowels. The sandbox hashes the template's canonical JSON, so equal templates share a hash.
enum PodTemplateHash {
    private static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    static func of(_ template: JSONValue, collisionCount: Int = 0) -> String {
        var hash: UInt32 = 2_166_136_261
        var bytes = Array(template.data())
        if collisionCount > 0 { bytes += Array(String(collisionCount).utf8) }
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return String(String(hash).utf8.map { alphabet[Int($0) % alphabet.count] })
    }
}
