import Foundation

/// The ISO code tables the checker validates META `country`, `language` and `currency` against,
/// shipped as package resources (taken from pycountry 26.2.16, which pabulib-checker 1.0.8 uses).
///
/// Lookups are case-insensitive, as pycountry's are: `pl`, `PL` and `Pl` are all Polish.
public struct ISOCodes: Sendable {
    /// Every lower-cased value a country can be looked up by (codes, numeric code, names, flag).
    let countryKeys: Set<String>
    /// Lower-cased ISO 639-1 codes → language name.
    let languages: [String: String]
    /// Lower-cased ISO 4217 codes → currency name.
    let currencies: [String: String]
    /// Lower-cased language names → ISO 639-1 code (for the suggested fix).
    let languageByName: [String: String]
    /// Lower-cased country names → alpha-2 code (for the suggested fix).
    let countryByName: [String: String]

    /// The tables bundled with pbsim.
    public static let shared = ISOCodes()

    init() {
        func rows(_ name: String) -> [[String]] {
            guard let url = Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Resources"),
                let text = try? String(contentsOf: url, encoding: .utf8)
            else { fatalError("PBCheck resource \(name).tsv is missing from the package") }
            return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
                $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            }
        }
        var keys: Set<String> = []
        var countryByName: [String: String] = [:]
        for r in rows("iso3166-1") {
            for v in r where !v.isEmpty { keys.insert(v.lowercased()) }
            for name in r.dropFirst(3) where !name.isEmpty { countryByName[name.lowercased()] = r[0] }
        }
        countryKeys = keys
        self.countryByName = countryByName
        var languages: [String: String] = [:]
        var byName: [String: String] = [:]
        for r in rows("iso639-1") where r.count >= 2 {
            languages[r[0].lowercased()] = r[1]
            byName[r[1].lowercased()] = r[0]
        }
        self.languages = languages
        languageByName = byName
        var currencies: [String: String] = [:]
        for r in rows("iso4217") where r.count >= 2 { currencies[r[0].lowercased()] = r[1] }
        self.currencies = currencies
    }

    /// Whether `value` names a country (`Worldwide` is accepted too, case-sensitively).
    public func isCountry(_ value: String) -> Bool {
        value == "Worldwide" || countryKeys.contains(value.lowercased())
    }

    /// Whether `value` is an ISO 639-1 code.
    public func isLanguage(_ value: String) -> Bool { languages[value.lowercased()] != nil }

    /// Whether `value` is an ISO 4217 code.
    public func isCurrency(_ value: String) -> Bool { currencies[value.lowercased()] != nil }

    /// The ISO 639-1 code of a language name (`polish` → `pl`), if known.
    public func languageCode(named name: String) -> String? { languageByName[name.lowercased()] }

    /// The alpha-2 code of a country name, if known.
    public func countryCode(named name: String) -> String? { countryByName[name.lowercased()] }
}
