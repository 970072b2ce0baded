import Foundation
import IndicatorKit
import Testing

@testable import SpeechTextAdapter

/// Scores the adapter on the seed speech against the hand-checked gold files, with the matching
/// rules of ../shared/tools/score_extract.py: value (alternatives, ranges, masked), unit (traditional
/// characters and 个百分点 normalized), comparator (`=` also accepts `>=`), kind (growth and share
/// interchangeable) and subject (two shared characters with the record's subject or text).
struct GoldScoreTests {
    static let speech = SpeechText.packageRoot.appendingPathComponent(
        "seeds/zhecheng-2022-economic-work-conference.txt")

    @Test func seedTargetsReachRecallAndPrecision() async throws {
        let gold = try GoldFile(SpeechText.shared.appendingPathComponent("gold/seed-2022-targets.tsv"))
        let records = try await SpeechText.records(path: Self.speech.path)
        let goals = records.filter { $0.goal != nil }
        let score = gold.score(goals, type: "goal")
        #expect(gold.rows.count >= 60)
        #expect(score.recall >= 0.95, "recall \(score.recall); missed: \(score.misses)")
        #expect(score.precision >= 0.90, "precision \(score.precision) (\(score.matched)/\(goals.count))")
        #expect(goals.allSatisfy { $0.period.rawValue == "2022" })
    }

    @Test func everySeedActualIsPresent() async throws {
        let gold = try GoldFile(SpeechText.shared.appendingPathComponent("gold/seed-2021-actuals.tsv"))
        let records = try await SpeechText.records(path: Self.speech.path)
        let observations = records.filter { $0.observation != nil }
        let score = gold.score(observations, type: "observation")
        #expect(score.recall == 1.0, "missed: \(score.misses)")
        #expect(observations.allSatisfy { $0.period.year == 2021 })
        // Masked figures come out without a number.
        #expect(observations.filter(\.redacted).allSatisfy { $0.quantity.value == nil })
        #expect(observations.filter(\.redacted).count >= 10)
    }

    /// The seed speech converted to traditional script (OpenCC s2t) scores as well; subjects and
    /// units are compared through the adapter's own traditional-to-simplified mapping.
    @Test func traditionalSeedTargetsReachRecallAndPrecision() async throws {
        var gold = try GoldFile(SpeechText.shared.appendingPathComponent("gold/seed-2022-targets.tsv"))
        gold.simplify = { s in
            String(String.UnicodeScalarView(s.unicodeScalars.map { Unicode.Scalar(Lexicon.normalize($0.value)) ?? $0 }))
        }
        let path = SpeechText.fixtures.appendingPathComponent("zhecheng-2022-traditional.txt").path
        let goals = try await SpeechText.records(path: path).filter { $0.goal != nil }
        let score = gold.score(goals, type: "goal")
        #expect(score.recall >= 0.95, "recall \(score.recall); missed: \(score.misses)")
        #expect(score.precision >= 0.90, "precision \(score.precision) (\(score.matched)/\(goals.count))")
    }

    @Test func goalsModeEmitsOnlyGoals() async throws {
        let records = try await SpeechText.records(path: Self.speech.path, options: ["mode": .string("goals")])
        #expect(!records.isEmpty)
        #expect(records.allSatisfy { $0.goal != nil })
    }
}

/// A gold TSV and the matching rules of score_extract.py.
struct GoldFile {
    var rows: [[String: String]]
    /// Maps traditional characters to simplified before comparing units and subjects.
    var simplify: (String) -> String = GoldFile.simplified

    init(_ url: URL) throws {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") }
        let header = lines[0].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        rows = lines.dropFirst().map { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
    }

    struct Score {
        var matched: Int
        var recall: Double
        var precision: Double
        var misses: [String]
    }

    func score(_ predicted: [SourceRecord], type: String) -> Score {
        var used = Set<Int>()
        var misses: [String] = []
        for g in rows {
            let hit = predicted.indices.first { i in
                !used.contains(i) && Self.valueOK(g["value"]!, predicted[i])
                    && normUnit(predicted[i].quantity.unit) == normUnit(g["unit"]!)
                    && Self.comparatorOK(g["comparator"]!, predicted[i], type: type)
                    && Self.kindOK(g["kind"]!, predicted[i]) && subjectOK(g["subject"]!, predicted[i])
            }
            if let hit { used.insert(hit) } else { misses.append("\(g["id"] ?? "") \(g["subject"] ?? "")") }
        }
        let recall = rows.isEmpty ? 0 : Double(used.count) / Double(rows.count)
        let precision = predicted.isEmpty ? 0 : Double(used.count) / Double(predicted.count)
        return Score(matched: used.count, recall: recall, precision: precision, misses: misses)
    }

    static let t2s: [Character: Character] = [
        "萬": "万", "億": "亿", "噸": "吨", "畝": "亩", "個": "个", "點": "点", "％": "%", "頃": "顷", "戶": "户",
        "條": "条", "項": "项",
    ]

    static func simplified(_ s: String) -> String { String(s.map { t2s[$0] ?? $0 }) }

    func normUnit(_ u: String) -> String {
        var s = simplify(u.trimmingCharacters(in: .whitespaces))
        s = s.replacingOccurrences(of: "个百分点", with: "百分点")
        if ["pp", "percentage point", "percentage points"].contains(s) { s = "百分点" }
        return s
    }

    static func valueOK(_ gold: String, _ r: SourceRecord) -> Bool {
        let v = r.quantity.value
        for alt in gold.split(separator: "|").map(String.init) {
            if alt.dropFirst().contains("-") {
                let parts = alt.split(separator: "-", maxSplits: 1).compactMap { Double($0) }
                if parts.count == 2, let v, let upper = r.quantity.upper, abs(v - parts[0]) < 1e-9,
                    abs(upper - parts[1]) < 1e-9
                {
                    return true
                }
                continue
            }
            if alt == "redacted" {
                if r.redacted && v == nil { return true }
                continue
            }
            if let v, let g = Double(alt), abs(v - g) < 1e-9 { return true }
        }
        return false
    }

    static func comparatorOK(_ gold: String, _ r: SourceRecord, type: String) -> Bool {
        if type == "observation" { return true }
        var alts = Set(gold.split(separator: "|").map { String($0).trimmingCharacters(in: .whitespaces) })
        alts = Set(alts.map { ["≥": ">=", "≤": "<=", "≈": "~", "about": "~"][$0] ?? $0 })
        if alts.contains("=") { alts.insert(">=") }
        return alts.contains(r.comparator?.rawValue ?? "")
    }

    static func kindOK(_ gold: String, _ r: SourceRecord) -> Bool {
        let g = gold == "count" ? "level" : gold
        let p = r.kind.rawValue
        return g == p || Set([g, p]).isSubset(of: ["growth", "share"])
    }

    func subjectOK(_ gold: String, _ r: SourceRecord) -> Bool {
        let g = Set(simplify(gold)).subtracting("“”\"、的等各类")
        let have = Set(simplify(r.subject)).union(simplify(r.text ?? ""))
        let need = g.count <= 2 ? 1 : 2
        return g.intersection(have).count >= min(need, g.count)
    }
}
