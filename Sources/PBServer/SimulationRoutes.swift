import Synchronization
import Foundation
import Hummingbird
import NIOCore
import PBReports
import PBScenario
import PBSimulation
import PBSupport
import PBWorkbench

/// `/api/simulate` and `/api/sweep`: the same documents as `pbsim simulate --format json` and
/// `pbsim sweep --format json`.
struct SimulationRoutes: Sendable {
    let catalog: Catalog
    let channels = Channels()
    /// Worker threads per simulation (every core by default).
    let jobs: Int

    /// The most runs one request may ask for.
    static let maxRuns = 20_000

    func add(to router: Router<some RequestContext>) {
        router.post("/api/simulate") { request, _ in try await simulate(request) }
        router.post("/api/sweep") { request, _ in try await sweep(request) }
    }

    /// The scenario a request names (`scenario_id` or `scenario`), loaded by the workbench, and the
    /// variant its `overrides` make (`nil` without overrides).
    func scenario(_ fields: RequestFields) throws -> (input: ScenarioInput, variant: Scenario?) {
        let id = try fields.string("scenario_id")
        let text = try fields.string("scenario")
        let input: ScenarioInput
        switch (id, text) {
        case (let id?, nil):
            guard let entry = catalog.entry(id) else {
                throw APIError(.notFound, "no scenario with id '\(id)'", field: "scenario_id")
            }
            guard entry.kind == .scenario else {
                throw APIError.badField("scenario_id", "'\(id)' is an election (.pb); use /api/elect")
            }
            do { input = try ScenarioInput.load(path: entry.path) } catch { throw ScenarioRoutes.apiError(error) }
        case (nil, let text?):
            do {
                input = try ScenarioInput.parse(yaml: text, file: catalog.requestFile)
            } catch {
                throw ScenarioRoutes.apiError(error)
            }
        case (nil, nil):
            throw APIError.badField("scenario_id", "give scenario_id or scenario (its YAML text)")
        case (.some, .some):
            throw APIError.badField("scenario", "give scenario_id or scenario, not both")
        }
        let overrides = try fields.overrides("overrides")
        guard !overrides.isEmpty else { return (input, nil) }
        do {
            return (input, try input.scenario.applying(overrides: overrides.map { ($0.path, $0.value) }))
        } catch {
            let first = error.issues.first
            throw APIError(
                .unprocessableContent, first?.message ?? error.description,
                field: first.map { $0.path.isEmpty ? "overrides" : "overrides.\($0.path)" } ?? "overrides")
        }
    }

    func simulate(_ request: Request) async throws -> Response {
        let fields = try await RequestFields.object(
            of: request, allowed: ["scenario_id", "scenario", "runs", "seed", "overrides", "channel"])
        let (input, variant) = try scenario(fields)
        let settings = input.settings(
            runs: try fields.integer("runs", in: 1...Self.maxRuns), seed: try fields.seed("seed"), jobs: jobs)
        let (runs, seed, jobs) = (settings.runs, settings.seed, settings.jobs)
        let channel = try fields.string("channel")
        let simulator: Simulator
        do {
            simulator = try input.simulator(for: variant)
        } catch {
            throw APIError(.unprocessableContent, error.description)
        }
        let channels = channels
        let flag = await channels.begin(channel)
        let streaming = request.headers[.accept]?.contains("application/x-ndjson") ?? false
        if !streaming {
            defer { Task { await channels.end(channel, flag) } }
            let result = await withTaskCancellationHandler {
                await Offload.run {
                    simulator.run(runs: runs, seed: seed, jobs: jobs, progress: nil, isCancelled: flag.isSet)
                }
            } onCancel: {
                flag.set()
            }
            guard let result else {
                throw APIError(.conflict, "cancelled by a newer request on channel '\(channel ?? "")'")
            }
            return .json(SimulationReport.json(result).text() + "\n")
        }
        // Progress lines, then the result with the funding probabilities (the page's format).
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let body = ResponseBody { writer in
            let task = Task {
                let result = await Offload.run {
                    simulator.run(
                        runs: runs, seed: seed, jobs: jobs, progress: { continuation.yield($0) },
                        isCancelled: flag.isSet)
                }
                continuation.finish()
                return result
            }
            do {
                for await finished in stream {
                    try await writer.write(ByteBuffer(string: "{\"progress\":\(finished),\"runs\":\(runs)}\n"))
                }
                let result = await task.value
                await channels.end(channel, flag)
                if let result {
                    try await writer.write(
                        ByteBuffer(string: Self.pageLine(result, scenario: variant ?? input.scenario) + "\n"))
                } else {
                    try await writer.write(ByteBuffer(string: "{\"cancelled\":true}\n"))
                }
                try await writer.finish(nil)
            } catch {
                flag.set()
                _ = await task.value
                await channels.end(channel, flag)
                throw error
            }
        }
        return Response(
            status: .ok, headers: [.contentType: "application/x-ndjson", .cacheControl: "no-store"], body: body)
    }

