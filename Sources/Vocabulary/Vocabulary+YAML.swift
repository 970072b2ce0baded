import Foundation
import IndicatorKit
import Yams

extension Vocabulary {
    /// The top-level sections of a vocabulary file.
    static let sections = ["units", "multipliers", "unit-codes", "comparators", "cues", "folding"]

    /// Parses a vocabulary file's text (`file` names it in errors as `FILE:LINE:COLUMN`).
    ///
    /// Every section is optional, so a file may add a single unit. Unknown keys, missing keys,
    /// values of the wrong type and a word given twice in one section are errors that say how to
    /// fix them.
    public static func parse(yaml text: String, file: String) throws -> Vocabulary {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw VocabularyError(.malformed, yamlProblem(error, file: file))
        } catch {
            throw VocabularyError(
                .malformed, "\(file): not valid YAML (\(error)); fix the indentation or quoting there")
        }
        guard let root else { return Vocabulary() }
        guard let top = root.mapping else {
            throw VocabularyError(
                .malformed,
                "\(file):\(place(root)): expected a mapping of sections (\(sections.joined(separator: ", ")))")
        }
        var vocabulary = Vocabulary()
        for (key, value) in top {
            let name = key.string ?? ""
            switch name {
            case "units": vocabulary.units = try units(value, file: file)
            case "multipliers": vocabulary.multipliers = try multipliers(value, file: file)
            case "unit-codes": vocabulary.unitCodes = try unitCodes(value, file: file)
            case "comparators": vocabulary.comparators = try comparators(value, file: file)
            case "cues": vocabulary.cues = try cues(value, file: file)
            case "folding": vocabulary.folding = try folding(value, file: file)
            default:
                throw unknownKey(name, at: key, in: "a vocabulary file", keys: sections, file: file)
            }
        }
        return vocabulary
    }

    /// Reads a list of unit entries (`- { unit: 千瓦时, dimension: energy }`), as the `units:`
    /// section of catalog/units.yaml or of a pipeline's catalog file.
    public static func units(_ node: Node, file: String) throws -> [UnitWord] {
        let keys = ["unit", "dimension", "factor", "read", "in-text"]
        var seen: [String: String] = [:]
        return try entries(node, section: "units", example: "- { unit: 千瓦时, dimension: energy }", file: file)
            .map { map, at in
                try checkKeys(map, keys, in: "a unit entry", file: file)
                let unit = try requiredString(map, "unit", at: at, in: "a unit entry", file: file)
                let dimension = try requiredString(map, "dimension", at: at, in: "unit '\(unit)'", file: file)
                guard dimension.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
                    throw VocabularyError(
                        .invalidValue,
                        "\(file):\(place(map["dimension"]!)): dimension '\(dimension)' of unit '\(unit)' must be "
                            + "lower-case letters, digits and '-' (money, mass, energy, count …)")
                }
                let factor = try map["factor"].map { try decimal($0, key: "factor", of: unit, file: file) } ?? 1
                var reading: UnitWord.Reading?
                if let node = map["read"] {
                    guard let r = node.string.flatMap(UnitWord.Reading.init(rawValue:)) else {
                        throw VocabularyError(
                            .invalidValue,
                            "\(file):\(place(node)): read '\(node.string ?? "?")' of unit '\(unit)' is not one of "
                                + UnitWord.Reading.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    reading = r
                }
                let inText = try map["in-text"].map { try bool($0, key: "in-text", of: unit, file: file) } ?? true
                if let earlier = seen[unit] {
                    throw VocabularyError(
                        .duplicate,
                        "\(file):\(place(at)): unit '\(unit)' is already given at \(earlier); keep one of the two")
                }
                seen[unit] = "line \(at.mark?.line ?? 0)"
                return UnitWord(
                    unit: unit, dimension: dimension, factor: factor, reading: reading, inText: inText,
                    location: "\(file):\(place(at))")
            }
    }

    static func multipliers(_ node: Node, file: String) throws -> [MultiplierWord] {
        let keys = ["word", "factor", "alone", "in-text"]
        var seen = Set<String>()
        return try entries(node, section: "multipliers", example: "- { word: 万, factor: 10000 }", file: file)
            .map { map, at in
                try checkKeys(map, keys, in: "a multiplier entry", file: file)
                let word = try requiredString(map, "word", at: at, in: "a multiplier entry", file: file)
                guard let factorNode = map["factor"] else {
                    throw VocabularyError(
                        .missingKey,
                        "\(file):\(place(at)): multiplier '\(word)' has no 'factor'; add one (factor: 10000)")
                }
                let factor = try decimal(factorNode, key: "factor", of: word, file: file)
                let alone = try map["alone"].map { try bool($0, key: "alone", of: word, file: file) } ?? false
                let inText = try map["in-text"].map { try bool($0, key: "in-text", of: word, file: file) } ?? true
                guard seen.insert(word).inserted else {
                    throw VocabularyError(
                        .duplicate, "\(file):\(place(at)): multiplier '\(word)' is given twice; keep one")
                }
                return MultiplierWord(word: word, factor: factor, alone: alone, inText: inText)
            }
    }

    static func unitCodes(_ node: Node, file: String) throws -> [String: String] {
        guard let map = node.mapping else {
            throw VocabularyError(
                .invalidValue, "\(file):\(place(node)): 'unit-codes' must be a mapping of code to unit (PCT: \"%\")")
        }
        var codes: [String: String] = [:]
        for (key, value) in map {
            guard let code = key.string, !code.isEmpty, let unit = value.scalar?.string else {
                throw VocabularyError(
                    .invalidValue, "\(file):\(place(key)): a unit code maps a code to one unit (PCT: \"%\")")
            }
            codes[code.uppercased()] = unit
        }
        return codes
    }

    static func comparators(_ node: Node, file: String) throws -> [ComparatorWord] {
        let keys = ["word", "means", "position", "in-text"]
        let codes = [">=", ">", "<=", "<", "~", "="]
        var seen: Set<String> = []
        return try entries(
            node, section: "comparators", example: "- { word: 确保达到, means: \">=\", position: before }", file: file
        ).map { map, at in
            try checkKeys(map, keys, in: "a comparator entry", file: file)
            let word = try requiredString(map, "word", at: at, in: "a comparator entry", file: file)
            let means = try requiredString(map, "means", at: at, in: "comparator '\(word)'", file: file)
            guard codes.contains(means), let comparator = TargetComparator(rawValue: means) else {
                throw VocabularyError(
                    .invalidValue,
                    "\(file):\(place(map["means"]!)): means '\(means)' of comparator '\(word)' is not one of "
                        + codes.joined(separator: ", "))
            }
            let positionText = try requiredString(map, "position", at: at, in: "comparator '\(word)'", file: file)
            guard let position = ComparatorWord.Position(rawValue: positionText) else {
                throw VocabularyError(
                    .invalidValue,
                    "\(file):\(place(map["position"]!)): position '\(positionText)' of comparator '\(word)' is not "
                        + "before (不低于95%) or after (95%以上)")
            }
            let inText = try map["in-text"].map { try bool($0, key: "in-text", of: word, file: file) } ?? true
            guard seen.insert("\(positionText) \(word)").inserted else {
                throw VocabularyError(
                    .duplicate, "\(file):\(place(at)): comparator '\(word)' (\(positionText)) is given twice; keep one")
            }
            return ComparatorWord(word: word, comparator: comparator, position: position, inText: inText)
        }
    }

    static func cues(_ node: Node, file: String) throws -> [String: [String]] {
        guard let map = node.mapping else {
            throw VocabularyError(
                .invalidValue, "\(file):\(place(node)): 'cues' must be a mapping of list name to words (growth: [增长])")
        }
        var cues: [String: [String]] = [:]
        for (key, value) in map {
            let name = key.string ?? ""
            guard let list = value.sequence else {
                throw VocabularyError(
                    .invalidValue, "\(file):\(place(value)): cue list '\(name)' must be a list of words ([增长, 提高])")
            }
            cues[name] = try list.map { item in
                guard let w = item.scalar?.string, !w.isEmpty else {
                    throw VocabularyError(
                        .invalidValue, "\(file):\(place(item)): a word of cue list '\(name)' must be a non-empty string"
                    )
                }
                return w
            }
        }
        return cues
    }

    static func folding(_ node: Node, file: String) throws -> [(
        traditional: Unicode.Scalar, simplified: Unicode.Scalar
    )] {
        guard let text = node.scalar?.string else {
            throw VocabularyError(
                .invalidValue,
                "\(file):\(place(node)): 'folding' must be text of two-character pairs (國国 內内), separated by spaces")
        }
        var pairs: [(traditional: Unicode.Scalar, simplified: Unicode.Scalar)] = []
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let s = Array(token.unicodeScalars)
            guard s.count == 2, s[0] != s[1] else {
                throw VocabularyError(
                    .invalidValue,
                    "\(file):\(place(node)): folding pair '\(token)' is not a traditional character followed by a "
                        + "different simplified one (國国)")
            }
            pairs.append((s[0], s[1]))
        }
        return pairs
    }

    // MARK: - Helpers

    static func entries(_ node: Node, section: String, example: String, file: String) throws -> [(Node.Mapping, Node)] {
        guard let list = node.sequence else {
            throw VocabularyError(.invalidValue, "\(file):\(place(node)): '\(section)' must be a list (\(example))")
        }
        return try list.map { item in
            guard let map = item.mapping else {
                throw VocabularyError(
                    .invalidValue, "\(file):\(place(item)): an entry of '\(section)' must be a mapping (\(example))")
            }
            return (map, item)
        }
    }

    static func checkKeys(_ map: Node.Mapping, _ keys: [String], in what: String, file: String) throws {
        for (key, _) in map where !keys.contains(key.string ?? "") {
            throw unknownKey(key.string ?? "", at: key, in: what, keys: keys, file: file)
        }
    }

    static func unknownKey(_ name: String, at key: Node, in what: String, keys: [String], file: String)
        -> VocabularyError
    {
        var message = "\(file):\(place(key)): unknown key '\(name)' in \(what)"
        if let guess = Spelling.closest(to: name, among: keys) {
            message += " (did you mean '\(guess)'?)"
        } else {
            message += "; keys are \(keys.joined(separator: ", "))"
        }
        return VocabularyError(.unknownKey, message)
    }

    static func requiredString(_ map: Node.Mapping, _ key: String, at: Node, in what: String, file: String) throws
        -> String
    {
        guard let node = map[key] else {
            throw VocabularyError(.missingKey, "\(file):\(place(at)): \(what) has no '\(key)'; add one")
        }
        guard let s = node.scalar?.string, !s.isEmpty else {
            throw VocabularyError(
                .invalidValue, "\(file):\(place(node)): '\(key)' of \(what) must be a non-empty string")
        }
        return s
    }

    static func decimal(_ node: Node, key: String, of word: String, file: String) throws -> Decimal {
        guard let s = node.scalar?.string, let d = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX")),
            d > 0, s.allSatisfy({ $0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "-" || $0 == "+" })
        else {
            throw VocabularyError(
                .invalidValue,
                "\(file):\(place(node)): \(key) '\(node.scalar?.string ?? "?")' of '\(word)' must be a positive number "
                    + "(10000, 0.001)")
        }
        return d
    }

    static func bool(_ node: Node, key: String, of word: String, file: String) throws -> Bool {
        switch node.scalar?.string {
        case "true": return true
        case "false": return false
        default:
            throw VocabularyError(
                .invalidValue,
                "\(file):\(place(node)): \(key) '\(node.scalar?.string ?? "?")' of '\(word)' must be true or false")
        }
    }

    static func place(_ node: Node) -> String {
        node.mark.map { "\($0.line):\($0.column)" } ?? "?"
    }

    /// `FILE:LINE:COLUMN: not valid YAML (problem)` from a Yams error; the catalog reader says the same.
    package static func yamlProblem(_ error: YamlError, file: String) -> String {
        let fix = "; fix the indentation or quoting there"
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return "\(file):\(mark.line):\(mark.column): not valid YAML (\(problem))" + fix
        default:
            return "\(file): not valid YAML (\(error))" + fix
        }
    }
}
