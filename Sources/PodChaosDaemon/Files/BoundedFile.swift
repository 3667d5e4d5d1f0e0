import Foundation

/// A small text file the tool reads on a user's say-so (a config file, a webhook secret or template), read only up
/// to a size limit, so that a wrong path (a disk image, /dev/zero) is refused at once rather than read into memory.
public enum BoundedFile {
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        private enum Code: Sendable, Hashable {
            case missing
            case directory
            case unreadable
            case tooLarge(limit: Int)
            case notUTF8
        }

        private let code: Code

        private init(_ code: Code) { self.code = code }

        /// Why, without the path (callers name the file their own way).
        public var description: String {
            switch code {
            case .missing: "no such file"
            case .directory: "is a directory"
            case .unreadable: "permission denied or unreadable"
            case .tooLarge(let limit): "larger than \(BoundedFile.describe(limit)), the most this file may hold"
            case .notUTF8: "not UTF-8 text"
            }
        }

        static let missing = Failure(.missing)
        static let directory = Failure(.directory)
        static let unreadable = Failure(.unreadable)
        static let notUTF8 = Failure(.notUTF8)
        static func tooLarge(limit: Int) -> Failure { Failure(.tooLarge(limit: limit)) }
    }

    /// Config files and webhook templates.
    public static let documentLimit = 1 << 20
    /// Files holding one secret (a webhook URL).
    public static let secretLimit = 64 << 10

    /// The text of the file at `path`, reading at most `limit + 1` bytes.
    public static func read(_ path: String, limit: Int) throws(Failure) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .missing }
        if isDirectory.boolValue { throw .directory }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw .unreadable
        }
        guard data.count <= limit else { throw .tooLarge(limit: limit) }
        guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8 }
        return text
    }

    /// `1 MiB`, `64 KiB`, `512 bytes`.
    static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
