import IndicatorKit
import Testing

/// Comparators written before or after a figure, and 分别 lists.
struct ComparatorTests {
    @Test(arguments: [
        ("粮食播种面积稳定在120万亩以上。", TargetComparator.atLeast),
        ("培育规上企业不少于30家。", .atLeast),
        ("设立不低于500万元的人才发展基金。", .atLeast),
        ("至少新建5个产业园。", .atLeast),
        ("外贸进出口总额突破100亿元。", .above),
        ("实际利用外资超过2亿美元。", .above),
        ("城镇登记失业率控制在4.5%以内。", .atMost),
        ("政府债务率降到80%以下。", .atMost),
        ("单位产值能耗不超过0.5吨标准煤。", .atMost),
        ("城镇调查失业率控制在5.5%。", .atMost),
        ("農民人均可支配收入增長7%左右。", .about),
        ("农民收入增长约7%。", .about),
        ("新建城市书房12个。", .equal),
        ("新建停车位1000-1500个。", .range),
    ])
    func comparatorOfTheFigure(_ sentence: String, _ comparator: TargetComparator) async throws {
        let goals = try await SpeechText.planGoals(sentence)
        #expect(goals.count == 1, "\(goals.map(\.subject))")
        #expect(goals.first?.comparator == comparator)
    }

    @Test func respectivelyMapsSubjectsToValuesInOrder() async throws {
        let goals = try await SpeechText.planGoals("城镇、农村居民人均可支配收入分别增长8%和8.5%。")
        #expect(goals.map(\.subject) == ["城镇居民人均可支配收入", "农村居民人均可支配收入"])
        #expect(goals.map(\.quantity.value) == [8, 8.5])
        #expect(goals.allSatisfy { $0.kind == .growth && $0.comparator == .equal })
    }

    @Test func aTrailingComparatorAppliesToEachValue() async throws {
        let goals = try await SpeechText.planGoals("全市生活垃圾无害化处理率、污水集中处理率分别达到98%、92%以上。")
        #expect(goals.map(\.subject) == ["生活垃圾无害化处理率", "污水集中处理率"])
        #expect(goals.map(\.quantity.value) == [98, 92])
        #expect(goals.allSatisfy { $0.comparator == .atLeast && $0.kind == .share })
    }

    @Test func respectivelyInTraditionalScript() async throws {
        let goals = try await SpeechText.planGoals("普及率、覆蓋率分別達到90%、85%以上。")
        #expect(goals.map(\.subject) == ["普及率", "覆蓋率"])
        #expect(goals.allSatisfy { $0.comparator == .atLeast })
    }

    @Test func urbanRuralSplitsIntoTwoSubjects() async throws {
        let obs = try await SpeechText.reviewObservations("城乡居民人均可支配收入分别达到42316元和19873元，分别增长5.1%和6.8%。")
        #expect(obs.map(\.subject) == ["城镇居民人均可支配收入", "农村居民人均可支配收入", "城镇居民人均可支配收入", "农村居民人均可支配收入"])
        #expect(obs.map(\.kind) == [.level, .level, .growth, .growth])
    }
}
