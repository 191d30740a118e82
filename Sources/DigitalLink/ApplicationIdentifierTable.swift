// The GS1 Application Identifiers this library knows, from the GS1 General Specifications and
// the GS1 Digital Link standard: format, Digital Link primary keys with their qualifier paths,
// and which AIs may be Digital Link data attributes.
//
// Not checked here (values pass if their characters and lengths are right): ISO country and
// currency code lists, GS1 Company Prefix lookups, IBAN, coupon and percent-encoded name fields,
// and the rules about which AIs require or exclude others.

extension ApplicationIdentifier {

    /// Every entry, in AI order.
    static let entries: [ApplicationIdentifier] = {
        var list: [ApplicationIdentifier] = identifiers
        list += measures
        list += [ai("37", "COUNT", .n(upTo: 8))]
        list += range(3900...3909, "AMOUNT", .n(upTo: 15))
        list += range(3910...3919, "AMOUNT", .n(3), .n(upTo: 15))
        list += range(3920...3929, "PRICE", .n(upTo: 15))
        list += range(3930...3939, "PRICE", .n(3), .n(upTo: 15))
        list += range(3940...3943, "PRCNT OFF", .n(4))
        list += range(3950...3955, "PRICE/UoM", .n(6))
        list += orderAndLocation
        list += range(7030...7039, "PROCESSOR # ", numbered: true, .n(3), .x(upTo: 27))
        list += healthcare
        list += range(7230...7239, "CERT # ", numbered: true, .x(2), .x(upTo: 28))
        list += assets
        list += range(91...99, "INTERNAL", .x(upTo: 90))
        return list
    }()

    private static let identifiers: [ApplicationIdentifier] = [
        ai("00", "SSCC", .n(18, .mod10), key: []),
        ai("01", "GTIN", .n(14, .mod10), key: [["22", "10", "21"], ["235"]]),
        ai("02", "CONTENT", .n(14, .mod10)),
        ai("03", "MTO GTIN", .n(14, .mod10), attribute: false),
        ai("10", "BATCH/LOT", .x(upTo: 20)),
        ai("11", "PROD DATE", .n(6, .date(dayMayBeZero: true))),
        ai("12", "DUE DATE", .n(6, .date(dayMayBeZero: true))),
        ai("13", "PACK DATE", .n(6, .date(dayMayBeZero: true))),
        ai("15", "BEST BEFORE or BEST BY", .n(6, .date(dayMayBeZero: true))),
        ai("16", "SELL BY", .n(6, .date(dayMayBeZero: true))),
        ai("17", "USE BY or EXPIRY", .n(6, .date(dayMayBeZero: true))),
        ai("20", "VARIANT", .n(2)),
        ai("21", "SERIAL", .x(upTo: 20), attribute: false),
        ai("22", "CPV", .x(upTo: 20), attribute: false),
        ai("235", "TPX", .x(upTo: 28), attribute: false),
        ai("240", "ADDITIONAL ID", .x(upTo: 30)),
        ai("241", "CUST. PART No.", .x(upTo: 30)),
        ai("242", "MTO VARIANT", .n(upTo: 6)),
        ai("243", "PCN", .x(upTo: 20)),
        ai("250", "SECONDARY SERIAL", .x(upTo: 30)),
        ai("251", "REF. TO SOURCE", .x(upTo: 30)),
        ai("253", "GDTI", .n(13, .mod10), .x(upTo: 17).optional, key: []),
        ai("254", "GLN EXTENSION COMPONENT", .x(upTo: 20), attribute: false),
        ai("255", "GCN", .n(13, .mod10), .n(upTo: 12).optional, key: []),
        ai("30", "VAR. COUNT", .n(upTo: 8)),
    ]

