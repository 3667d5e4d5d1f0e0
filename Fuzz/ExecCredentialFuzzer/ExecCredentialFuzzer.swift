import Foundation
import FuzzSupport

/// An exec credential plugin's stdout from any bytes. Reading it never traps; what it refuses it says in one line,
/// and never with the token, key or certificate the output holds.
@main
enum ExecCredentialFuzzer {
    static let command = "fuzz-plugin"
    static let apiVersion = "client.authentication.k8s.io/v1"

    static func main() { LibFuzzer.run(testOneInput) }

    static func check(_ stdout: [UInt8]) {
        do {
            _ = try ExecCredential(parsing: stdout, command: command, apiVersion: apiVersion)
        } catch {
            let message = "\(error)"
            // What the error says of its own (the command, the apiVersion asked for) is not the plugin's output.
            let quoted = message.replacingOccurrences(of: command, with: "").replacingOccurrences(of: apiVersion, with: "")
            precondition(!message.contains("\n"), "an error of more than one line: \(message)")
            // A secret also written in a field the error may quote (apiVersion, kind, the timestamp) is not judged.
            let text = String(decoding: stdout, as: UTF8.self)
            for secret in secrets(in: stdout) where secret.count >= 6 && text.components(separatedBy: secret).count == 2 {
                precondition(!quoted.contains(secret), "the error echoes a secret: \(message)")
            }
        }
    }

    /// The status fields that hold the credential, as JSONSerialization reads them.
    static func secrets(in stdout: [UInt8]) -> [String] {
        let object = try? JSONSerialization.jsonObject(with: Data(stdout)) as? [String: Any]
        let status = object?["status"] as? [String: Any] ?? [:]
        return ["token", "clientCertificateData", "clientKeyData"].compactMap { status[$0] as? String }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    ExecCredentialFuzzer.check(Array(LibFuzzer.bytes(data, size)))
    return 0
}
