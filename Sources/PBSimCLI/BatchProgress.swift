import Foundation
import PBBatch
import Synchronization

/// Progress of a batch on standard error.
///
/// On a terminal: a bar redrawn at most ten times a second (after the first half second) with tasks
/// done / total, rate, ETA and failures; each failure is printed on its own line above it. Otherwise
/// (a pipe, a file, a Slurm log): one line when the run starts, one per failure, one per tenth of the
/// work (at most one a second) and one at the end.
///
/// NB: ``ProgressBar`` (used by `simulate`) counts one kind of unit and has no place for failures, so
/// batches draw their own bar in the same style.
final class BatchProgress: Sendable {
    private struct State {
        var total = 0
        var done = 0
        var failed = 0
        var start = 0.0
        var lastDraw = 0.0
        var drawn = false
        var nextMilestone = 1
    }

    private let terminal: Bool
    private let threads: Int
    private let state = Mutex(State())

    init(threads: Int, terminal: Bool = isatty(STDERR_FILENO) != 0) {
        self.threads = threads
        self.terminal = terminal
    }

    private static func now() -> Double { Date().timeIntervalSinceReferenceDate }

    /// Handles a batch event (from any thread).
    func handle(_ event: BatchEvent) {
        switch event {
        case .planned(let plan):
            state.withLock { state in
                state.total = plan.toRun
                state.start = Self.now()
                state.lastDraw = state.start
            }
            var line = "\(plan.suite): "
            if let shard = plan.shard { line += "shard \(shard), " }
            line += "\(plan.tasks) tasks, \(plan.alreadyDone) already done"
            if plan.skippedFailed > 0 { line += ", \(plan.skippedFailed) failed before (skipped)" }
            let used = min(threads, max(plan.toRun, 1))
            line += ", \(plan.toRun) to run on \(used) thread\(used == 1 ? "" : "s")\n"
            write(line)
        case .finished(let task, let failure, _, let done, let failed):
            let now = Self.now()
            let output: String? = state.withLock { state in
                // NB: events from different threads may arrive out of order.
                state.done = max(state.done, done)
                state.failed = max(state.failed, failed)
                var out = ""
                if let failure {
                    if terminal && state.drawn { out += "\r" + String(repeating: " ", count: 79) + "\r" }
                    let firstLine = failure.message.split(separator: "\n").first.map(String.init) ?? ""
                    out += "failed: \(task.summary): \(firstLine)\n"
                    state.drawn = false
                }
                if terminal {
                    if now - state.start >= 0.5
                        && (now - state.lastDraw >= 0.1 || done == state.total || failure != nil)
                    {
                        state.lastDraw = now
                        state.drawn = true
                        out += "\r" + Self.bar(state, now: now)
                    }
                } else if state.total > 0 && done * 10 >= state.nextMilestone * state.total {
                    // One line per tenth of the work, at most one a second, and the last one.
                    while done * 10 >= state.nextMilestone * state.total { state.nextMilestone += 1 }
                    if done == state.total || now - state.lastDraw >= 1 {
                        state.lastDraw = now
                        out += Self.line(state, now: now) + "\n"
                    }
                }
                return out.isEmpty ? nil : out
            }
            if let output { write(output) }
        }
    }

    /// Clears the bar, if one was drawn.
    func finish() {
        let drawn = state.withLock { $0.drawn }
        if terminal && drawn { write("\r" + String(repeating: " ", count: 79) + "\r") }
    }

    private func write(_ text: String) {
        StandardStreams.write(text, error: true)
    }

    private static func figures(_ state: State, now: Double) -> (rate: Double, eta: Double) {
        let rate = Double(state.done) / max(now - state.start, 1e-9)
        return (rate, rate > 0 ? Double(state.total - state.done) / rate : 0)
    }

    /// `[#########            ] 120/184 tasks, 15/s, ETA 4 s, 1 failed`.
    private static func bar(_ state: State, now: Double) -> String {
        let width = 24
        let filled = state.total > 0 ? width * state.done / state.total : width
        let (rate, eta) = figures(state, now: now)
        return "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] "
            + "\(state.done)/\(state.total) tasks, \(Self.rate(rate))/s, ETA \(seconds(eta)), \(state.failed) failed "
    }

    /// `batch: 120/184 tasks (65%), 15 tasks/s, ETA 4 s, 1 failed`.
    private static func line(_ state: State, now: Double) -> String {
        let (rate, eta) = figures(state, now: now)
        let percent = state.total > 0 ? 100 * state.done / state.total : 100
        return
            "batch: \(state.done)/\(state.total) tasks (\(percent)%), \(Self.rate(rate)) tasks/s, ETA \(seconds(eta)), "
            + "\(state.failed) failed"
    }

    /// A rate with one decimal below 10, whole above.
    static func rate(_ rate: Double) -> String {
        rate >= 10 ? String(Int(rate.rounded())) : String(Double(Int((rate * 10).rounded())) / 10)
    }

    /// `0.4 s`, `12 s`, `3 min 5 s`.
    static func seconds(_ value: Double) -> String {
        if value < 10 { return "\(Double(Int((value * 10).rounded())) / 10) s" }
        let whole = Int(value.rounded())
        return whole < 60 ? "\(whole) s" : "\(whole / 60) min \(whole % 60) s"
    }
}
