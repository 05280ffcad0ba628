import ArgumentParser

/// The `pbsim` command: participatory budgeting rules, simulation and reports.
public struct PBSim: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "pbsim",
        abstract: "Participatory budgeting and co-production simulator.",
        subcommands: []
    )
    public init() {}
}
