/// The validation the real server runs that clients notice: names, and pods needing containers.
enum ObjectValidation {
    static let subdomainExplanation =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end "
        + "with an alphanumeric character (e.g. 'example.com', regex used for validation is "
        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    static let labelExplanation =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an "
        + "alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

    static func causes(for object: JSONValue, of type: ResourceType) -> [InvalidCause] {
        var causes: [InvalidCause] = []
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        if name.isEmpty {
            causes.append(.required("metadata.name"))
        } else if type.allowsPathSegmentName {
            if let problem = pathSegmentProblem(name) { causes.append(.invalidValue("metadata.name", value: name, problem)) }
        } else if type.requiresLabelName ? !isLabel(name) : !isSubdomain(name) {
            causes.append(
                .invalidValue("metadata.name", value: name, type.requiresLabelName ? labelExplanation : subdomainExplanation))
        }
        if type.descriptor.resource == "pods" {
            let containers = object[path: ["spec", "containers"]]?.arrayValue ?? []
            if containers.isEmpty { causes.append(.required("spec.containers")) }
            for (index, container) in containers.enumerated() {
                if (container["name"]?.stringValue ?? "").isEmpty { causes.append(.required("spec.containers[\(index)].name")) }
                if (container["image"]?.stringValue ?? "").isEmpty { causes.append(.required("spec.containers[\(index)].image")) }
            }
        }
        return causes
    }

    /// The real server's path-segment rule, with its messages: any name but `.` and `..`, without `/` or `%`.
    static func pathSegmentProblem(_ name: String) -> String? {
        if name == "." || name == ".." { return "may not be '\(name)'" }
        for forbidden in ["/", "%"] where name.contains(forbidden) { return "may not contain '\(forbidden)'" }
        return nil
    }

    static func isLabel(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 63 else { return false }
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    static func isSubdomain(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isLabel(String($0)) }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
