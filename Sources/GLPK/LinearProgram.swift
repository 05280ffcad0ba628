internal import CGLPK

/// A linear or mixed-integer program solved by GLPK, owned by Swift.
///
/// Columns (variables) and rows (constraints) are numbered from 0. Rows are collected in Swift and
/// handed to GLPK in one piece when solving, so building a large program costs no C calls per
/// coefficient.
///
/// ```swift
/// let lp = LinearProgram()
/// let x = lp.addColumns(2, bound: .lower(0))
/// lp.addRow([(x, 1), (x + 1, 1)], bound: .upper(1))
/// lp.addRow([(x, 1)], bound: .lower(0.5))
/// lp.solve()          // .feasible
/// ```
///
/// Not thread-safe: use one program per task (GLPK keeps its environment per thread).
public final class LinearProgram {
    /// The bounds of a variable or of a constraint's value.
    public enum Bound: Sendable, Hashable {
        case free
        case lower(Double)
        case upper(Double)
        case range(Double, Double)
        case fixed(Double)
    }

    /// What a solve established.
    public enum Outcome: Sendable, Hashable, CustomStringConvertible {
        /// A solution satisfies every constraint (for a MIP, with integral integer columns).
        case feasible
        /// No solution exists.
        case infeasible
        /// The time limit came first.
        case timeLimit
        /// GLPK stopped for another reason (its return code and name).
        case failed(String)

        public var description: String {
            switch self {
            case .feasible: return "feasible"
            case .infeasible: return "infeasible"
            case .timeLimit: return "time limit reached"
            case .failed(let why): return "GLPK failed: \(why)"
            }
        }
    }

    private let problem: OpaquePointer
    private var columnCount = 0
    private var integerColumns: [Int] = []
    private var rowBounds: [Bound] = []
    private var rowIndex: [Int32] = [0]
    private var columnIndex: [Int32] = [0]
    private var values: [Double] = [0]

    /// Creates an empty program (feasibility: no objective unless one is set).
    public init() {
        glp_term_out(GLP_OFF)
        problem = glp_create_prob()
    }

    deinit { glp_delete_prob(problem) }

    /// The number of columns.
    public var columns: Int { columnCount }

    /// Adds `count` columns with the same bound; returns the index of the first.
    @discardableResult
    public func addColumns(_ count: Int, bound: Bound, integer: Bool = false) -> Int {
        precondition(count > 0, "addColumns: count must be positive")
        let first = columnCount
        glp_add_cols(problem, Int32(count))
        columnCount += count
        for j in first..<columnCount {
            setBound(column: j, bound)
            if integer { integerColumns.append(j) }
        }
        return first
    }

    /// Changes a column's bound.
    public func setBound(column j: Int, _ bound: Bound) {
        precondition(j >= 0 && j < columnCount, "column out of range")
        let (type, lo, hi) = Self.glpBound(bound)
        glp_set_col_bnds(problem, Int32(j + 1), type, lo, hi)
    }

    /// Sets a column's objective coefficient (the program maximises).
    public func setObjective(column j: Int, _ coefficient: Double) {
        glp_set_obj_dir(problem, GLP_MAX)
        glp_set_obj_coef(problem, Int32(j + 1), coefficient)
    }

    /// Adds a constraint `bound` on `Σ value × column`; zero coefficients are dropped.
    public func addRow(_ coefficients: [(column: Int, value: Double)], bound: Bound) {
        let row = Int32(rowBounds.count + 1)
        rowBounds.append(bound)
        for (j, v) in coefficients where v != 0 {
            precondition(j >= 0 && j < columnCount, "addRow: column \(j) out of range")
            rowIndex.append(row)
            columnIndex.append(Int32(j + 1))
            values.append(v)
        }
    }

    /// The value of a column in the last solution found.
    public func value(column j: Int) -> Double {
        integerColumns.isEmpty ? glp_get_col_prim(problem, Int32(j + 1)) : glp_mip_col_val(problem, Int32(j + 1))
    }

    private var loaded = false

    private func load() {
        guard !loaded else { return }
        loaded = true
        if !rowBounds.isEmpty {
            glp_add_rows(problem, Int32(rowBounds.count))
            for (i, b) in rowBounds.enumerated() {
                let (type, lo, hi) = Self.glpBound(b)
                glp_set_row_bnds(problem, Int32(i + 1), type, lo, hi)
            }
        }
        for j in integerColumns { glp_set_col_kind(problem, Int32(j + 1), GLP_IV) }
        let count = Int32(values.count - 1)
        rowIndex.withUnsafeBufferPointer { ia in
            columnIndex.withUnsafeBufferPointer { ja in
                values.withUnsafeBufferPointer { ar in
                    glp_load_matrix(problem, count, ia.baseAddress, ja.baseAddress, ar.baseAddress)
                }
            }
        }
    }

