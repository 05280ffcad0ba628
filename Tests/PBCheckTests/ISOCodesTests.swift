import Testing

@testable import PBCheck

@Suite struct ISOCodesTests {
    @Test func codesAreCaseInsensitiveAsInPycountry() {
        let codes = ISOCodes.shared
        #expect(codes.isLanguage("pl") && codes.isLanguage("PL"))
        #expect(!codes.isLanguage("polish"))
        #expect(codes.isCurrency("pln") && codes.isCurrency("PLN") && !codes.isCurrency("ZLT"))
        #expect(codes.isCountry("Poland") && codes.isCountry("pol") && codes.isCountry("616"))
        #expect(codes.isCountry("Worldwide") && !codes.isCountry("worldwide") && !codes.isCountry("Polska"))
        #expect(codes.languageCode(named: "Polish") == "pl")
    }
}

@Suite struct CheckCatalogTests {
    @Test func fixesAreMadePreciseFromTheMessage() {
        let language = CheckFinding(
            check: "invalid meta field value", line: 14, message: "wrong language ISO 639-1 format code: polish")
        #expect(CheckCatalog.fix(for: language)?.contains("`language;pl`") == true)
        let sex = CheckFinding(
            check: "invalid votes field value", line: 9,
            message: "invalid sex value 'K'. Valid options are: M, F, O")
        #expect(CheckCatalog.fix(for: sex)?.contains("`F`") == true)
        #expect(CheckCatalog.fix(for: "equalshares/add1 rule not followed") != nil)
        #expect(CheckCatalog.fix(for: "not known votes fields") != nil)
    }
}
