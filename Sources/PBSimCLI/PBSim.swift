public import ArgumentParser
import PBBatch

/// The `pbsim` command: participatory budgeting rules, simulation and reports.
public struct PBSim: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "pbsim",
        abstract: "Participatory budgeting and co-production simulator.",
        discussion: """
            Computes participatory budgeting outcomes on real pabulib elections (exactly as \
            pabutools 1.2.3 does), and simulates service-led against co-produced allocation.
            """,
        version: pbsimVersion,
        subcommands: [
            Elect.self, Analyze.self, Check.self, Simulate.self, Sweep.self, Allocate.self, Batch.self, Bench.self,
            Report.self, Serve.self, ScenarioCommand.self, SessionCommand.self,
        ]
    )
    public init() {}
}
