/// What to do about each check, in a few words (for people reading `pbsim check`'s text).
public enum CheckCatalog {
    /// The fix for one finding: the check's, made precise where the message allows (a language
    /// name gets its ISO 639-1 code, a Polish `K` for sex becomes `F`).
    public static func fix(for finding: CheckFinding) -> String? {
        let m = finding.message
        let language = "wrong language ISO 639-1 format code: "
        if m.hasPrefix(language), let code = ISOCodes.shared.languageCode(named: String(m.dropFirst(language.count))) {
            return "write `language;\(code)` (an ISO 639-1 code, not the language's name)"
        }
        if m.hasPrefix("wrong currency ISO 4217 format code: ") {
            return "write an ISO 4217 currency code, such as `PLN` or `EUR`"
        }
        if m.hasPrefix("invalid sex value 'K'") {
            return "write `F` for `K` (kobieta) and `M` for men; M, F and O only"
        }
        return fix(for: finding.check)
    }

    /// The fix for a check id, or nil for an id without one.
    public static func fix(for check: String) -> String? {
        if check.hasSuffix(" rule not followed") {
            return "set `selected` to the projects the declared rule funds, or correct `rule`"
        }
        if check.hasPrefix("not known ") { return "rename the field to a pabulib one, or drop it" }
        if check.hasPrefix("wrong ") && check.hasSuffix(" fields order") { return "reorder the fields as listed" }
        if check.hasPrefix("missing ") && check.hasSuffix(" field value") { return "add the required field" }
        if check.hasPrefix("incorrect ") && check.hasSuffix(" field datatype") {
            return "write the value as the field's type (an integer or a number with a decimal point)"
        }
        return fixes[check]
    }

    static let fixes: [String: String] = [
        "invalid encoding": "save the file as UTF-8",
        "unreadable file": "check the path and permissions",
        "file not found": "check the path",
        "empty lines removed": "delete the blank lines",
        "file structure error":
            "fix the file's layout: sections META, PROJECTS, VOTES in order, headers, unique ids, no padding spaces",
        "file structure warning": "remove the extra `;` columns",
        "comma in float!": "use a decimal point, not a comma",
        "selected sentinel-cost project": "unselect the withdrawn project (cost 999999999)",
        "project with no cost": "give the project its cost",
        "single project exceeded whole budget": "check the project's cost and the budget",
        "budget exceeded": "the selected projects cost more than the budget: check `selected` and `budget`",
        "wrong fully_funded flag": "remove `fully_funded`: the budget does not cover every project",
        "fully_funded flag different than 1!": "set `fully_funded` to 1 or remove it",
        "all projects funded": "add `fully_funded;1` to META, or check the budget",
        "unused budget": "select the projects that still fit, or explain the rule",
        "missing num_votes field": "set `num_votes` to the number of voters",
        "invalid num_votes field": "set `num_votes` to an integer: the number of voters",
        "different number of votes": "set `num_votes` to the number of voters in VOTES (or restore the missing votes)",
        "different number of projects": "set `num_projects` to the number of projects in PROJECTS",
        "whitespace around vote separator": "write project ids as `1,2,3`, without spaces",
        "whitespace around list separator": "write list items as `a,b,c`, without spaces around commas",
        "vote length exceeded": "check `max_length` or the ballot",
        "vote length too short": "check `min_length` or the ballot",
        "no_max_length_used": "check `max_length`",
        "average vote length equals one": "check `max_length`: every ballot names one project",
        "vote with duplicated projects": "list each project once per ballot",
        "incompatible meta field for vote_type": "remove the points fields this vote type does not use",
        "missing points for vote_type": "give each ballot its points",
        "unexpected points for vote_type": "remove the points, or change `vote_type`",
        "invalid choose-1 vote length": "each choose-1 ballot names exactly one project",
        "vote/points length mismatch": "give one point value per project in the ballot",
        "invalid points value": "write points as numbers",
        "negative cumulative points": "cumulative points cannot be negative",
        "points below minimum": "check `min_points` or the ballot",
        "points above maximum": "check `max_points` or the ballot",
        "points sum below minimum": "check `min_sum_points` or the ballot",
        "points sum above maximum": "check `max_sum_points` or the ballot",
        "vote order not sorted by points": "list each ballot's projects by decreasing points",
        "approval vote cost below minimum": "check `min_sum_cost` or the ballot",
        "approval vote cost above maximum": "check `max_sum_cost` or the ballot",
        "vote for non-existent project": "add the project to PROJECTS or remove it from the ballot",
        "No votes or score counted in PROJECTS section": "add a `votes` (or `score`) column",
        "project with no votes": "check whether the project was on the ballot",
        "different values in votes": "set each project's `votes` to the number of ballots naming it",
        "different values in scores": "set each project's `score` to its total points",
        "missing selected field in projects": "add a `selected` column (1 funded, 0 not)",
        "unknown rule value": "use one of the rule names listed",
        "rule validation skipped": "name the rule if it is known",
        "incorrect rule with threshold": "use `rule;greedy-threshold`",
        "missing threshold field": "add `min_project_score_threshold`",
        "threshold violation": "unselect the projects below the threshold",
        "greedy-exclusive potential mismatch": "check the exclusions by hand",
        "missing comment for greedy-custom": "describe the custom rule in `comment`",
        "greedy-custom cannot be verified": "check the custom rule by hand",
        "poznan rule not followed": "check `selected` against Poznań's 80 % rule",
        "equalshares unsupported vote_type": "equal shares is checked on approval ballots only",
        "invalid meta field value": "use the documented value format (ISO codes, `YYYY` or `DD.MM.YYYY` dates, ...)",
        "invalid projects field value": "use the documented value (e.g. `beneficiaries`, not `target`)",
        "invalid votes field value": "use the documented values (sex M/F/O, age as `40` or `40-59`)",
        "date range missmatch": "swap or correct `date_begin` and `date_end`",
        "invalid choose-1 meta constraint": "choose-1 ballots have `min_length`/`max_length` 1",
        "choose-1 vote_type suggested": "consider `vote_type;choose-1`",
        "unused declared metadata values": "drop the unused values from the META list",
        "undeclared metadata values used": "add the values to the META list",
        "duplicate values inside list field": "list each value once",
        "inconsistent label normalization": "spell each label one way",
        "invalid comment numbering": "number comments `#1: ...`, `#2: ...`",
        "non-sequential comment numbering": "number comments 1, 2, 3, ...",
        "identical project coordinates": "give each project its own location",
    ]
}
