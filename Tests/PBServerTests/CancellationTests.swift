import Foundation
import Synchronization
import PBScenario
import PBSimulation
import Testing

@testable import PBServer

@Suite("Newest request wins")
struct CancellationTests {
    @Test("a new request on a channel cancels the one before; other channels are left alone")
    func channels() async {
        let channels = Channels()
        let first = await channels.begin("tab-1")
        let other = await channels.begin("tab-2")
        let unnamed = await channels.begin(nil)
        #expect(!first.isSetNow)
        let second = await channels.begin("tab-1")
        #expect(first.isSetNow)
        #expect(!second.isSetNow && !other.isSetNow && !unnamed.isSetNow)
        await channels.end("tab-1", first)
        let third = await channels.begin("tab-1")
        #expect(second.isSetNow, "ending an old request must not forget the newer one")
        #expect(!third.isSetNow)
    }

    @Test("a cancelled simulation stops and returns nil; one never cancelled equals the plain run")
    func simulatorStops() throws {
        let simulator = try Simulator(scenario: try Scenario.load(path: Repository.riverside))
        let flag = CancelFlag()
        let started = Mutex(0)
        let result = simulator.run(
            runs: 400, seed: 1, jobs: 2,
            progress: { finished in
                if finished >= 3 { flag.set() }
                started.withLock { $0 = finished }
            }, isCancelled: flag.isSet)
        #expect(result == nil)
        #expect(started.withLock { $0 } < 400)
        let never: @Sendable () -> Bool = { false }
        let full = try #require(simulator.run(runs: 6, seed: 1, jobs: 2, progress: nil, isCancelled: never))
        let plain = simulator.run(runs: 6, seed: 1, jobs: 2)
        // Figures compared NaN-safely (a summary of one run has no standard deviation).
        #expect(full.regimes.count == plain.regimes.count)
        #expect(zip(full.regimes, plain.regimes).allSatisfy { $0.hasSameFigures(as: $1) })
    }
}