    /// `{"result": <simulate's JSON>, "funding": {regime: {proposal: probability}}, "sentences": [...]}` on one
    /// line.
    static func pageLine(_ result: SimulationResult, scenario: Scenario) -> String {
        let funding = JSONValue.object(
            result.regimes.map { regime in
                (
                    regime.regime.key,
                    .object(
                        result.proposalIDs.indices.map { j in
                            (
                                result.proposalIDs[j],
                                .double(
                                    regime.fundingProbability.indices.contains(j) ? regime.fundingProbability[j] : 0)
                            )
                        })
                )
            })
        let sentences = JSONValue.array(SimulationReport.sentences(result, scenario: scenario).map { .string($0) })
        return JSONValue.object([
            ("result", SimulationReport.json(result)), ("funding", funding), ("sentences", sentences),
        ]).text(indent: 0)
    }

    func sweep(_ request: Request) async throws -> Response {
        let fields = try await RequestFields.object(
            of: request, allowed: ["scenario_id", "scenario", "runs", "seed", "overrides", "param", "values"])
        let (input, variant) = try scenario(fields)
        let settings = input.settings(
            runs: try fields.integer("runs", in: 1...Self.maxRuns), seed: try fields.seed("seed"), jobs: jobs)
        guard let name = try fields.string("param") else {
            throw APIError.badField("param", "give the parameter to vary")
        }
        guard let parameter = SweepParameter(rawValue: name) else {
            let names = SweepParameter.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.badField("param", "unknown parameter '\(name)' (expected one of \(names))")
        }
        guard let values = try fields.numbers("values"), values.count <= 50 else {
            throw APIError.badField("values", "give 1 to 50 values")
        }
        for value in values where !parameter.accepts(value) {
            throw APIError.badField("values", "'\(value)' is not \(parameter.range) for \(parameter.rawValue)")
        }
        guard settings.runs * values.count <= Self.maxRuns * 5 else {
            throw APIError.badField("runs", "runs × values must be at most \(Self.maxRuns * 5)")
        }
        let outcome = await Offload.run { () -> Result<SweepResult, WorkbenchError> in
            Result { () throws(WorkbenchError) in
                try input.sweep(parameter, values: values, settings: settings, variant: variant)
            }
        }
        switch outcome {
        case .success(let result): return .json(SweepReport.json(result).text() + "\n")
        case .failure(let error): throw APIError(.unprocessableContent, error.description, field: "param")
        }
    }
}

/// A flag set once, read from any thread (a request's cancellation).
final class CancelFlag: Sendable {
    private let state = Mutex(false)
    func set() { state.withLock { $0 = true } }
    var isSetNow: Bool { state.withLock { $0 } }
    /// A closure for ``Simulator/run(runs:seed:jobs:progress:isCancelled:)``.
    var isSet: @Sendable () -> Bool { { [self] in isSetNow } }
}

/// The newest request per channel (a page's tab): starting one cancels the previous one, so a slider
/// drag does not queue dozens of simulations.
actor Channels {
    private var current: [String: CancelFlag] = [:]

    func begin(_ channel: String?) -> CancelFlag {
        let flag = CancelFlag()
        guard let channel else { return flag }
        current[channel]?.set()
        current[channel] = flag
        return flag
    }

    func end(_ channel: String?, _ flag: CancelFlag) {
        guard let channel, current[channel] === flag else { return }
        current[channel] = nil
    }
}

/// Runs blocking work (a simulation and its own worker threads) on a thread of its own, off the
/// server's event loops and Swift's cooperative pool.
enum Offload {
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Threads.detach { continuation.resume(returning: work()) }
        }
    }
}
