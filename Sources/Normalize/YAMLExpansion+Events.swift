import CLibYAML

extension YAMLExpansion {
    /// Where a YAML text passes `limit` nodes once its aliases are expanded, measured on libyaml's
    /// events before any tree is built (building one hashes mapping keys, and a key that is an alias
    /// of a huge node costs as much as expanding it); nil when it stays within the limit or is not
    /// valid YAML (the parser that follows reports that).
    ///
    /// Each anchor's expanded size is remembered; an alias adds that size to its parent. The count is
    /// capped, so the check takes time linear in the text whatever the aliases say.
    public static func exceeding(text: String, limit: Int = defaultLimit) -> (line: Int, column: Int)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> (line: Int, column: Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var anchors: [String: Int] = [:]
            // Open collections: their node count so far and their anchor.
            var open: [(count: Int, anchor: String?)] = [(0, nil)]
            // Every node seen so far, expanded; each anchor's size is at most this, so nothing overflows.
            var total = 0
            func add(_ size: Int) -> Bool {
                open[open.count - 1].count += size
                total += size
                return total > limit
            }
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let mark = (line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                func name(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                    p.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
                }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    if let a = name(event.data.scalar.anchor) { anchors[a] = 1 }
                    if add(1) { return mark }
                case YAML_ALIAS_EVENT:
                    let size = name(event.data.alias.anchor).flatMap { anchors[$0] } ?? 1
                    if add(size) { return mark }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let anchor =
                        event.type == YAML_SEQUENCE_START_EVENT
                        ? name(event.data.sequence_start.anchor) : name(event.data.mapping_start.anchor)
                    open.append((0, anchor))
                    if add(1) { return mark }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard open.count > 1 else { return nil }
                    let closed = open.removeLast()
                    if let a = closed.anchor { anchors[a] = closed.count }
                    open[open.count - 1].count += closed.count  // already in the total
                default:
                    break
                }
            }
        }
    }
}
