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
