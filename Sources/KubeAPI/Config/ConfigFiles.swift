import Foundation

/// File access for configuration loading, with errors that say which file and why.
enum ConfigFiles {
    static func exists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The file's bytes, or a one-line reason it cannot be used, e.g. `does not exist`.
    static func read(_ path: String) -> Result<[UInt8], FileProblem> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .failure(.missing) }
        if isDirectory.boolValue { return .failure(.directory) }
        guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
            return .failure(.unreadable)
        }
        return .success([UInt8](data))
    }

    enum FileProblem: Error, CustomStringConvertible {
        case missing
        case directory
        case unreadable

        var description: String {
            switch self {
            case .missing: return "does not exist"
            case .directory: return "is a directory"
            case .unreadable: return "is not readable"
            }
        }
    }

    /// `path` made absolute against `directory` (the directory of the file that named it), as kubectl resolves paths.
    static func resolve(_ path: String, against directory: String) -> String {
        if path.hasPrefix("/") { return path }
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path
    }

    static func directory(of file: String) -> String {
        let absolute = resolve(file, against: FileManager.default.currentDirectoryPath)
        return URL(fileURLWithPath: absolute).deletingLastPathComponent().path
    }
}
