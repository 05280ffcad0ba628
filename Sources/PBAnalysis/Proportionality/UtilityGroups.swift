import PBRules

/// Voters merged by identical satisfaction per project under one satisfaction class, with their
/// multiplicities: the sparse rows the proportionality checks work on. Under `.cardinality` a row
/// is a distinct ballot as a set of projects (what priceability, EJR/PJR and fair share group by).
///
/// A project the voter gets nothing from (not listed, 0 points, cost 0, last in a ranking) is
/// left out of the voter's row, so rows read a missing project as 0, as the measures do.
struct UtilityGroups {
    /// Row starts into ``projects`` and ``utilities``.
    private(set) var offsets: [Int] = [0]
    /// Projects of each row, ascending.
    private(set) var projects: [Int] = []
    /// The satisfaction the row's voters get from each of its projects, in the class's units.
    private(set) var utilities: [Int64] = []
    /// Voters per row.
    private(set) var multiplicity: [Int] = []

    init(_ profile: AnalysisProfile, _ sat: Satisfaction) {
        let inst = profile.instance
        var index: [[Int64]: Int] = [:]
        var key: [Int64] = []
        var row: [(project: Int, utility: Int64)] = []
        for v in 0..<inst.voterCount {
            let r = inst.ballot(v)
            key.removeAll(keepingCapacity: true)
            row.removeAll(keepingCapacity: true)
            for (pos, k) in r.enumerated() {
                let p = Int(inst.items[k])
                let u: Int64
                switch sat {
                case .cost: u = inst.costs[p]
                case .cardinality: u = 1
                case .points: u = inst.points[k]
                case .borda: u = Int64(r.count - pos - 1)
                }
                if u > 0 { row.append((p, u)) }
            }
            row.sort { $0.project < $1.project }
            for e in row {
                key.append(Int64(e.project))
                key.append(e.utility)
            }
            if let g = index[key] {
                multiplicity[g] += 1
            } else {
                index[key] = multiplicity.count
                multiplicity.append(1)
                for e in row {
                    projects.append(e.project)
                    utilities.append(e.utility)
                }
                offsets.append(projects.count)
            }
        }
    }

    /// The number of rows.
    var count: Int { multiplicity.count }
    /// The positions of row `g` in ``projects`` and ``utilities``.
    func range(_ g: Int) -> Range<Int> { offsets[g]..<offsets[g + 1] }

    /// The projects of row `g`, ascending.
    func projects(of g: Int) -> ArraySlice<Int> { projects[range(g)] }

    /// Each row's satisfaction with the projects in `set` (a mask by project).
    func satisfaction(with set: [Bool]) -> [Int128] {
        (0..<count).map { g in
            range(g).reduce(Int128(0)) { $0 + (set[projects[$1]] ? Int128(utilities[$1]) : 0) }
        }
    }

    /// Row by project: each row's utility per project, dense (`rows × projectCount`).
    func dense(projectCount: Int) -> [[Int64]] {
        (0..<count).map { g in
            var row = [Int64](repeating: 0, count: projectCount)
            for i in range(g) { row[projects[i]] = utilities[i] }
            return row
        }
    }
}
