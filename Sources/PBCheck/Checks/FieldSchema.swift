/// The type the checker converts a field's text to (`int()`, `float()`, `str`, `list`).
enum FieldType {
    case int, float, string, list

    /// The default the checker gives a missing obligatory field, as text.
    var defaultText: String {
        switch self {
        case .int: return "0"
        case .float: return "0.0"
        case .string: return ""
        case .list: return "[]"
        }
    }

    var pythonName: String {
        switch self {
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .list: return "list"
        }
    }
}

/// What a value must satisfy beyond its type.
enum FieldRule {
    case country, voteType, date, language, currency, onlyOne, commentStart, selected, age, sex, votingMethod
}

/// One field of the pabulib format as pabulib-checker 1.0.8 defines it (`pabulib_helpers/fields.py`).
struct FieldSpec {
    var type: FieldType
    var obligatory = false
    var nullable = false
    var rule: FieldRule?
}

/// The three field tables, in canonical order.
enum FieldSchema {
    static let meta: [(String, FieldSpec)] = [
        ("description", FieldSpec(type: .string, obligatory: true)),
        ("country", FieldSpec(type: .string, obligatory: true, rule: .country)),
        ("unit", FieldSpec(type: .string, obligatory: true)),
        ("district", FieldSpec(type: .string)),
        ("subunit", FieldSpec(type: .string)),
        ("instance", FieldSpec(type: .string, obligatory: true)),
        ("num_projects", FieldSpec(type: .int, obligatory: true)),
        ("num_votes", FieldSpec(type: .int, obligatory: true)),
        ("budget", FieldSpec(type: .float, obligatory: true)),
        ("vote_type", FieldSpec(type: .string, obligatory: true, rule: .voteType)),
        ("rule", FieldSpec(type: .string, obligatory: true)),
        ("date_begin", FieldSpec(type: .string, obligatory: true, rule: .date)),
        ("date_end", FieldSpec(type: .string, obligatory: true, rule: .date)),
        ("min_length", FieldSpec(type: .int)),
        ("max_length", FieldSpec(type: .int)),
        ("min_sum_cost", FieldSpec(type: .float)),
        ("max_sum_cost", FieldSpec(type: .float)),
        ("min_points", FieldSpec(type: .int)),
        ("max_points", FieldSpec(type: .int)),
        ("min_sum_points", FieldSpec(type: .int)),
        ("max_sum_points", FieldSpec(type: .int)),
        ("default_score", FieldSpec(type: .int)),
        ("min_project_cost", FieldSpec(type: .int)),
        ("max_project_cost", FieldSpec(type: .int)),
        ("min_project_score_threshold", FieldSpec(type: .int)),
        ("neighborhoods", FieldSpec(type: .string)),
        ("subdistricts", FieldSpec(type: .string)),
        ("categories", FieldSpec(type: .string)),
        ("edition", FieldSpec(type: .string)),
        ("language", FieldSpec(type: .string, rule: .language)),
        ("currency", FieldSpec(type: .string, rule: .currency)),
        ("fully_funded", FieldSpec(type: .int, rule: .onlyOne)),
        ("experimental", FieldSpec(type: .int, rule: .onlyOne)),
        ("comment", FieldSpec(type: .string, rule: .commentStart)),
        ("acknowledgments", FieldSpec(type: .string)),
        ("leftover_budget", FieldSpec(type: .string)),
        ("budget_per_category", FieldSpec(type: .list)),
        ("budget_per_neighborhood", FieldSpec(type: .list)),
        ("min_length_per_category", FieldSpec(type: .int)),
        ("max_length_per_category", FieldSpec(type: .int)),
        ("min_sum_cost_per_category", FieldSpec(type: .list)),
        ("max_sum_cost_per_category", FieldSpec(type: .list)),
    ]

    static let projects: [(String, FieldSpec)] = [
        ("project_id", FieldSpec(type: .string, obligatory: true)),
        ("cost", FieldSpec(type: .float, obligatory: true)),
        ("votes", FieldSpec(type: .int)),
        ("score", FieldSpec(type: .int)),
        ("name", FieldSpec(type: .string)),
        ("category", FieldSpec(type: .list, nullable: true)),
        ("beneficiaries", FieldSpec(type: .list, nullable: true)),
        ("selected", FieldSpec(type: .int, rule: .selected)),
        ("neighborhood", FieldSpec(type: .string)),
        ("subunit", FieldSpec(type: .string)),
        ("district", FieldSpec(type: .string)),
        ("description", FieldSpec(type: .string)),
        ("proposer", FieldSpec(type: .string)),
        ("public_id", FieldSpec(type: .string)),
        ("latitude", FieldSpec(type: .float, nullable: true)),
        ("longitude", FieldSpec(type: .float, nullable: true)),
    ]

    static let votes: [(String, FieldSpec)] = [
        ("voter_id", FieldSpec(type: .string, obligatory: true)),
        ("vote", FieldSpec(type: .list, obligatory: true)),
        ("points", FieldSpec(type: .list)),
        ("age", FieldSpec(type: .string, nullable: true, rule: .age)),
        ("sex", FieldSpec(type: .string, nullable: true, rule: .sex)),
        ("voting_method", FieldSpec(type: .string, rule: .votingMethod)),
        ("district", FieldSpec(type: .string, nullable: true)),
        ("neighborhood", FieldSpec(type: .string, nullable: true)),
        ("education", FieldSpec(type: .string, nullable: true)),
        ("topic_preference_transport", FieldSpec(type: .int)),
        ("topic_preference_culture", FieldSpec(type: .int)),
        ("topic_preference_nature", FieldSpec(type: .int)),
        ("district_preference", FieldSpec(type: .string)),
        ("time_taken_seconds", FieldSpec(type: .int)),
        ("format_easiness", FieldSpec(type: .string)),
        ("format_expressiveness", FieldSpec(type: .string)),
        ("format_rank", FieldSpec(type: .string)),
    ]

    /// Position of each field in its table's canonical order.
    static func positions(_ table: [(String, FieldSpec)]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: table.enumerated().map { ($1.0, $0) })
    }
}
