import IndicatorKit
import Testing

@testable import Normalize

struct NormalizerTests {
    let normalizer = Normalizer(catalog: ShippedCatalog.catalog)

    func observation(
        _ subject: String, kind: FigureKind = .growth, value: Double = 3, unit: String = "%", text: String? = nil,
        attributes: [String: String] = [:]
    ) -> SourceRecord {
        .observation(
            Observation(
                subject: subject, kind: kind, quantity: Quantity(value: value, unit: unit),
                period: Period(year: 2022), text: text, attributes: attributes))
    }

    @Test func setsTheIndicatorOfGoalsAndObservations() {
        let goal = SourceRecord.goal(
            Goal(
                subject: "生产总值", kind: .growth, comparator: .about,
                quantity: Quantity(value: 9.5, unit: "%"), period: Period(year: 2022)))
        #expect(normalizer.normalize(goal).indicator == "gdp")
        #expect(normalizer.normalize(observation("全年国内生产总值")).indicator == "gdp")
    }

    @Test func leavesUnmatchedSubjectsAlone() {
        let r = normalizer.normalize(observation("某县特色指标"))
        #expect(r.indicator == nil)
        #expect(r.subject == "某县特色指标")
    }

    @Test func readsSDMXCodesFromSubjectOrAttributes() {
        let bySubject = normalizer.normalize(observation("UNEMP_SURVEYED_YE", kind: .level, value: 5.5))
        #expect(bySubject.indicator == "urban_unemployment_rate")
        #expect(bySubject.kind == .share)
        #expect(bySubject.attributes["basis"] == "year-end")
        let byAttribute = normalizer.normalize(
            observation(
                "城镇新增就业人数(万人)", kind: .level, value: 1206, unit: "万人",
                attributes: ["INDICATOR": "URBAN_NEW_JOBS"]))
        #expect(byAttribute.indicator == "urban_new_jobs")
    }

    @Test func readsNBSCodesFromTheIndicatorAttribute() {
        // As the open-data adapter's nbs preset writes them: the database and the zb code.
        let r = normalizer.normalize(
            observation(
                "规上工业增加值_同比增长", kind: .growth, value: 6.2, unit: "%",
                attributes: ["indicator": "hgyd.A020101", "zb": "A020101"]))
        #expect(r.indicator == "industrial_va")
        #expect(r.kind == .growth)
    }

    @Test func readsTheBasisFromThePhrase() {
        let avg = normalizer.normalize(
            observation(
                "全国城镇调查失业率", kind: .share, value: 5.6,
                text: "全年全国城镇调查失业率平均值为5.6%"))
        #expect(avg.attributes["basis"] == "average")
        let ye = normalizer.normalize(
            observation(
                "年末全国城镇调查失业率", kind: .share, value: 5.5,
                text: "年末全国城镇调查失业率为5.5%"))
        #expect(ye.attributes["basis"] == "year-end")
        let ye2 = normalizer.normalize(
            observation(
                "全国城镇调查失业率", kind: .share, value: 5.5,
                text: "年末全国城镇调查失业率为5.5%"))
        #expect(ye2.attributes["basis"] == "year-end")
        let plain = normalizer.normalize(observation("城镇调查失业率", kind: .share, value: 5.5, text: "城镇调查失业率全年控制在5.5%以内"))
        #expect(plain.attributes["basis"] == nil)
    }

    @Test func traditionalTextMatches() {
        #expect(
            normalizer.normalize(observation("糧食總產量", kind: .level, value: 1, unit: "萬噸")).indicator == "grain_output")
    }
}

struct RegionAndCodeTests {
    let normalizer = Normalizer(catalog: ShippedCatalog.catalog)

    @Test(arguments: [
        ("全国", "CN", true), ("中国", "中华人民共和国", true), ("柘城县", "柘城", true), ("柘城县", "睢县", false),
        ("河南省", "河南", true), ("CN", "US", false),
    ])
    func regionsFold(_ c: (String, String, Bool)) {
        #expect(RegionName.compatible(c.0, c.1) == c.2)
        #expect(RegionName.compatible(nil, c.1))
    }

