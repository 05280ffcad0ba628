import Testing

@testable import PBCheck

/// One check triggered on a minimal file: the change, the id and level it must give, and the
/// line (when the finding belongs to one row).
struct CheckCase: Sendable, CustomTestStringConvertible {
    var check: String
    var error = true
    var base = cleanFile
    var changes: [(String, String)]
    var line: Int?
    var testDescription: String { check + (error ? "" : " (warning)") }

    init(
        _ check: String, error: Bool = true, base: String = cleanFile, _ changes: [(String, String)], line: Int? = nil
    ) {
        self.check = check
        self.error = error
        self.base = base
        self.changes = changes
        self.line = line
    }
}

let checkCases: [CheckCase] = [
    CheckCase("empty lines removed", error: false, [("PROJECTS\n", "\nPROJECTS\n")]),
    CheckCase("file structure error", [("rule;greedy", "rule ;greedy")], line: 11),
    CheckCase("file structure error", [("key;value\n", "")]),
    CheckCase("file structure error", [("3;300;1;C;1", "2;300;1;C;1")], line: 21),
    CheckCase("file structure error", [("4;2\n", "4;2\n4;1\n")], line: 28),
    CheckCase("file structure error", [("META\n", "# comment\nMETA\n")], line: 1),
    CheckCase("file structure warning", error: false, [("4;2", "4;2;")], line: 27),
    CheckCase("comma in float!", [("budget;1000", "budget;1000,5")], line: 9),
    CheckCase("comma in float!", [("3;300;1", "3;300,5;1")], line: 21),
    CheckCase("selected sentinel-cost project", [("3;300;1;C;1", "3;999999999;1;C;1")], line: 21),
    CheckCase("single project exceeded whole budget", error: false, [("2;500;2", "2;999999999;2")], line: 20),
    CheckCase("single project exceeded whole budget", [("2;500;2", "2;1500;2")], line: 20),
    CheckCase("project with no cost", [("2;500;2", "2;0.5;2")], line: 20),
    CheckCase("budget exceeded", [("2;500;2;B;0", "2;500;2;B;1")]),
    CheckCase("wrong fully_funded flag", [("currency;PLN", "currency;PLN\nfully_funded;1")]),
    CheckCase("fully_funded flag different than 1!", [("currency;PLN", "currency;PLN\nfully_funded;2")]),
    CheckCase("all projects funded", [("budget;1000", "budget;1400")]),
    CheckCase("unused budget", [("3;300;1;C;1", "3;300;1;C;0"), ("budget;1000", "budget;1100")]),
    CheckCase(
        "unused budget", error: false, [("rule;greedy", "rule;greedy-exclusive"), ("3;300;1;C;1", "3;300;1;C;0")]),
    CheckCase("missing num_votes field", [("num_votes;4\n", "")]),
    CheckCase("invalid num_votes field", [("num_votes;4", "num_votes;four")], line: 8),
    CheckCase("different number of votes", [("num_votes;4", "num_votes;343")], line: 8),
    CheckCase("different number of projects", [("num_projects;3", "num_projects;4")], line: 7),
    CheckCase("whitespace around vote separator", [("1;1,2", "1;1, 2")], line: 24),
    CheckCase("whitespace around list separator", [("name;selected", "name;selected;category"), ("A;1", "A;1;a ,b")]),
    CheckCase("vote length exceeded", [("4;2", "4;2,3,1")], line: 27),
    CheckCase("vote length too short", [("max_length;2", "min_length;2\nmax_length;2")], line: 27),
    CheckCase("no_max_length_used", error: false, [("max_length;2", "max_length;3")]),
    CheckCase(
        "average vote length equals one", error: false,
        [("1;1,2", "1;1"), ("2;1,3", "2;3"), ("1;600;3", "1;600;2"), ("2;500;2", "2;500;1"), ("3;300;1;", "3;300;2;")]),
    CheckCase("vote with duplicated projects", [("3;1\n", "3;1,1\n")], line: 26),
    CheckCase("incompatible meta field for vote_type", error: false, [("currency;PLN", "currency;PLN\nmax_points;3")]),
    CheckCase("missing points for vote_type", base: cleanCumulative, [("3;2,1;1,1", "3;2,1;")], line: 23),
    CheckCase("unexpected points for vote_type", [("voter_id;vote", "voter_id;vote;points"), ("3;1\n", "3;1;5\n")]),
    CheckCase(
        "invalid choose-1 vote length",
        [("vote_type;approval", "vote_type;choose-1"), ("max_length;2\n", ""), ("1;1,2", "1;1")], line: 24),
    CheckCase("vote/points length mismatch", base: cleanCumulative, [("3;2,1;1,1", "3;2,1;1")], line: 23),
    CheckCase("invalid points value", base: cleanCumulative, [("3;2,1;1,1", "3;2,1;1,x")], line: 23),
    CheckCase("negative cumulative points", base: cleanCumulative, [("3;2,1;1,1", "3;2,1;1,-1")], line: 23),
    CheckCase("points below minimum", base: cleanCumulative, [("max_sum_points;5", "max_sum_points;5\nmin_points;2")]),
    CheckCase("points above maximum", base: cleanCumulative, [("max_sum_points;5", "max_sum_points;5\nmax_points;3")]),
    CheckCase(
        "points sum below minimum", error: false, base: cleanCumulative,
        [("max_sum_points;5", "max_sum_points;5\nmin_sum_points;3")]),
    CheckCase(
        "points sum above maximum", error: false, base: cleanCumulative, [("max_sum_points;5", "max_sum_points;4")]),
    CheckCase("vote order not sorted by points", error: false, base: cleanCumulative, [("1;1,2;3,2", "1;2,1;2,3")]),
    CheckCase("approval vote cost below minimum", error: false, [("max_length;2", "max_length;2\nmin_sum_cost;700")]),
    CheckCase("approval vote cost above maximum", error: false, [("max_length;2", "max_length;2\nmax_sum_cost;800")]),
    CheckCase("vote for non-existent project", [("4;2", "4;9")], line: 27),
    CheckCase(
        "No votes or score counted in PROJECTS section", error: false,
        [("cost;votes;name", "cost;name"), ("1;600;3;", "1;600;"), ("2;500;2;", "2;500;"), ("3;300;1;", "3;300;")]),
    CheckCase(
        "project with no votes", error: false,
        [
            ("votes;name;selected", "votes;name;selected"), ("num_projects;3", "num_projects;4"),
            ("3;300;1;C;1\n", "3;300;1;C;1\n5;10;0;E;0\n"),
        ]),
    CheckCase("different values in votes", [("2;500;2", "2;500;5")], line: 20),
    CheckCase("different values in scores", base: cleanCumulative, [("1;600;8", "1;600;7")], line: 17),
    CheckCase(
        "missing selected field in projects", error: false,
        [("name;selected", "name"), ("A;1", "A"), ("B;0", "B"), ("C;1", "C")]),
    CheckCase("unknown rule value", [("rule;greedy", "rule;greedy-cost")]),
    CheckCase("rule validation skipped", error: false, [("rule;greedy", "rule;unknown")]),
    CheckCase("incorrect rule with threshold", [("currency;PLN", "currency;PLN\nmin_project_score_threshold;0")]),
    CheckCase("greedy rule not followed", [("1;600;3;A;1", "1;600;3;A;0"), ("2;500;2;B;0", "2;500;2;B;1")]),
    CheckCase(
        "greedy-threshold rule not followed",
        [("rule;greedy", "rule;greedy-threshold"), ("currency;PLN", "currency;PLN\nmin_project_score_threshold;2")]),
    CheckCase("missing threshold field", [("rule;greedy", "rule;greedy-threshold")]),
    CheckCase("greedy-no-skip rule not followed", [("rule;greedy", "rule;greedy-no-skip")]),
    CheckCase(
        "threshold violation",
        [("rule;greedy", "rule;greedy-no-skip"), ("currency;PLN", "currency;PLN\nmin_project_score_threshold;2")]),
    CheckCase(
        "greedy-exclusive potential mismatch", error: false,
        [("rule;greedy", "rule;greedy-exclusive"), ("3;300;1;C;1", "3;300;1;C;0")]),
    CheckCase("missing comment for greedy-custom", error: false, [("rule;greedy", "rule;greedy-custom")]),
    CheckCase(
        "greedy-custom cannot be verified", error: false,
        [("rule;greedy", "rule;greedy-custom"), ("3;300;1;C;1", "3;300;1;C;0")]),
    CheckCase(
        "poznan rule not followed",
        [("rule;greedy", "rule;greedy-custom"), ("unit;Testville", "unit;Poznań"), ("2;500;2;B;0", "2;500;2;B;1")]),
    CheckCase(
        "poznan rule not followed", error: false,
        [("rule;greedy", "rule;greedy-custom"), ("unit;Testville", "unit;Poznań"), ("budget;1000", "budget;1050")]),
    CheckCase(
        "equalshares unsupported vote_type", error: false, base: cleanCumulative, [("rule;greedy", "rule;equalshares")]),
    CheckCase("equalshares rule not followed", [("rule;greedy", "rule;equalshares")]),
    CheckCase(
        "equalshares/add1 rule not followed",
        [("rule;greedy", "rule;equalshares/add1"), ("1;600;3;A;1", "1;600;3;A;0")]),
    CheckCase(
        "equalshares-comparison rule not followed",
        [("rule;greedy", "rule;equalshares-comparison"), ("1;600;3;A;1", "1;600;3;A;0")]),
    CheckCase("not known meta fields", [("currency;PLN", "currency;PLN\nsource;web")]),
    CheckCase("not known projects fields", [("name;selected", "name;selected;status"), ("A;1", "A;1;ok")]),
    CheckCase("not known votes fields", [("voter_id;vote", "voter_id;vote;postal_code"), ("1;1,2", "1;1,2;00-001")]),
    CheckCase("invalid projects field value", [("name;selected", "name;selected;target"), ("A;1", "A;1;kids")]),
    CheckCase(
        "wrong meta fields order", error: false,
        [("country;Poland\n", ""), ("currency;PLN", "currency;PLN\ncountry;Poland")]),
    CheckCase(
        "wrong projects fields order", error: false,
        [
            ("cost;votes;name", "cost;name;votes"), ("600;3;A", "600;A;3"), ("500;2;B", "500;B;2"),
            ("300;1;C", "300;C;1"),
        ]),
    CheckCase(
        "wrong votes fields order", error: false, [("voter_id;vote", "voter_id;vote;sex;age"), ("1;1,2", "1;1,2;M;30")]),
    CheckCase("missing meta field value", [("date_end;31.01.2024\n", "")]),
    CheckCase("missing meta field value", base: cleanCumulative, [("max_sum_points;5\n", "")]),
    CheckCase(
        "missing votes field value",
        [("voter_id;vote", "voter_id"), ("1;1,2", "1"), ("2;1,3", "2"), ("3;1\n", "3\n"), ("4;2", "4")]),
    CheckCase("invalid meta field value", [("description;Test", "description;")], line: 3),
    CheckCase("invalid meta field value", [("language;pl", "language;polish")], line: 15),
    CheckCase("invalid meta field value", [("currency;PLN", "currency;ZLT")], line: 16),
    CheckCase("invalid meta field value", [("country;Poland", "country;Polska")], line: 4),
    CheckCase("invalid meta field value", [("vote_type;approval", "vote_type;approvals")]),
    CheckCase("invalid meta field value", [("date_begin;01.01.2024", "date_begin;1.01.2024")]),
    CheckCase("invalid meta field value", [("date_begin;01.01.2024", "date_begin;30.02.2024")]),
    CheckCase("invalid meta field value", [("currency;PLN", "currency;PLN\nexperimental;0")]),
    CheckCase("invalid meta field value", [("num_projects;3", "num_projects;1"), ("max_length;2", "max_length;2")]),
    CheckCase("incorrect meta field datatype", [("currency;PLN", "currency;PLN\nexperimental;yes")]),
    CheckCase("incorrect projects field datatype", [("1;600;3;A;1", "1;six hundred;3;A;1")], line: 19),
    CheckCase(
        "incorrect votes field datatype",
        [("voter_id;vote", "voter_id;vote;time_taken_seconds"), ("1;1,2", "1;1,2;12.5")], line: 24),
    CheckCase("invalid projects field value", [("2;500;2;B;0", "2;500;2;;0")], line: 20),
    CheckCase("invalid projects field value", [("2;500;2;B;0", "2;500;2;B;4")], line: 20),
    CheckCase("invalid votes field value", [("voter_id;vote", "voter_id;vote;sex"), ("1;1,2", "1;1,2;K")], line: 24),
    CheckCase(
        "invalid votes field value", [("voter_id;vote", "voter_id;vote;age"), ("1;1,2", "1;1,2;59-40")], line: 24),
    CheckCase("date range missmatch", [("date_end;31.01.2024", "date_end;31.12.2023")]),
    CheckCase("invalid choose-1 meta constraint", [("vote_type;approval", "vote_type;choose-1")]),
    CheckCase(
        "choose-1 vote_type suggested", error: false,
        [
            ("max_length;2", "max_length;1"), ("1;1,2", "1;1"), ("2;1,3", "2;3"), ("1;600;3", "1;600;2"),
            ("2;500;2", "2;500;1"), ("3;300;1;", "3;300;2;"),
        ]),
    CheckCase(
        "unused declared metadata values", error: false,
        [
            ("currency;PLN", "currency;PLN\ncategories;a,b,c"), ("name;selected", "name;selected;category"),
            ("A;1", "A;1;a"),
        ]),
    CheckCase(
        "undeclared metadata values used", error: false,
        [("currency;PLN", "currency;PLN\ncategories;a"), ("name;selected", "name;selected;category"), ("A;1", "A;1;b")]),
    CheckCase(
        "duplicate values inside list field", error: false,
        [("name;selected", "name;selected;category"), ("A;1", "A;1;a,a")]),
    CheckCase(
        "inconsistent label normalization", error: false,
        [("name;selected", "name;selected;category"), ("A;1", "A;1;Zieleń"), ("B;0", "B;0;zielen")]),
    CheckCase("invalid comment numbering", [("currency;PLN", "currency;PLN\ncomment;free text")]),
    CheckCase(
        "non-sequential comment numbering", error: false, [("currency;PLN", "currency;PLN\ncomment;#1: a #3: b")]),
    CheckCase(
        "identical project coordinates", error: false,
        [("name;selected", "name;selected;latitude;longitude"), ("A;1", "A;1;51.1;17.0"), ("B;0", "B;0;51.1;17.0")]),
    CheckCase(
        "invalid projects field value",
        [("name;selected", "name;selected;latitude;longitude"), ("A;1", "A;1;95.1;17.0")], line: 19),
]

@Suite("pabulib-checker checks, each on a minimal file")
struct ChecksTests {
    @Test("the clean files give no finding")
    func cleanFiles() {
        for text in [cleanFile, cleanCumulative] {
            let r = PabulibCheck.check(text: text, file: "clean.pb")
            #expect(r.errors.isEmpty && r.warnings.isEmpty, "\(r.errors + r.warnings)")
        }
    }

    @Test(arguments: checkCases)
    func check(_ c: CheckCase) {
        let r = PabulibCheck.check(text: edit(c.base, c.changes), file: "case.pb")
        let findings = c.error ? r.errors : r.warnings
        let hits = findings.filter { $0.check == c.check }
        #expect(!hits.isEmpty, "errors \(r.errors.map(\.check)), warnings \(r.warnings.map(\.check))")
        if let line = c.line { #expect(hits.contains { $0.line == line }, "\(hits)") }
        #expect(!r.errors.contains { $0.check == "processing error" })
    }
}