    private static let orderAndLocation: [ApplicationIdentifier] = [
        ai("400", "ORDER NUMBER", .x(upTo: 30)),
        ai("401", "GINC", .x(upTo: 30), key: []),
        ai("402", "GSIN", .n(17, .mod10), key: []),
        ai("403", "ROUTE", .x(upTo: 30)),
        ai("410", "SHIP TO LOC", .n(13, .mod10)),
        ai("411", "BILL TO", .n(13, .mod10)),
        ai("412", "PURCHASE FROM", .n(13, .mod10)),
        ai("413", "SHIP FOR LOC", .n(13, .mod10)),
        ai("414", "LOC No.", .n(13, .mod10), key: [["254"], ["7040"]]),
        ai("415", "PAY TO", .n(13, .mod10), key: [["8020"]]),
        ai("416", "PROD/SERV LOC", .n(13, .mod10)),
        ai("417", "PARTY", .n(13, .mod10), key: [["7040"]]),
        ai("420", "SHIP TO POST", .x(upTo: 20)),
        ai("421", "SHIP TO POST", .n(3), .x(upTo: 9)),
        ai("422", "ORIGIN", .n(3)),
        ai("423", "COUNTRY - INITIAL PROCESS", .n(3), .n(3).optional, .n(3).optional, .n(3).optional, .n(3).optional),
        ai("424", "COUNTRY - PROCESS", .n(3)),
        ai("425", "COUNTRY - DISASSEMBLY", .n(3), .n(3).optional, .n(3).optional, .n(3).optional, .n(3).optional),
        ai("426", "COUNTRY - FULL PROCESS", .n(3)),
        ai("427", "ORIGIN SUBDIVISION", .x(upTo: 3)),
        ai("4300", "SHIP TO COMP", .x(upTo: 35)),
        ai("4301", "SHIP TO NAME", .x(upTo: 35)),
        ai("4302", "SHIP TO ADD1", .x(upTo: 70)),
        ai("4303", "SHIP TO ADD2", .x(upTo: 70)),
        ai("4304", "SHIP TO SUB", .x(upTo: 70)),
        ai("4305", "SHIP TO LOC", .x(upTo: 70)),
        ai("4306", "SHIP TO REG", .x(upTo: 70)),
        ai("4307", "SHIP TO COUNTRY", .x(2)),
        ai("4308", "SHIP TO PHONE", .x(upTo: 30)),
        ai("4309", "SHIP TO GEO", .n(10), .n(10)),
        ai("4310", "RTN TO COMP", .x(upTo: 35)),
        ai("4311", "RTN TO NAME", .x(upTo: 35)),
        ai("4312", "RTN TO ADD1", .x(upTo: 70)),
        ai("4313", "RTN TO ADD2", .x(upTo: 70)),
        ai("4314", "RTN TO SUB", .x(upTo: 70)),
        ai("4315", "RTN TO LOC", .x(upTo: 70)),
        ai("4316", "RTN TO REG", .x(upTo: 70)),
        ai("4317", "RTN TO COUNTRY", .x(2)),
        ai("4318", "RTN TO POST", .x(upTo: 20)),
        ai("4319", "RTN TO PHONE", .x(upTo: 30)),
        ai("4320", "SRV DESCRIPTION", .x(upTo: 35)),
        ai("4321", "DANGEROUS GOODS", .n(1, .yesNo)),
        ai("4322", "AUTH TO LEAVE", .n(1, .yesNo)),
        ai("4323", "SIG REQUIRED", .n(1, .yesNo)),
        ai("4324", "NOT BEF DEL DT", .n(6, .date(dayMayBeZero: true)), .n(4, .hourMinute)),
        ai("4325", "NOT AFT DEL DT", .n(6, .date(dayMayBeZero: true)), .n(4, .hourMinute)),
        ai("4326", "REL DATE", .n(6, .date(dayMayBeZero: false))),
        ai("4330", "MAX TEMP F.", .n(6), .x(1, .hyphen).optional),
        ai("4331", "MAX TEMP C.", .n(6), .x(1, .hyphen).optional),
        ai("4332", "MIN TEMP F.", .n(6), .x(1, .hyphen).optional),
        ai("4333", "MIN TEMP C.", .n(6), .x(1, .hyphen).optional),
        ai("7001", "NSN", .n(13)),
        ai("7002", "MEAT CUT", .x(upTo: 30)),
        ai("7003", "EXPIRY TIME", .n(6, .date(dayMayBeZero: false)), .n(4, .hourMinute)),
        ai("7004", "ACTIVE POTENCY", .n(upTo: 4)),
        ai("7005", "CATCH AREA", .x(upTo: 12)),
        ai("7006", "FIRST FREEZE DATE", .n(6, .date(dayMayBeZero: false))),
        ai("7007", "HARVEST DATE", .n(6, .date(dayMayBeZero: false)), .n(6, .date(dayMayBeZero: false)).optional),
        ai("7008", "AQUATIC SPECIES", .x(upTo: 3)),
        ai("7009", "FISHING GEAR TYPE", .x(upTo: 10)),
        ai("7010", "PROD METHOD", .x(upTo: 2)),
        ai("7011", "TEST BY DATE", .n(6, .date(dayMayBeZero: false)), .n(4, .hourMinute).optional),
        ai("7020", "REFURB LOT", .x(upTo: 20)),
        ai("7021", "FUNC STAT", .x(upTo: 20)),
        ai("7022", "REV STAT", .x(upTo: 20)),
        ai("7023", "GIAI - ASSEMBLY", .x(upTo: 30)),
    ]

