import Foundation

/// Just enough DER to write the few structures swift-certificates does not expose: SEC1 EC keys and
/// subjectAltName with IP addresses.
enum DEREncoder {
    static func element(tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        [tag] + length(content.count) + content
    }

    static func sequence(_ children: [[UInt8]]) -> [UInt8] {
        element(tag: 0x30, children.flatMap { $0 })
    }

    private static func length(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var remaining = count
        while remaining > 0 {
            bytes.insert(UInt8(remaining & 0xFF), at: 0)
            remaining >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    static func pem(label: String, der: [UInt8]) -> String {
        let base64 = [UInt8](der).base64Lines()
        return "-----BEGIN \(label)-----\n\(base64)-----END \(label)-----\n"
    }
}

extension Array where Element == UInt8 {
    fileprivate func base64Lines() -> String {
        let encoded = Data(self).base64EncodedString()
        var out = ""
        var line = ""
        for character in encoded {
            line.append(character)
            if line.count == 64 {
                out += line + "\n"
                line = ""
            }
        }
        if !line.isEmpty { out += line + "\n" }
        return out
    }
}
