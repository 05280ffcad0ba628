import Foundation
import Testing

/// The contract of `pbsim analyze`: JSON with the reference's keys, and clear failures.
@Suite struct AnalyzeCommandTests {
    @Test func jsonHasTheReferenceShapeAndTopLevelMeasuresForOneRule() throws {
        let path = try write(clean)
        let r = try run(["analyze", path, "--rule", "greedy-cost", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["vote_type"] as? String == "approval")
        let rules = try #require(json["rules"] as? [String: Any])
        let rule = try #require(rules["greedy-cost"] as? [String: Any])
        let measures = try #require(rule["measures"] as? [String: Any])
        // Budget 1000: greedy funds 1 (500, 3 votes), 2 (300, 2 votes); 3 (400) no longer fits.
        #expect(rule["selected"] as? [String] == ["1", "2"])
        // Cost satisfaction: a 800, b 300, c 500, d 500 → 2100/4.
        #expect(measures["avg_satisfaction:Cost_Sat"] as? String == "525")
        #expect(measures["percent_non_empty_handed"] as? String == "1")
        let top = try #require(json["measures"] as? [String: Any])
        #expect(top["avg_satisfaction:Cost_Sat"] as? String == "525")
        let instance = try #require(json["instance_measures"] as? [String: Any])
        #expect(instance["sum_project_cost"] as? String == "1200")
    }

    @Test func severalRulesHaveNoTopLevelMeasures() throws {
        let path = try write(clean)
        let r = try run(["analyze", path, "--rule", "greedy-cost", "--rule", "mes-cost", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["measures"] == nil)
        #expect((json["rules"] as? [String: Any])?.keys.sorted() == ["greedy-cost", "mes-cost"])
    }

    @Test func selectedAndRecordedOutcomesAreAnalysed() throws {
        let text = clean.replacingOccurrences(of: "project_id;cost;name", with: "project_id;cost;name;selected")
            .replacingOccurrences(of: "1;500;\"Park; benches\"", with: "1;500;\"Park; benches\";1")
            .replacingOccurrences(of: "2;300;Library", with: "2;300;Library;0")
            .replacingOccurrences(of: "3;400;Bikes", with: "3;400;Bikes;1")
        let path = try write(text)
        let r = try run(["analyze", path, "--recorded", "--selected", "2", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let rules = try #require(json["rules"] as? [String: Any])
        #expect((rules["recorded"] as? [String: Any])?["selected"] as? [String] == ["1", "3"])
        #expect((rules["selected"] as? [String: Any])?["selected"] as? [String] == ["2"])
    }

    @Test func unknownRuleIsAUsageErrorNamingTheRules() throws {
        let path = try write(clean)
        let r = try run(["analyze", path, "--rule", "mes-costt"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("unknown rule 'mes-costt'"))
        #expect(r.stderr.contains("greedy-cost"))
    }

    @Test func unknownSelectedProjectIsNamed() throws {
        let path = try write(clean)
        let r = try run(["analyze", path, "--selected", "1,42"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no project with id '42'"))
    }

    @Test func unreadableFileFailsWithItsName() throws {
        let r = try run(["analyze", "/nonexistent/dir/x.pb", "--rule", "greedy-cost"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("/nonexistent/dir/x.pb"))
        #expect(r.stdout.isEmpty)
    }

    @Test func reachedLimitReportsUndeterminedNotAValue() throws {
        let path = try write(clean)
        let r = try run(["analyze", path, "--rule", "mes-cost", "--format", "json", "--limit", "0.000001"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let measures = try #require(json["measures"] as? [String: Any])
        let gaps = try #require(json["not_computed"] as? [String: Any])
        #expect(measures["calculate_effective_supports"] == nil)
        #expect((gaps["calculate_effective_supports"] as? [String: Any])?["status"] as? String == "undetermined")
        // The cheap measures are still there.
        #expect(measures["avg_satisfaction:Cost_Sat"] != nil)
    }

    /// The core only with `--core`. Greedy funds 1 and 2 (800 of 1000) and no group does better on
    /// its share; funding 3 alone is blocked by a, c and d, who all prefer 1 (500 ≤ 3/4 · 1000).
    @Test func coreIsDecidedOnRequest() throws {
        let path = try write(clean)
        func measures(_ args: [String]) throws -> [String: Any] {
            let r = try run(["analyze", path, "--format", "json"] + args)
            #expect(r.status == 0, "\(r.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            return try #require(json["measures"] as? [String: Any])
        }
        #expect(try measures(["--rule", "greedy-cost"])["is_in_core:Cost_Sat"] == nil)
        #expect(try measures(["--rule", "greedy-cost", "--core"])["is_in_core:Cost_Sat"] as? Bool == true)
        #expect(try measures(["--selected", "3", "--core"])["is_in_core:Cost_Sat"] as? Bool == false)
    }

    @Test func nonPositiveLimitIsRefused() throws {
        let path = try write(clean)
        let r = try run(["analyze", path, "--rule", "mes-cost", "--limit", "0"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--limit"))
    }
}
