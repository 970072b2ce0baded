import Foundation
import IndicatorKit
import Vocabulary
import Yams

extension Catalog {
    /// Loads catalog files in order: the shipped catalog first, then extras.
    ///
    /// A later file's entry with a code already loaded replaces the keys it gives and adds its
    /// aliases to the earlier ones; an entry with a new code is added and must give every required
    /// key (`code`, `names` with `zh-Hans`, `unit`, `kind`, `area`). Errors name the file, line and
    /// key and say how to fix them.
    public static func load(contentsOf paths: [String]) throws -> Catalog {
        try load(paths.map(CatalogText.init(contentsOf:)))
    }

    /// Loads catalog texts in order (the built-in `CatalogText.shipped` first, then files), merging
    /// entries as `load(contentsOf:)` does.
    public static func load(_ texts: [CatalogText]) throws -> Catalog {
        var entries: [String: RawEntry] = [:]
        var order: [String] = []
        var units: [UnitWord] = []
        for file in texts {
            let parsed = try parseFile(yaml: file.text, file: file.name)
            units += parsed.units
            for raw in parsed.entries {
                if var prior = entries[raw.code] {
                    prior.merge(raw)
                    entries[raw.code] = prior
                } else {
                    entries[raw.code] = raw
                    order.append(raw.code)
                }
            }
        }
        var catalog = try Catalog(indicators: order.map { try entries[$0]!.indicator() })
        if !units.isEmpty { catalog.units = UnitTable(Vocabulary.shipped.adding(Vocabulary(units: units))) }
        return catalog
    }

    /// Parses one catalog file's text (`file` names it in errors).
    public static func parse(yaml text: String, file: String) throws -> [RawEntry] {
        try parseFile(yaml: text, file: file).entries
    }

    /// The indicator entries and the `units:` section (units added to the shipped vocabulary) of
    /// one catalog file.
    static func parseFile(yaml text: String, file: String) throws -> (entries: [RawEntry], units: [UnitWord]) {
        if let at = YAMLExpansion.exceeding(text: text) {
            throw CatalogError(.malformed, "\(file):\(at.line): \(YAMLExpansion.message())")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw CatalogError(.malformed, Vocabulary.yamlProblem(error, file: file))
        } catch {
            throw CatalogError(.malformed, "\(file): not valid YAML (\(error)); fix the indentation or quoting there")
        }
        if let root, let at = YAMLExpansion.exceeding(root) {
            throw CatalogError(.malformed, "\(file):\(line(at)): \(YAMLExpansion.message())")
        }
        guard let root, let top = root.mapping else {
            throw CatalogError(.malformed, "\(file): expected a mapping with an 'indicators:' list")
        }
        for (key, _) in top where key.string != "indicators" && key.string != "units" {
            throw CatalogError(
                .unknownKey,
                "\(file):\(line(key)): unknown key '\(key.string ?? "?")'; a catalog file has the keys 'indicators' "
                    + "and 'units'")
        }
        var units: [UnitWord] = []
        if let section = top["units"] {
            do {
                units = try Vocabulary.units(section, file: file)
            } catch let error as VocabularyError {
                let code: CatalogError.Code =
                    switch error.code {
                    case .unknownKey: .unknownKey
                    case .missingKey: .missingKey
                    case .duplicate: .duplicate
                    default: .invalidValue
                    }
                throw CatalogError(code, error.message)
            }
        }
        guard let list = top["indicators"] else {
            if top["units"] != nil { return ([], units) }
            throw CatalogError(.missingKey, "\(file): no 'indicators:' list; add one")
        }
        guard let items = list.sequence else {
            throw CatalogError(
                .invalidValue, "\(file):\(line(list)): 'indicators' must be a list of entries (- code: …)")
        }
        return (try items.map { try RawEntry(node: $0, file: file) }, units)
    }

    static func line(_ node: Node) -> String {
        node.mark.map { "\($0.line):\($0.column)" } ?? "?"
    }

    /// One catalog entry as written, before required keys are checked.
    public struct RawEntry: Sendable {
        var code: String
        var location: String
        var nameHans: String?
        var nameHant: String?
        var nameEnglish: String?
        var aliases: [String] = []
        var unit: String?
        var kind: FigureKind?
        var better: Indicator.Better?
        var area: String?
        var worldBank: [Indicator.ForeignCode]?
        var sdmx: [Indicator.ForeignCode]?
        var nbs: [Indicator.ForeignCode]?

        static let keys = [
            "code", "names", "aliases", "unit", "kind", "better", "area", "worldBank", "sdmx", "nbs", "note",
        ]

