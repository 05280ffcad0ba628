/// One line for people per measure name (the part before `:`), for text output and the export's glossary.
public enum MeasureGlossary {
    /// The measure names and their meanings, grouped, in display order.
    public static let entries: [(group: String, name: String, meaning: String)] = [
        ("instance", "sum_project_cost", "total cost of all projects"),
        ("instance", "funding_scarcity", "total cost of all projects divided by the budget"),
        ("instance", "avg_project_cost", "mean project cost"),
        ("instance", "median_project_cost", "median project cost"),
        ("instance", "std_dev_project_cost", "population standard deviation of the project costs"),
        ("instance", "avg_ballot_length", "mean number of projects on a ballot (empty ballots count as 0)"),
        ("instance", "median_ballot_length", "median ballot length, truncated to an integer as pabutools does"),
        ("instance", "avg_ballot_cost", "mean total cost of the projects on a ballot"),
        ("instance", "median_ballot_cost", "median total cost of the projects on a ballot"),
        ("instance", "avg_approval_score", "mean number of approvals per project (approval)"),
        ("instance", "median_approval_score", "median number of approvals per project (approval)"),
        ("instance", "avg_total_score", "mean total points per project (cumulative)"),
        ("instance", "median_total_score", "median total points per project (cumulative)"),
        ("instance", "votes_count_by_project", "ballots listing each project (projects on no ballot left out)"),
        ("satisfaction", "avg_satisfaction", "mean voter satisfaction with the outcome under the class after ':'"),
        ("satisfaction", "percent_positive_satisfaction", "share of voters (0-1) with positive satisfaction"),
        ("satisfaction", "gini_coefficient_of_satisfaction", "Gini coefficient of voter satisfaction (0 = equal)"),
        ("satisfaction", "satisfaction_histogram", "share of voters in 21 bins of satisfaction / largest possible"),
        (
            "satisfaction", "percent_non_empty_handed",
            "share of voters with a funded project on their ballot (cumulative: mean of the most points given to a funded project)"
        ),
        (
            "fairness", "category_proportionality",
            "exp(-mean squared gap) between funded and voted cost shares per category"
        ),
        (
            "fairness", "average_capped_fair_share_ratio",
            "mean over voters of min(share received / fair share, 1) (approval)"
        ),
        (
            "fairness", "average_normalised_distance_to_fair_share",
            "1 - mean |share received - fair share| / fair share (approval)"
        ),
        ("proportionality", "is_EJR_approval", "extended justified representation holds (approval)"),
        ("proportionality", "is_EJR_one_approval", "EJR up to one project holds (approval)"),
        ("proportionality", "is_EJR_any_approval", "EJR up to any project holds (approval)"),
        ("proportionality", "is_PJR_approval", "proportional justified representation holds (approval)"),
        ("proportionality", "is_PJR_one_approval", "PJR up to one project holds (approval)"),
        ("proportionality", "is_PJR_any_approval", "PJR up to any project holds (approval)"),
        ("proportionality", "is_EJR_cardinal", "EJR holds (cumulative, points satisfaction)"),
        ("proportionality", "is_EJR_one_cardinal", "EJR up to one project holds (cumulative)"),
        ("proportionality", "is_EJR_any_cardinal", "EJR up to any project holds (cumulative)"),
        ("proportionality", "is_PJR_cardinal", "PJR holds (cumulative)"),
        ("proportionality", "is_PJR_one_cardinal", "PJR up to one project holds (cumulative)"),
        ("proportionality", "is_PJR_any_cardinal", "PJR up to any project holds (cumulative)"),
        (
            "proportionality", "is_strong_EJR_approval",
            "strong EJR holds: every member of every cohesive group is served"
        ),
        (
            "proportionality", "is_strong_EJR_cardinal",
            "strong EJR holds: every member of every cohesive group is served (cumulative)"
        ),
        ("proportionality", "is_in_core", "no group could afford, with its share of the budget, projects it prefers"),
        (
            "proportionality", "priceable",
            "a price system supports the outcome, and it is exhaustive (pabutools' default)"
        ),
        (
            "proportionality", "priceable:exhaustive=False",
            "a price system supports the outcome (exhaustiveness not required)"
        ),
        (
            "MES", "calculate_project_loss",
            "per MES round: the supporters' budget and what they had spent on earlier projects (mes-cost)"
        ),
        (
            "MES", "calculate_effective_supports",
            "per project: % of its cost its supporters could cover at best (mes-cost)"
        ),
    ]

    /// The meaning of a measure key (`avg_satisfaction:Cost_Sat` → the entry for `avg_satisfaction`).
    public static func meaning(of key: String) -> String? {
        if let e = entries.first(where: { $0.name == key }) { return e.meaning }
        let base = key.split(separator: ":").first.map(String.init) ?? key
        return entries.first { $0.name == base }?.meaning
    }

    /// The group of a measure key.
    public static func group(of key: String) -> String {
        if let e = entries.first(where: { $0.name == key }) { return e.group }
        let base = key.split(separator: ":").first.map(String.init) ?? key
        return entries.first { $0.name == base }?.group ?? "other"
    }
}
