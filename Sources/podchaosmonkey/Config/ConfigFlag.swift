/// `--config FILE` on a command line, which every command that takes options accepts.
enum ConfigFlag {
    static let name = "--config"

    /// Removes `--config FILE` / `--config=FILE` (the last one wins, as for any option) and returns FILE.
    static func extract(from arguments: inout [String]) -> String? {
        var path: String?
        var kept: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                kept += arguments[index...]
                break
            }
            if argument == name, index + 1 < arguments.count {
                path = arguments[index + 1]
                index += 2
                continue
            }
            if argument.hasPrefix(name + "=") {
                path = String(argument.dropFirst(name.count + 1))
            } else {
                kept.append(argument)
            }
            index += 1
        }
        arguments = kept
        return path
    }
}