    @Test func seriesKeySubjectsAndSDMXUnits() {
        let r = normalizer.normalize(
            .observation(
                Observation(
                    subject: "A.CN.GDP_GROWTH", kind: .level, quantity: Quantity(value: 3, unit: "PCT"),
                    period: Period(year: 2022), region: "CN")))
        #expect(r.indicator == "gdp")
        #expect(r.kind == .growth)
        #expect(Units.convert(68653, from: "10K_TONNES", to: "万亿斤") == 1.37306)
        #expect(Units.convert(1206.0, from: "10K_PERSONS", to: "人") == 12_060_000.0)
        #expect(Units.dimension(of: "PCT") == .ratio)
    }

    @Test func aLeadingPlaceNameIsStrippedOnlyWhenItLeavesAName() {
        #expect(ShippedCatalog.catalog.indicator(forSubject: "柘城县生产总值")?.code == "gdp")
        #expect(ShippedCatalog.catalog.indicator(forSubject: "河南省商丘市柘城县粮食总产量")?.code == "grain_output")
        #expect(ShippedCatalog.catalog.indicator(forSubject: "城市绿化率")?.code == "urban_greening_rate")
        #expect(ShippedCatalog.catalog.indicator(forSubject: "县级示范村")?.code == "county_demo_villages")
        #expect(ShippedCatalog.catalog.indicator(forSubject: "城市居民人均可支配收入") == nil)
    }

    @Test func adapterPointAttributeSetsTheBasis() {
        let r = normalizer.normalize(
            .observation(
                Observation(
                    subject: "城镇调查失业率", kind: .share, quantity: Quantity(value: 5.5, unit: "%"),
                    period: Period(year: 2022),
                    attributes: ["point": "year-end"])))
        #expect(r.attributes["basis"] == "year-end")
    }
}

struct UnmatchedSubjectsTests {
    @Test func listsEachUnmatchedSubjectOnce() {
        let normalizer = Normalizer(catalog: ShippedCatalog.catalog)
        func obs(_ s: String) -> SourceRecord {
            .observation(
                Observation(
                    subject: s, kind: .level, quantity: Quantity(value: 1, unit: "个"), period: Period(year: 2021)))
        }
        let records = ["生产总值", "小麦", "全县小麦", "“小麦”", "蔬菜", "粮食总产"].map { normalizer.normalize(obs($0)) }
        #expect(normalizer.unmatchedSubjects(in: records) == ["小麦", "蔬菜"])
    }
}

struct CanonicalQuantityTests {
    @Test func convertsToTheCatalogUnit() {
        let normalizer = Normalizer(catalog: ShippedCatalog.catalog)
        func goal(_ s: String, _ kind: FigureKind, _ v: Double, _ u: String) -> SourceRecord {
            normalizer.normalize(
                .goal(
                    Goal(
                        subject: s, kind: kind, comparator: .atLeast, quantity: Quantity(value: v, unit: u),
                        period: Period(year: 2022))))
        }
        #expect(normalizer.canonicalQuantity(of: goal("粮食总产", .level, 16.5, "亿斤")) == Quantity(value: 82.5, unit: "万吨"))
        #expect(
            normalizer.canonicalQuantity(of: goal("城镇新增就业", .level, 6500, "人")) == Quantity(value: 0.65, unit: "万人"))
        #expect(normalizer.canonicalQuantity(of: goal("生产总值", .growth, 9.5, "%")) == Quantity(value: 9.5, unit: "%"))
        #expect(normalizer.canonicalQuantity(of: goal("新增市场主体", .level, 13000, "户")) == nil)
        #expect(normalizer.canonicalQuantity(of: goal("某某", .level, 1, "个")) == nil)
    }
}
