import Foundation

/// A small approval file with no finding at all, and ways to break it.
let cleanFile = """
    META
    key;value
    description;Test
    country;Poland
    unit;Testville
    instance;2024
    num_projects;3
    num_votes;4
    budget;1000
    vote_type;approval
    rule;greedy
    date_begin;01.01.2024
    date_end;31.01.2024
    max_length;2
    language;pl
    currency;PLN
    PROJECTS
    project_id;cost;votes;name;selected
    1;600;3;A;1
    2;500;2;B;0
    3;300;1;C;1
    VOTES
    voter_id;vote
    1;1,2
    2;1,3
    3;1
    4;2

    """

/// A cumulative file with no finding (points non-increasing, scores matching).
let cleanCumulative = """
    META
    key;value
    description;Test
    country;Poland
    unit;Testville
    instance;2024
    num_projects;2
    num_votes;3
    budget;1000
    vote_type;cumulative
    rule;greedy
    date_begin;2024
    date_end;2024
    max_sum_points;5
    PROJECTS
    project_id;cost;score;name;selected
    1;600;8;A;1
    2;500;4;B;0
    VOTES
    voter_id;vote;points
    1;1,2;3,2
    2;1,2;4,1
    3;2,1;1,1

    """

/// `text` with each (old, new) replacement applied once, in order.
func edit(_ text: String, _ changes: [(String, String)]) -> String {
    var t = text
    for (old, new) in changes {
        guard let r = t.range(of: old) else { fatalError("no \(old) in the file") }
        t.replaceSubrange(r, with: new)
    }
    return t
}