    private static let healthcare: [ApplicationIdentifier] = [
        ai("7040", "UIC+EXT", .n(1), .x(1), .x(1), .x(1, .importerIndex), attribute: false),
        ai("710", "NHRN PZN", .x(upTo: 20)),
        ai("711", "NHRN CIP", .x(upTo: 20)),
        ai("712", "NHRN CN", .x(upTo: 20)),
        ai("713", "NHRN DRN", .x(upTo: 20)),
        ai("714", "NHRN AIM", .x(upTo: 20)),
        ai("715", "NHRN NDC", .x(upTo: 20)),
        ai("716", "NHRN AIC", .x(upTo: 20)),
        ai("717", "NHRN SRN", .x(upTo: 20)),
    ]

    private static let assets: [ApplicationIdentifier] = [
        ai("7240", "PROTOCOL", .x(upTo: 20)),
        ai("7241", "AIDC MEDIA TYPE", .n(2)),
        ai("7242", "VCN", .x(upTo: 25)),
        ai("8001", "DIMENSIONS", .n(4, .nonZero), .n(5, .nonZero), .n(3, .nonZero), .n(1, .winding), .n(1)),
        ai("8002", "CMT No.", .x(upTo: 20)),
        ai("8003", "GRAI", .n(1, .zero), .n(13, .mod10), .x(upTo: 16).optional, key: []),
        ai("8004", "GIAI", .x(upTo: 30), key: [["7040"]]),
        ai("8005", "PRICE PER UNIT", .n(6)),
        ai("8006", "ITIP", .n(14, .mod10), .n(4, .pieceOfTotal), key: [["22", "10", "21"]]),
        ai("8007", "IBAN", .x(upTo: 34)),
        ai("8008", "PROD TIME", .n(6, .date(dayMayBeZero: false)), .n(2, .hour), .n(2, .minute).optional, .n(2, .second).optional),
        ai("8009", "OPTSEN", .x(upTo: 50)),
        ai("8010", "CPID", .y(upTo: 30), key: [["8011"]]),
        ai("8011", "CPID SERIAL", .n(upTo: 12, .noZeroPrefix), attribute: false),
        ai("8012", "VERSION", .x(upTo: 20)),
        ai("8013", "GMN", .x(upTo: 25, .checkCharacterPair), key: []),
        ai("8014", "MUDI", .x(upTo: 25, .checkCharacterPair), attribute: false),
        ai("8017", "GSRN - PROVIDER", .n(18, .mod10), key: [["8019"]]),
        ai("8018", "GSRN - RECIPIENT", .n(18, .mod10), key: [["8019"]]),
        ai("8019", "SRIN", .n(upTo: 10), attribute: false),
        ai("8020", "REF No.", .x(upTo: 25), attribute: false),
        ai("8026", "ITIP CONTENT", .n(14, .mod10), .n(4, .pieceOfTotal)),
        ai("8030", "DIGSIG", .z(upTo: 90)),
        ai("8110", "COUPON", .x(upTo: 70)),
        ai("8111", "POINTS", .n(4)),
        ai("8112", "PAPERLESS COUPON", .x(upTo: 70)),
        ai("8200", "PRODUCT URL", .x(upTo: 70), attribute: false),
        ai("90", "INTERNAL", .x(upTo: 30)),
    ]

