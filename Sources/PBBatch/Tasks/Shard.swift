/// The `I`-th of `N` disjoint slices of a suite's tasks, so that `N` machines can share a suite.
///
/// The tasks are sorted by key and dealt out in turn: the task at position `p` goes to shard
/// `p mod N + 1`. The shards are disjoint, together they are the whole suite, and their sizes differ
/// by at most one; a shard depends only on the suite's set of tasks, not on where or when it runs.
///
/// ```swift
/// let shard = try Shard(parsing: "2/3")
/// let mine = shard.select(tasks)
/// ```
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based shard index.
    public var index: Int
    /// The number of shards.
    public var count: Int

    /// Creates shard `index` of `count`.
    ///
    /// - Throws: ``BatchError/invalidShard(_:)`` unless `1 <= index <= count`.
    public init(index: Int, count: Int) throws(BatchError) {
        guard count >= 1, index >= 1, index <= count else {
            throw .invalidShard("shard \(index)/\(count): expected I/N with 1 <= I <= N")
        }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`, as `--shard` takes it.
    ///
    /// - Throws: ``BatchError/invalidShard(_:)`` for anything else.
    public init(parsing text: String) throws(BatchError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw .invalidShard("--shard: expected I/N (e.g. 2/4), got '\(text)'")
        }
        try self.init(index: index, count: count)
    }

    /// The shard of a Slurm job array task, from `SLURM_ARRAY_TASK_ID` and `SLURM_ARRAY_TASK_COUNT`
    /// (and `SLURM_ARRAY_TASK_MIN`, the first id, 0 when absent), or `nil` outside a job array.
    ///
    /// With `sbatch --array=0-3` the tasks 0, 1, 2, 3 take shards 1/4 to 4/4; with `--array=1-4` too.
    ///
    /// - Parameter environment: The process environment.
    /// - Throws: ``BatchError/invalidShard(_:)`` when the variables are present but do not fit.
    public static func fromSlurm(_ environment: [String: String]) throws(BatchError) -> Shard? {
        guard let idText = environment["SLURM_ARRAY_TASK_ID"], let countText = environment["SLURM_ARRAY_TASK_COUNT"]
        else { return nil }
        let minText = environment["SLURM_ARRAY_TASK_MIN"] ?? "0"
        guard let id = Int(idText), let count = Int(countText), let first = Int(minText) else {
            throw .invalidShard(
                "SLURM_ARRAY_TASK_ID=\(idText), SLURM_ARRAY_TASK_COUNT=\(countText): expected whole numbers")
        }
        do {
            return try Shard(index: id - first + 1, count: count)
        } catch {
            throw .invalidShard(
                "SLURM_ARRAY_TASK_ID=\(idText) (first \(first)), SLURM_ARRAY_TASK_COUNT=\(countText): "
                    + "not a shard of \(count); use a contiguous --array such as 0-\(max(count - 1, 0))")
        }
    }

    /// This shard's tasks, in their given order.
    ///
    /// - Complexity: O(n log n) for n tasks.
    public func select(_ tasks: [BatchTask]) -> [BatchTask] {
        let sorted = tasks.map(\.key).sorted()
        var mine = Set<String>()
        for (position, key) in sorted.enumerated() where position % count == index - 1 { mine.insert(key) }
        return tasks.filter { mine.contains($0.key) }
    }

    /// `I/N`.
    public var description: String { "\(index)/\(count)" }
}