    /// Solves the program: the simplex method for a linear program (confirmed in exact rational
    /// arithmetic by GLPK's `glp_exact` when `exact` is set), branch and bound for one with integer
    /// columns.
    ///
    /// - Parameters:
    ///   - timeLimit: seconds, or `nil` for none.
    ///   - exact: for linear programs, confirm the floating-point answer in rational arithmetic.
    public func solve(timeLimit: Double? = nil, exact: Bool = false) -> Outcome {
        let start = ContinuousClock.now
        load()
        guard columnCount > 0 else { return rowBounds.allSatisfy(Self.admitsZero) ? .feasible : .infeasible }
        let ms = timeLimit.map { Int32(max(1, min(Double(Int32.max), $0 * 1000))) } ?? Int32.max
        if !integerColumns.isEmpty {
            var parm = glp_iocp()
            glp_init_iocp(&parm)
            parm.msg_lev = GLP_MSG_OFF
            parm.presolve = GLP_ON
            parm.tm_lim = ms
            let r = glp_intopt(problem, &parm)
            if r == GLP_ENOPFS || r == GLP_ENODFS { return .infeasible }
            let status = glp_mip_status(problem)
            if status == GLP_OPT || status == GLP_FEAS { return .feasible }
            if r == GLP_ETMLIM { return .timeLimit }
            if r == 0 && status == GLP_NOFEAS { return .infeasible }
            return .failed(Self.name(r))
        }
        glp_scale_prob(problem, GLP_SF_AUTO)
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        parm.presolve = exact ? GLP_OFF : GLP_ON
        parm.tm_lim = ms
        var r = glp_simplex(problem, &parm)
        if r == GLP_ETMLIM { return .timeLimit }
        if r == GLP_ENOPFS { return .infeasible }
        if exact && (r == 0 || r == GLP_EITLIM) {
            // The exact pass gets what the simplex left of the limit, not a limit of its own.
            let used = (ContinuousClock.now - start).components
            let left = Int64(ms) - used.seconds * 1000 - used.attoseconds / 1_000_000_000_000_000
            guard left > 0 else { return .timeLimit }
            parm.tm_lim = Int32(clamping: left)
            r = glp_exact(problem, &parm)
            if r == GLP_ETMLIM { return .timeLimit }
        }
        guard r == 0 else { return .failed(Self.name(r)) }
        switch glp_get_status(problem) {
        case GLP_OPT, GLP_FEAS, GLP_UNBND: return .feasible
        case GLP_NOFEAS, GLP_INFEAS: return glp_get_prim_stat(problem) == GLP_FEAS ? .feasible : .infeasible
        default: return .failed("status \(glp_get_status(problem))")
        }
    }

    private static func admitsZero(_ b: Bound) -> Bool {
        switch b {
        case .free: return true
        case .lower(let lo): return lo <= 0
        case .upper(let hi): return hi >= 0
        case .range(let lo, let hi): return lo <= 0 && hi >= 0
        case .fixed(let v): return v == 0
        }
    }

    private static func glpBound(_ b: Bound) -> (Int32, Double, Double) {
        switch b {
        case .free: return (GLP_FR, 0, 0)
        case .lower(let lo): return (GLP_LO, lo, 0)
        case .upper(let hi): return (GLP_UP, 0, hi)
        case .range(let lo, let hi): return lo == hi ? (GLP_FX, lo, hi) : (GLP_DB, lo, hi)
        case .fixed(let v): return (GLP_FX, v, v)
        }
    }

    private static func name(_ code: Int32) -> String {
        switch code {
        case GLP_EBADB: return "invalid basis (GLP_EBADB)"
        case GLP_ESING: return "singular matrix (GLP_ESING)"
        case GLP_ECOND: return "ill-conditioned matrix (GLP_ECOND)"
        case GLP_EBOUND: return "inconsistent bounds (GLP_EBOUND)"
        case GLP_EFAIL: return "solver failure (GLP_EFAIL)"
        case GLP_EITLIM: return "iteration limit (GLP_EITLIM)"
        case GLP_EROOT: return "no optimal LP relaxation basis (GLP_EROOT)"
        default: return "return code \(code)"
        }
    }
}
