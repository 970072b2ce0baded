import IndicatorKit

/// One catalog entry: an indicator with its names, unit, direction and foreign codes.
public struct Indicator: Sendable, Hashable {
    /// Which way is good.
    public enum Better: String, Sendable, Hashable, CaseIterable {
        /// More is better (GDP growth, new jobs, grain output).
        case higher
        /// Less is better (CPI, unemployment): a bare target is a ceiling.
        case lower
    }

    /// A foreign code (World Bank, SDMX series) and what it fixes about a figure.
    public struct ForeignCode: Sendable, Hashable {
        /// The code as the foreign source writes it ("NY.GDP.MKTP.KD.ZG", "GDP_GROWTH").
        public var code: String
        /// The kind of figure the code stands for ("growth" for NY.GDP.MKTP.KD.ZG), when fixed.
        public var kind: FigureKind?
        /// The basis of the figure ("average", "year-end"), when the code fixes one.
        public var basis: String?

        public init(code: String, kind: FigureKind? = nil, basis: String? = nil) {
            self.code = code
            self.kind = kind
            self.basis = basis
        }
    }

    /// The catalog code ("gdp").
    public var code: String
    /// The name in simplified Chinese ("生产总值").
    public var nameHans: String
    /// The name in traditional Chinese ("生產總值").
    public var nameHant: String
    /// The name in English ("Gross domestic product").
    public var nameEnglish: String
    /// Other ways sources name it ("地区生产总值", "GDP", "國內生產總值").
    public var aliases: [String]
    /// The canonical unit ("亿元", "%", "万人").
    public var unit: String
    /// The kind of figure the indicator is usually stated as.
    public var kind: FigureKind
    /// Which way is good.
    public var better: Better
    /// The policy area ("经济", "农业", "工业", "城建", "民生", "生态", "科技", "财政").
    public var area: String
    /// World Bank indicator codes.
    public var worldBank: [ForeignCode]
    /// SDMX series codes (the INDICATOR dimension of a series key).
    public var sdmx: [ForeignCode]
    /// NBS data-service codes, qualified by their database (`hgyd.A020101`): a bare code names
    /// different indicators in different databases.
    public var nbs: [ForeignCode]

    public init(
        code: String, nameHans: String, nameHant: String, nameEnglish: String, aliases: [String] = [], unit: String,
        kind: FigureKind, better: Better = .higher, area: String, worldBank: [ForeignCode] = [],
        sdmx: [ForeignCode] = [],
        nbs: [ForeignCode] = []
    ) {
        self.code = code
        self.nameHans = nameHans
        self.nameHant = nameHant
        self.nameEnglish = nameEnglish
        self.aliases = aliases
        self.unit = unit
        self.kind = kind
        self.better = better
        self.area = area
        self.worldBank = worldBank
        self.sdmx = sdmx
        self.nbs = nbs
    }

    /// Every name and alias, simplified and traditional and English.
    public var allNames: [String] { [nameHans, nameHant, nameEnglish] + aliases }
}
