/// Amounts of money written for people, in a given currency.
///
/// ```swift
/// let gbp = CurrencyText(code: "GBP")
/// gbp.format(1_200_000)    // £1,200,000
/// gbp.compact(1_200_000)   // £1.2M
/// CurrencyText(code: "PLN").format(350_000)   // 350,000 zł
/// CurrencyText(code: "").format(350_000)      // 350,000
/// ```
///
/// Known codes get their usual symbol (before the number, or after it for the zloty and a few others);
/// any other ISO 4217 code is written before the number (`NOK 1,000`). Thousands are always separated
/// by commas, as in the rest of pbsim's output.
public struct CurrencyText: Sendable, Hashable {
    /// The ISO 4217 code, e.g. `GBP` (may be empty: amounts are then plain numbers).
    public var code: String

    /// Creates a formatter.
    ///
    /// - Parameter code: An ISO 4217 code, or an empty string for plain numbers.
    public init(code: String) {
        self.code = code.uppercased()
    }

    private static let prefixes: [String: String] = [
        "GBP": "£", "EUR": "€", "USD": "$", "JPY": "¥", "CAD": "CA$", "AUD": "A$", "NZD": "NZ$", "CHF": "CHF ",
        "INR": "₹", "BRL": "R$",
    ]
    private static let suffixes: [String: String] = [
        "PLN": " zł", "CZK": " Kč", "SEK": " kr", "DKK": " kr", "HUF": " Ft",
    ]

    /// The currency's name for captions: `GBP`, or `units` when there is no code.
    public var name: String { code.isEmpty ? "units" : code }

    /// Writes the number with its symbol.
    private func decorate(_ number: String, negative: Bool) -> String {
        let sign = negative ? "-" : ""
        if code.isEmpty { return sign + number }
        if let prefix = Self.prefixes[code] { return sign + prefix + number }
        if let suffix = Self.suffixes[code] { return sign + number + suffix }
        return sign + code + " " + number
    }

    /// An amount in full: `£1,200,000`, with `decimals` decimals.
    ///
    /// - Parameters:
    ///   - amount: The amount.
    ///   - decimals: Decimals to show (0 by default: budgets are whole units).
    /// - Returns: The text, or `n/a` when the amount is not a number.
    public func format(_ amount: Double, decimals: Int = 0) -> String {
        guard amount.isFinite else { return "n/a" }
        let digits = NumberText.grouped(abs(amount), decimals: decimals)
        return decorate(digits, negative: amount < 0 && digits.contains(where: { $0 != "0" && $0 != "," && $0 != "." }))
    }

    /// An amount shortened for axes and cards: `£1.2M`, `£350k`, `£900`.
    ///
    /// - Parameter amount: The amount.
    /// - Returns: The text, or `n/a` when the amount is not a number.
    public func compact(_ amount: Double) -> String {
        guard amount.isFinite else { return "n/a" }
        let magnitude = abs(amount)
        let text: String
        if magnitude >= 1_000_000_000 {
            text = Self.short(magnitude / 1_000_000_000) + "bn"
        } else if magnitude >= 1_000_000 {
            text = Self.short(magnitude / 1_000_000) + "M"
        } else if magnitude >= 1_000 {
            text = Self.short(magnitude / 1_000) + "k"
        } else {
            text = Self.short(magnitude)
        }
        return decorate(text, negative: amount < 0 && text != "0")
    }

    /// A number with at most one decimal, none when it is whole or large: `1.2`, `350`, `12`.
    private static func short(_ x: Double) -> String {
        if x >= 100 || (x * 10).rounded() == (x.rounded() * 10) { return NumberText.grouped(x, decimals: 0) }
        return NumberText.grouped(x, decimals: 1)
    }

    /// The currency usually used in a country, for `.pb` files whose META section names the country
    /// but not the currency (`Poland` → `PLN`); `nil` when unknown.
    ///
    /// - Parameter country: A country name as pabulib writes it.
    /// - Returns: An ISO 4217 code, or `nil`.
    public static func code(forCountry country: String) -> String? {
        let table: [String: String] = [
            "poland": "PLN", "france": "EUR", "netherlands": "EUR", "germany": "EUR", "belgium": "EUR",
            "spain": "EUR", "italy": "EUR", "portugal": "EUR", "switzerland": "CHF",
            "united kingdom": "GBP", "uk": "GBP", "united states": "USD", "usa": "USD", "canada": "CAD",
            "czech republic": "CZK", "czechia": "CZK", "hungary": "HUF",
        ]
        return table[country.lowercased()]
    }
}
