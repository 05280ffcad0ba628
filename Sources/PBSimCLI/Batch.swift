import ArgumentParser

/// `pbsim batch`: run suites of tasks into an SQLite database, resumably, in parallel and in shards.
struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a suite of rules or simulations into an SQLite database, resumably and in parallel.",
        discussion: """
            A suite file (YAML, see Benchmarks/suites/) lists rule variants over pabulib elections and \
            scenarios over a grid of parameters and seeds. `pbsim batch SUITE.yaml --db results.sqlite` runs \
            the tasks not yet in the database; rerun it after an interruption and it resumes. Merge the \
            databases of several machines or shards with `merge`, read them with `export` and `status`.
            """,
        subcommands: [BatchRun.self, BatchMerge.self, BatchExport.self, BatchStatus.self],
        defaultSubcommand: BatchRun.self
    )
}
