import Yams

/// A bound on YAML alias expansion.
///
/// Yams shares an anchored node wherever an alias (`*name`) repeats it, so a small file can stand for
/// an exponential tree (the "billion laughs"); whoever walks it then expands every copy. Files are
/// refused when walking them would visit more than `limit` nodes, as libyaml-based tools do; the walk
/// stops as soon as the limit is passed, so the check itself is cheap.
public enum YAMLExpansion {
    /// Nodes a pipeline or catalog file may expand to (far above any real one).
    public static let defaultLimit = 200_000

    /// nil when `root` expands to at most `limit` nodes; else the node at which the count passed the
    /// limit (an anchored node that aliases repeat).
    public static func exceeding(_ root: Node, limit: Int = defaultLimit) -> Node? {
        var count = 0
        var stack: [Node] = [root]
        while let node = stack.popLast() {
            count += 1
            if count > limit { return node }
            switch node {
            case .scalar, .alias: break
            case .sequence(let seq): stack.append(contentsOf: seq)
            case .mapping(let map):
                for (k, v) in map {
                    stack.append(k)
                    stack.append(v)
                }
            }
        }
        return nil
    }

    /// The message for a file that expands too far.
    public static func message(limit: Int = defaultLimit) -> String {
        "the YAML expands to more than \(limit) nodes through aliases (*name repeating &name); this looks like an alias bomb. Write the values out, or use fewer nested aliases"
    }
}
