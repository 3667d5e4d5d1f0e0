import NIOSSL

/// PEM bytes from a kubeconfig, with where they came from so a parse failure names the file and field.
struct PEMMaterial {
    var bytes: [UInt8]
    var kubeconfig: String
    /// e.g. `users[alice].client-key` or `users[alice].client-key-data`.
    var field: String
    /// The referenced file, when the PEM came from one.
    var sourceFile: String?

    /// kubectl rejects setting both the file and the inline `-data` form of the same thing.
    static func pick(file: String?, data: [UInt8]?, fileField: String, owner: String, kubeconfig: String) throws -> PEMMaterial? {
        let file = file.flatMap { $0.isEmpty ? nil : $0 }
        let data = data.flatMap { $0.isEmpty ? nil : $0 }
        switch (file, data) {
        case (.some, .some):
            throw ConfigError.invalidField(
                kubeconfig, field: owner, problem: "sets both \(fileField) and \(fileField)-data; keep one")
        case (nil, let data?):
            return PEMMaterial(bytes: data, kubeconfig: kubeconfig, field: "\(owner).\(fileField)-data")
        case (let path?, nil):
            switch ConfigFiles.read(path) {
            case .success(let bytes):
                return PEMMaterial(bytes: bytes, kubeconfig: kubeconfig, field: "\(owner).\(fileField)", sourceFile: path)
            case .failure(let problem):
                throw ConfigError.invalidField(kubeconfig, field: "\(owner).\(fileField)", problem: "\(path) \(problem)")
            }
        case (nil, nil):
            return nil
        }
    }

    /// At least one PEM certificate (a CA bundle may hold several).
    static func validateCertificate(_ material: PEMMaterial) throws {
        let certificates = try? NIOSSLCertificate.fromPEMBytes(material.bytes)
        if certificates?.isEmpty ?? true { throw material.invalid("is not a PEM certificate") }
    }

    /// RSA or EC keys in PKCS#1, PKCS#8 or SEC1 PEM; parsed when the config loads, so a bad key is a config error rather
    /// than a TLS failure.
    static func validateKey(_ material: PEMMaterial) throws {
        do {
            _ = try NIOSSLPrivateKey(bytes: material.bytes, format: .pem)
        } catch {
            throw material.invalid("is not a PEM private key")
        }
    }

    private func invalid(_ problem: String) -> ConfigError {
        ConfigError.invalidField(kubeconfig, field: field, problem: sourceFile.map { "\($0) \(problem)" } ?? problem)
    }
}
