import Foundation

/// Adjusts the command line before parsing: a bare `--dry-run` means `--dry-run=client` (as in kubectl), a bare
/// `--leader-elect` means `--leader-elect=true`, and every
/// option can come from the environment as `PODCHAOSMONKEY_<FLAG>` (`--max-kills` ← `PODCHAOSMONKEY_MAX_KILLS`).
/// Flags on the command line win over the environment.
enum ArgumentPreprocessor {
    static func prepare(_ arguments: [String], environment: [String: String]) -> [String] {
        var out: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let bare = index + 1 >= arguments.count || arguments[index + 1].hasPrefix("-")
            if argument == "--dry-run", bare {
                out.append("--dry-run=client")
            } else if argument == "--leader-elect", bare {
                // client-go's spelling is `--leader-elect=true`; a bare flag means the same.
                out.append("--leader-elect=true")
            } else {
                out.append(argument)
            }
            index += 1
        }
        return out + environmentArguments(present: out, kinds: EnvironmentFlags.kinds(for: out), environment: environment)
    }

    private static func environmentArguments(
        present: [String], kinds: [String: EnvironmentFlags.Kind], environment: [String: String]
    ) -> [String] {
        let given = Set(present.filter { $0.hasPrefix("--") }.map { String($0.split(separator: "=", maxSplits: 1)[0]) })
        var extra: [String] = []
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) where key.hasPrefix("PODCHAOSMONKEY_") {
            let flag = "--" + key.dropFirst("PODCHAOSMONKEY_".count).lowercased().replacingOccurrences(of: "_", with: "-")
            guard !given.contains(flag), flag != "--require-kubectl" else { continue }
            if let kind = kinds[flag] {
                switch kind {
                case .flag where ["1", "true", "yes"].contains(value.lowercased()):
                    extra.append(flag)
                case .flag:
                    continue
                case .option:
                    extra.append("\(flag)=\(value)")
                case .repeatable:
                    for item in value.split(separator: ",") { extra.append("\(flag)=\(item)") }
                }
            }
        }
        return extra
    }
}
