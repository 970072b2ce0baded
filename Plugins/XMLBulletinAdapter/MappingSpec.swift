import IndicatorKit

/// Where the `mapping` profile finds records and their fields in an XML bulletin.
///
/// - `record`: the record element's path from the root, `/bulletin/item` (steps match local
///   names, or prefixed names when the step has a prefix; `*` matches any element), or `//item`
///   for an `item` anywhere.
/// - each field (`subject`, `indicator`, `period`, `value`, `unit`, `region`, `kind`):
///   `@name` (an attribute of the record element), `child` or `child/sub` (a descendant's text),
///   `child/@name` (a descendant's attribute), `.` (the record's own text), `/bulletin/@year`
///   (an attribute of an enclosing element) or `=text` (a constant).
struct MappingSpec: Sendable, Hashable {
    /// One field's source.
    enum Source: Sendable, Hashable {
        case attribute(String)
        case childText([String])
        case childAttribute([String], String)
        case ownText
        case ancestorAttribute([String], String)
        case constant(String)
    }

    static let fieldNames = ["subject", "indicator", "period", "value", "unit", "region", "kind"]

    var recordSteps: [String]
    var recordAnywhere: Bool
    var fields: [String: Source]

    init(options: AdapterOptions) throws {
        guard let record = try options.string("record"), !record.isEmpty else {
            throw AdapterError(
                .missingOption,
                "profile mapping needs option record: the record element's path, e.g. record: /bulletin/item")
        }
        if record.hasPrefix("//") {
            recordAnywhere = true
            recordSteps = record.dropFirst(2).split(separator: "/").map(String.init)
        } else {
            guard record.hasPrefix("/") else {
                throw AdapterError(
                    .invalidOption,
                    "option record is '\(record)'; write the path from the root, e.g. /bulletin/item, or //item")
            }
            recordAnywhere = false
            recordSteps = record.dropFirst().split(separator: "/").map(String.init)
        }
        guard !recordSteps.isEmpty, !recordSteps.contains(where: { $0.hasPrefix("@") }) else {
            throw AdapterError(
                .invalidOption, "option record is '\(record)'; it must name an element, e.g. /bulletin/item")
        }
        var fields: [String: Source] = [:]
        for key in Self.fieldNames {
            guard let text = try options.string(key) else { continue }
            fields[key] = try Self.source(text, key: key, recordSteps: recordSteps, anywhere: recordAnywhere)
        }
        guard fields["value"] != nil else {
            throw AdapterError(.missingOption, "profile mapping needs option value, e.g. value: value or value: @value")
        }
        guard fields["subject"] != nil || fields["indicator"] != nil else {
            throw AdapterError(
                .missingOption, "profile mapping needs option subject, e.g. subject: @name or subject: name")
        }
        self.fields = fields
    }

    static func source(_ text: String, key: String, recordSteps: [String], anywhere: Bool) throws -> Source {
        if text.hasPrefix("=") { return .constant(String(text.dropFirst())) }
        if text == "." { return .ownText }
        if text.hasPrefix("@") {
            let name = String(text.dropFirst())
            guard !name.isEmpty else {
                throw AdapterError(.invalidOption, "option \(key) is '@'; name the attribute: @name")
            }
            return .attribute(name)
        }
        var steps = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if text.hasPrefix("/") { steps.removeFirst() }
        var attribute: String?
        if let last = steps.last, last.hasPrefix("@") {
            attribute = String(last.dropFirst())
            steps.removeLast()
        }
        if text.hasPrefix("/") {
            guard let attribute, !anywhere, steps.count < recordSteps.count,
                zip(steps, recordSteps).allSatisfy({ $0 == $1 || $1 == "*" })
            else {
                throw AdapterError(
                    .invalidOption,
                    "option \(key) is '\(text)'; an absolute path must name an attribute of an element that encloses the record (e.g. /bulletin/@year)"
                )
            }
            return .ancestorAttribute(steps, attribute)
        }
        guard !steps.isEmpty, !steps.contains(where: { $0.isEmpty || $0.hasPrefix("@") }) else {
            throw AdapterError(
                .invalidOption,
                "option \(key) is '\(text)'; use @attribute, child, child/@attribute, ., /root/@attribute or =constant")
        }
        if let attribute { return .childAttribute(steps, attribute) }
        return .childText(steps)
    }
}
