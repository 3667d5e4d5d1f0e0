/// One named option of a command as the argument parser declares it, which is what a config key, an environment
/// variable and a command-line flag all name.
struct OptionSpec: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// A Bool flag: present or not.
        case flag
        /// A flag counted by repetition (`-vvv`).
        case counter
        /// An option taking one value.
        case option
        /// An option that may be given several times.
        case repeatable
    }

    /// The long name without dashes: the config key (`max-kills`).
    let name: String
    let kind: Kind
    let shortNames: [Character]
    /// The long name that turns a flag off (`no-leader-elect` for `--leader-elect`), when the parser declares an inversion.
    let inverse: String?
    /// The parser's default, as it shows it in help (`1`, `evict`, `--leader-elect`); nil when there is none.
    let defaultValue: String?
    /// The values an enumerated option accepts.
    let allValues: [String]

    init(
        name: String, kind: Kind, shortNames: [Character] = [], inverse: String? = nil, defaultValue: String? = nil,
        allValues: [String] = []
    ) {
        self.name = name
        self.kind = kind
        self.shortNames = shortNames
        self.inverse = inverse
        self.defaultValue = defaultValue
        self.allValues = allValues
    }

    /// Repeatable options whose values can never contain a comma (namespace names are DNS labels), so the command also
    /// takes them comma-separated: a list from a file or a variable is then one argument, which the argument parser reads
    /// in time linear in its length, where it rescans its arguments for each repetition of an option.
    static let commaSeparated: Set<String> = ["namespace", "protect-namespace", "unprotect-namespace"]

    /// Whether a list of values may be given as one comma-separated argument.
    var takesCommaSeparatedList: Bool { kind == .repeatable && Self.commaSeparated.contains(name) }

    /// What every option's environment variable starts with.
    static let environmentPrefix = "PODCHAOSMONKEY_"

    /// `PODCHAOSMONKEY_MAX_KILLS` for `max-kills`.
    var environmentVariable: String { Self.environmentPrefix + name.uppercased().replacingOccurrences(of: "-", with: "_") }

    /// `--name=value`, which keeps a value starting with a dash a value; the parser reads `--name=` as a missing
    /// value, so an empty one is a separate argument.
    func arguments(_ value: String) -> [String] { value.isEmpty ? ["--" + name, ""] : ["--\(name)=\(value)"] }

    /// The value a command starts from when nothing sets this option.
    var defaultSetting: SettingValue {
        switch kind {
        case .flag: return .flag(defaultValue == "--" + name)
        case .counter: return .count(0)
        case .option: return defaultValue.map(SettingValue.single) ?? .unset
        case .repeatable:
            guard let defaultValue, !defaultValue.isEmpty, defaultValue != "[]" else { return .list([]) }
            return .list([defaultValue])
        }
    }
}