    /// Trade and logistic measures 310n–369n: six digits, n = decimal places.
    private static let measures: [ApplicationIdentifier] = [
        (310, "NET WEIGHT (kg)"), (311, "LENGTH (m)"), (312, "WIDTH (m)"), (313, "HEIGHT (m)"),
        (314, "AREA (m2)"), (315, "NET VOLUME (l)"), (316, "NET VOLUME (m3)"),
        (320, "NET WEIGHT (lb)"), (321, "LENGTH (in)"), (322, "LENGTH (ft)"), (323, "LENGTH (yd)"),
        (324, "WIDTH (in)"), (325, "WIDTH (ft)"), (326, "WIDTH (yd)"), (327, "HEIGHT (in)"),
        (328, "HEIGHT (ft)"), (329, "HEIGHT (yd)"),
        (330, "GROSS WEIGHT (kg)"), (331, "LENGTH (m), log"), (332, "WIDTH (m), log"),
        (333, "HEIGHT (m), log"), (334, "AREA (m2), log"), (335, "VOLUME (l), log"),
        (336, "VOLUME (m3), log"), (337, "KG PER m2"),
        (340, "GROSS WEIGHT (lb)"), (341, "LENGTH (in), log"), (342, "LENGTH (ft), log"),
        (343, "LENGTH (yd), log"), (344, "WIDTH (in), log"), (345, "WIDTH (ft), log"),
        (346, "WIDTH (yd), log"), (347, "HEIGHT (in), log"), (348, "HEIGHT (ft), log"),
        (349, "HEIGHT (yd), log"),
        (350, "AREA (in2)"), (351, "AREA (ft2)"), (352, "AREA (yd2)"), (353, "AREA (in2), log"),
        (354, "AREA (ft2), log"), (355, "AREA (yd2), log"), (356, "NET WEIGHT (tr oz)"),
        (357, "NET VOLUME (oz)"),
        (360, "NET VOLUME (qt)"), (361, "NET VOLUME (gal.)"), (362, "VOLUME (qt), log"),
        (363, "VOLUME (gal.), log"), (364, "VOLUME (in3)"), (365, "VOLUME (ft3)"),
        (366, "VOLUME (yd3)"), (367, "VOLUME (in3), log"), (368, "VOLUME (ft3), log"),
        (369, "VOLUME (yd3), log"),
    ].flatMap { base, title in range(base * 10...base * 10 + 5, title, .n(6)) }

    private static func ai(_ code: String, _ title: String, _ components: AIComponent...,
                           key: [[String]]? = nil, attribute: Bool = true) -> ApplicationIdentifier {
        ApplicationIdentifier(code: code, title: title, components: components,
                              keyQualifiers: key, isDataAttribute: attribute)
    }

    /// A run of AIs sharing a format; `numbered` appends the last digit to the title ("CERT # 3").
    private static func range(_ codes: ClosedRange<Int>, _ title: String, numbered: Bool = false,
                              _ components: AIComponent...) -> [ApplicationIdentifier] {
        codes.map { code in
            let suffix = numbered ? String(code % 10 + (title.hasPrefix("CERT") ? 1 : 0)) : ""
            return ApplicationIdentifier(code: String(code), title: title + suffix, components: components,
                                         keyQualifiers: nil, isDataAttribute: true)
        }
    }
}
