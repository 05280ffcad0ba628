import Foundation
import PBBatch
import Synchronization

/// Progress of a batch on standard error.
///
/// On a terminal: the ``ProgressBar`` with tasks done / total, rate, ETA and failures; each failure is
/// printed on its own line above it. Otherwise (a pipe, a file, a Slurm log): one line when the run
/// starts, one per failure, one per tenth of the work (at most one a second) and one at the end.
final class BatchProgress: Sendable {
    private struct State {
        var total = 0
        var done = 0
        var failed = 0
        var lastLine = 0.0
        var nextMilestone = 1
        var bar: ProgressBar?
    }

    private let terminal: Bool
    private let threads: Int
    private let state = Mutex(State())

    init(threads: Int, terminal: Bool = isatty(STDERR_FILENO) != 0) {
        self.threads = threads
        self.terminal = terminal
    }

    /// Handles a batch event (from any thread).
    func handle(_ event: BatchEvent) {
        switch event {
        case .planned(let plan):
            let bar = ProgressBar(total: plan.toRun, label: "tasks", width: 24, terminal: terminal)
            state.withLock { state in
                state.total = plan.toRun
                state.lastLine = ProgressBar.now()
                state.bar = bar
            }
            var line = "\(plan.suite): "
            if let shard = plan.shard { line += "shard \(shard), " }
            line += "\(plan.tasks) tasks, \(plan.alreadyDone) already done"
            if plan.skippedFailed > 0 { line += ", \(plan.skippedFailed) failed before (skipped)" }
            let used = min(threads, max(plan.toRun, 1))
            line += ", \(plan.toRun) to run on \(used) thread\(used == 1 ? "" : "s")"
            bar.message(line)
        case .finished(let task, let failure, _, let done, let failed):
            let now = ProgressBar.now()
            let (bar, snapshot, milestone): (ProgressBar?, State, Bool) = state.withLock { state in
                // NB: events from different threads may arrive out of order.
                state.done = max(state.done, done)
                state.failed = max(state.failed, failed)
                var milestone = false
                if !terminal && state.total > 0 && done * 10 >= state.nextMilestone * state.total {
                    // One line per tenth of the work, at most one a second, and the last one.
                    while done * 10 >= state.nextMilestone * state.total { state.nextMilestone += 1 }
                    if done == state.total || now - state.lastLine >= 1 {
                        state.lastLine = now
                        milestone = true
                    }
                }
                return (state.bar, state, milestone)
            }
            guard let bar else { return }
            if let failure {
                let firstLine = failure.message.split(separator: "\n").first.map(String.init) ?? ""
                bar.message("failed: \(task.summary): \(firstLine)")
            }
            if terminal {
                bar.draw(force: done == snapshot.total || failure != nil) { Self.barLine(snapshot, bar: bar) }
            } else if milestone {
                bar.message(Self.line(snapshot, elapsed: bar.elapsed))
            }
        }
    }

    /// Clears the bar, if one was drawn.
    func finish() {
        state.withLock { $0.bar }?.finish()
    }

    private static func figures(_ state: State, elapsed: Double) -> (rate: Double, eta: Double) {
        let rate = Double(state.done) / max(elapsed, 1e-9)
        return (rate, rate > 0 ? Double(state.total - state.done) / rate : 0)
    }

    /// `[#########            ] 120/184 tasks, 15/s, ETA 4 s, 1 failed`.
    private static func barLine(_ state: State, bar: ProgressBar) -> String {
        let (rate, eta) = figures(state, elapsed: bar.elapsed)
        return "\(bar.bar(state.done)) \(state.done)/\(state.total) tasks, \(ProgressBar.rate(rate))/s, "
            + "ETA \(ProgressBar.seconds(eta)), \(state.failed) failed "
    }

    /// `batch: 120/184 tasks (65%), 15 tasks/s, ETA 4 s, 1 failed`.
    private static func line(_ state: State, elapsed: Double) -> String {
        let (rate, eta) = figures(state, elapsed: elapsed)
        let percent = state.total > 0 ? 100 * state.done / state.total : 100
        return
            "batch: \(state.done)/\(state.total) tasks (\(percent)%), \(ProgressBar.rate(rate)) tasks/s, "
            + "ETA \(ProgressBar.seconds(eta)), \(state.failed) failed"
    }
}
