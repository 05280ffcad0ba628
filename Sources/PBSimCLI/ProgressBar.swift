import Foundation
import Synchronization

/// A progress bar on standard error for long simulations, drawn only when standard error is a terminal.
///
/// It stays silent for the first half second (short runs print nothing) and redraws at most ten times a
/// second; ``finish()`` clears the line. When standard error is not a terminal (a pipe, a file, CI),
/// nothing is written at all.
final class ProgressBar: Sendable {
    private struct State {
        var lastDraw: Double = 0
        var drawn = false
    }

    private let total: Int
    private let label: String
    private let start: Double
    private let enabled: Bool
    private let state = Mutex(State())

    /// Creates a bar for `total` units of work.
    ///
    /// - Parameters:
    ///   - total: The amount of work, e.g. the number of runs.
    ///   - label: What is counted, e.g. `runs`.
    init(total: Int, label: String) {
        self.total = total
        self.label = label
        start = Self.now()
        enabled = isatty(STDERR_FILENO) != 0 && total > 0
    }

    /// The progress callback to hand to the simulator, or `nil` when standard error is not a terminal.
    var callback: (@Sendable (Int) -> Void)? {
        guard enabled else { return nil }
        return { @Sendable [self] done in self.update(done) }
    }

    private static func now() -> Double {
        Date().timeIntervalSinceReferenceDate
    }

    private func update(_ done: Int) {
        let now = Self.now()
        let line: String? = state.withLock { state in
            guard now - start >= 0.5, now - state.lastDraw >= 0.1 || done == total else { return nil }
            state.lastDraw = now
            state.drawn = true
            let width = 30
            let filled = total > 0 ? width * done / total : width
            let rate = Double(done) / max(now - start, 1e-9)
            let remaining = rate > 0 ? Double(total - done) / rate : 0
            return "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
                + "] \(done)/\(total) \(label), \(Self.format(rate))/s, \(Int(remaining.rounded())) s left "
        }
        if let line { StandardStreams.write(line, error: true) }
    }

    /// A rate with one decimal below 10 (`0.4`), as a whole number above.
    private static func format(_ rate: Double) -> String {
        rate >= 10 ? String(Int(rate.rounded())) : String(Double(Int((rate * 10).rounded())) / 10)
    }

    /// Clears the bar's line, if one was drawn.
    func finish() {
        let drawn = state.withLock { $0.drawn }
        if enabled && drawn {
            StandardStreams.write("\r" + String(repeating: " ", count: 79) + "\r", error: true)
        }
    }
}
