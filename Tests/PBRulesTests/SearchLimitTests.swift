import Foundation
import PBModel
import PBRules
import Testing

@Suite("Exact searches stop at their budget and say 'undetermined'")
struct SearchLimitTests {
    private func instance(_ name: String) throws -> RuleInstance {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
            .appendingPathComponent("pabulib/\(name)")
        return try RuleInstance(PabulibReader.read(path: url.path))
    }

    @Test("max-welfare stops at its node budget with the best welfare found and a bound on the optimum")
    func maxWelfare() throws {
        let sadul = try instance("poland_warszawa_2017_sadul.pb")
        let full = try Rules.run(.maxWelfareCost, on: sadul)
        let error = #expect(throws: RuleError.self) {
            try Rules.run(.maxWelfareCost, on: sadul, limit: SearchLimit(steps: 3))
        }
        guard case .undetermined(let rule, let limit, let detail) = error else {
            Issue.record("expected undetermined, got \(String(describing: error))")
            return
        }
        #expect(rule == .maxWelfareCost && limit == 3)
        #expect(detail.contains("an optimum of at most"))
        #expect(error?.description.contains("undetermined") == true)
        #expect(error?.description.contains("--search-limit") == true)
        // The same search with the standard budget decides it.
        #expect(try Rules.run(.maxWelfareCost, on: sadul, limit: .standard) == full)
    }

    @Test("Phragmén's exact path stops at its budget; the certified fast path needs none")
    func phragmen() throws {
        let sadul = try instance("poland_warszawa_2017_sadul.pb")
        let exact = try Rules.run(.phragmen, on: sadul, arithmetic: .exact)
        #expect(throws: RuleError.self) {
            try Rules.run(.phragmen, on: sadul, arithmetic: .exact, limit: SearchLimit(steps: 5))
        }
        let certified = try Rules.run(.phragmen, on: sadul)
        #expect(!certified.usedExactArithmetic, "the fast path decides Sadul")
        #expect(
            try Rules.run(.phragmen, on: sadul, arithmetic: .certified, limit: SearchLimit(steps: 5)).selected
                == exact.selected)
    }
}