        init(node: Node, file: String) throws {
            guard let map = node.mapping else {
                throw CatalogError(
                    .invalidValue,
                    "\(file):\(Catalog.line(node)): an indicator entry must be a mapping (code: …, names: …)")
            }
            let here = "\(file):\(Catalog.line(node))"
            for (key, _) in map {
                let k = key.string ?? ""
                guard RawEntry.keys.contains(k) else {
                    var message = "\(file):\(Catalog.line(key)): unknown key '\(k)' in an indicator entry"
                    if let guess = Spelling.closest(to: k, among: RawEntry.keys) {
                        message += " (did you mean '\(guess)'?)"
                    } else {
                        message += "; keys are \(RawEntry.keys.joined(separator: ", "))"
                    }
                    throw CatalogError(.unknownKey, message)
                }
            }
            func string(_ key: String) throws -> String? {
                guard let v = map[key] else { return nil }
                guard let s = v.scalar?.string, !s.isEmpty else {
                    throw CatalogError(.invalidValue, "\(file):\(Catalog.line(v)): '\(key)' must be a non-empty text")
                }
                return s
            }
            guard let code = try string("code") else {
                throw CatalogError(
                    .missingKey, "\(here): an indicator entry has no 'code'; add one (letters, digits, '_')")
            }
            guard code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw CatalogError(.invalidValue, "\(here): code '\(code)' may hold only ASCII letters, digits and '_'")
            }
            self.code = code
            self.location = here
            if let names = map["names"] {
                guard let m = names.mapping else {
                    throw CatalogError(
                        .invalidValue,
                        "\(file):\(Catalog.line(names)): 'names' must be a mapping { zh-Hans: …, zh-Hant: …, en: … }")
                }
                for (key, value) in m {
                    let s = value.scalar?.string
                    switch key.string {
                    case "zh-Hans": nameHans = s
                    case "zh-Hant": nameHant = s
                    case "en": nameEnglish = s
                    default:
                        throw CatalogError(
                            .unknownKey,
                            "\(file):\(Catalog.line(key)): unknown language '\(key.string ?? "?")' in 'names' of '\(code)'; use zh-Hans, zh-Hant or en"
                        )
                    }
                }
            }
            if let a = map["aliases"] {
                guard let seq = a.sequence else {
                    throw CatalogError(
                        .invalidValue, "\(file):\(Catalog.line(a)): 'aliases' of '\(code)' must be a list [a, b]")
                }
                aliases = seq.compactMap { $0.scalar?.string }.filter { !$0.isEmpty }
            }
            unit = try string("unit")
            if let k = try string("kind") {
                guard let kind = FigureKind(rawValue: k) else {
                    throw CatalogError(
                        .invalidValue,
                        "\(file):\(Catalog.line(map["kind"]!)): kind '\(k)' of '\(code)'; use level, growth, change or share"
                    )
                }
                self.kind = kind
            }
            if let b = try string("better") {
                guard let better = Indicator.Better(rawValue: b) else {
                    throw CatalogError(
                        .invalidValue,
                        "\(file):\(Catalog.line(map["better"]!)): better '\(b)' of '\(code)'; use higher or lower")
                }
                self.better = better
            }
            area = try string("area")
            worldBank = try map["worldBank"].map {
                try RawEntry.foreignCodes($0, key: "worldBank", code: code, file: file)
            }
            sdmx = try map["sdmx"].map { try RawEntry.foreignCodes($0, key: "sdmx", code: code, file: file) }
            nbs = try map["nbs"].map { try RawEntry.foreignCodes($0, key: "nbs", code: code, file: file) }
        }

        /// `{ CODE: kind }` or `{ CODE: "kind basis" }`, or a list of codes.
        static func foreignCodes(_ node: Node, key: String, code: String, file: String) throws -> [Indicator
            .ForeignCode]
        {
            if let seq = node.sequence {
                return seq.compactMap { $0.scalar?.string }.map { Indicator.ForeignCode(code: $0) }
            }
            guard let m = node.mapping else {
                throw CatalogError(
                    .invalidValue,
                    "\(file):\(Catalog.line(node)): '\(key)' of '\(code)' must be a mapping { CODE: kind } or a list of codes"
                )
            }
            var out: [Indicator.ForeignCode] = []
            for (k, v) in m {
                guard let c = k.string, !c.isEmpty else { continue }
                let words = (v.scalar?.string ?? "").split(separator: " ").map(String.init)
                var kind: FigureKind?
                if let w = words.first, !w.isEmpty, w != "~", w != "null" {
                    guard let kd = FigureKind(rawValue: w) else {
                        throw CatalogError(
                            .invalidValue,
                            "\(file):\(Catalog.line(v)): kind '\(w)' for code '\(c)' of '\(code)'; use level, growth, change or share, optionally followed by a basis (average, year-end)"
                        )
                    }
                    kind = kd
                }
                out.append(Indicator.ForeignCode(code: c, kind: kind, basis: words.count > 1 ? words[1] : nil))
            }
            return out
        }

        mutating func merge(_ later: RawEntry) {
            nameHans = later.nameHans ?? nameHans
            nameHant = later.nameHant ?? nameHant
            nameEnglish = later.nameEnglish ?? nameEnglish
            for a in later.aliases where !aliases.contains(a) { aliases.append(a) }
            unit = later.unit ?? unit
            kind = later.kind ?? kind
            better = later.better ?? better
            area = later.area ?? area
            worldBank = later.worldBank ?? worldBank
            sdmx = later.sdmx ?? sdmx
            nbs = later.nbs ?? nbs
            location = later.location
        }

        func indicator() throws -> Indicator {
            func need<T>(_ v: T?, _ key: String) throws -> T {
                guard let v else {
                    throw CatalogError(.missingKey, "\(location): indicator '\(code)' has no '\(key)'; add it")
                }
                return v
            }
            let hans = try need(nameHans, "names.zh-Hans")
            return Indicator(
                code: code, nameHans: hans, nameHant: nameHant ?? hans, nameEnglish: nameEnglish ?? code,
                aliases: aliases, unit: try need(unit, "unit"), kind: try need(kind, "kind"), better: better ?? .higher,
                area: try need(area, "area"), worldBank: worldBank ?? [], sdmx: sdmx ?? [],
                nbs: nbs ?? [])
        }
    }
}
