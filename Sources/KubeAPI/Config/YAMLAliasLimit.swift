import CYaml

/// The bound on what a YAML document's aliases may expand to, checked before the document is composed.
///
/// An alias stands for the whole node it names, so a few hundred bytes of nested aliases ("billion laughs") stand for
/// billions of nodes. Yams composes an alias as a shared copy, but hashing a mapping key, and every walk of the tree,
/// visits the node as often as it is named. Counting each alias as the size of its node, on the parser's events and
/// before anything is built, refuses such a document in time proportional to its length. The kubeconfig loader and the
/// config-file reader share this check and its limit.
public enum YAMLAliasLimit {
    /// Nodes a document may hold with its aliases expanded: far more than any kubeconfig or config file holds (a
    /// 1 MiB file of one-character list items holds about 500,000), and little enough to walk in well under a second.
    public static let maxExpandedNodes = 1_000_000

    /// Where a document's expanded size first passed `maxExpandedNodes`.
    public struct Exceeded: Error, Sendable, Equatable, CustomStringConvertible {
        /// 1-based line and column of the alias that passed the limit.
        public let line: Int
        public let column: Int

        public var description: String { "its aliases expand to more than \(YAMLAliasLimit.maxExpandedNodes) nodes" }
    }

    /// Throws `Exceeded` when `text`'s aliases expand past the limit. A syntax error ends the check quietly: the YAML
    /// parser reports it, with its position, when the document is composed.
    public static func check(_ text: String) throws(Exceeded) {
        var bytes = Array(text.utf8)
        if let exceeded = bytes.withUnsafeMutableBufferPointer({ firstExcess(in: UnsafeBufferPointer($0)) }) { throw exceeded }
    }

    private static func firstExcess(in buffer: UnsafeBufferPointer<UInt8>) -> Exceeded? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        var count = ExpandedCount()
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT: return nil
            case YAML_DOCUMENT_START_EVENT: count.startDocument()
            case YAML_SCALAR_EVENT: count.add(1, anchor: name(event.data.scalar.anchor))
            case YAML_ALIAS_EVENT: count.addAlias(name(event.data.alias.anchor))
            case YAML_SEQUENCE_START_EVENT: count.open(anchor: name(event.data.sequence_start.anchor))
            case YAML_MAPPING_START_EVENT: count.open(anchor: name(event.data.mapping_start.anchor))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT: count.close()
            default: continue
            }
            if count.total > maxExpandedNodes {
                return Exceeded(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            }
        }
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: $0) }
    }

    /// The nodes of a document with aliases expanded, and the expanded size of each anchored node.
    private struct ExpandedCount {
        private(set) var total = 0
        private var anchored: [String: Int] = [:]
        /// The collections being read, innermost last: their anchor and their expanded size so far.
        private var open: [(anchor: String?, size: Int)] = []

        /// Anchors belong to one document.
        mutating func startDocument() {
            anchored = [:]
            open = []
        }

        mutating func add(_ size: Int, anchor: String?) {
            total += size
            if let anchor { anchored[anchor] = size }
            if !open.isEmpty { open[open.count - 1].size += size }
        }

        /// An alias counts as its node; an undefined one is the parser's error to report.
        mutating func addAlias(_ anchor: String?) {
            add(anchor.flatMap { anchored[$0] } ?? 1, anchor: nil)
        }

        mutating func open(anchor: String?) {
            total += 1
            open.append((anchor, 1))
        }

        mutating func close() {
            guard let closed = open.popLast() else { return }
            if let anchor = closed.anchor { anchored[anchor] = closed.size }
            if !open.isEmpty { open[open.count - 1].size += closed.size }
        }
    }
}
