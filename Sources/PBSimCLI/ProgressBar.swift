import Foundation
import Synchronization

/// The one progress display of the command line: a bar (or a status line) on standard error, drawn
/// only when standard error is a terminal.
///
/// It stays silent for the first half second (short runs print nothing), redraws at most ten times a
/// second, prints messages (a batch's failures) on their own lines above it, and ``finish()`` clears
/// it. When standard error is not a terminal (a pipe, a file, CI), it draws nothing; messages are still
/// printed.
///
/// ```swift
/// let bar = ProgressBar(total: 500, label: "runs")
/// let result = simulator.run(settings, progress: bar.callback)
/// bar.finish()
/// ```
final class ProgressBar: Sendable {
    private struct State {
        var lastDraw: Double = 0
        var drawn = false
    }

    private let total: Int
    private let label: String
    private let width: Int
    private let delay: Double
    private let start: Double
    /// Whether standard error is a terminal (the bar is drawn only then).
    let isTerminal: Bool
    private let state = Mutex(State())

    /// Creates a bar for `total` units of work.
    ///
    /// - Parameters:
    ///   - total: The amount of work, e.g. the number of runs (0 for a status line without a bar).
    ///   - label: What is counted, e.g. `runs`.
    ///   - width: The bar's width in characters.
    ///   - delay: Seconds before the first drawing.
    ///   - terminal: Whether standard error is a terminal.
    init(
        total: Int, label: String, width: Int = 30, delay: Double = 0.5,
        terminal: Bool = isatty(STDERR_FILENO) != 0
    ) {
        self.total = total
        self.label = label
        self.width = width
        self.delay = delay
        start = Self.now()
        isTerminal = terminal
    }

    /// The progress callback to hand to the simulator, or `nil` when nothing would be drawn.
    var callback: (@Sendable (Int) -> Void)? {
        guard isTerminal && total > 0 else { return nil }
        return { @Sendable [self] done in self.update(done) }
    }

    static func now() -> Double {
        Date().timeIntervalSinceReferenceDate
    }

    /// Seconds since the bar was created.
    var elapsed: Double { Self.now() - start }

    /// Redraws the bar for `done` units: `[####      ] 120/500 runs, 15/s, 26 s left`.
    func update(_ done: Int) {
        draw(force: done == total) {
            let rate = Double(done) / max(self.elapsed, 1e-9)
            let remaining = rate > 0 ? Double(self.total - done) / rate : 0
            return "\(self.bar(done)) \(done)/\(self.total) \(self.label), \(Self.rate(rate))/s, "
                + "\(Int(remaining.rounded())) s left "
        }
    }

    /// Draws `line()` on a terminal, if it is due (after the delay, at most ten times a second) or
    /// `force`d (still after the delay).
    func draw(force: Bool = false, _ line: () -> String) {
        guard isTerminal else { return }
        let now = Self.now()
        let text: String? = state.withLock { state in
            guard now - start >= delay, now - state.lastDraw >= 0.1 || force else { return nil }
            state.lastDraw = now
            state.drawn = true
            return "\r" + line()
        }
        if let text { write(text) }
    }

    /// Prints `line` on its own line, above the bar (which is redrawn by the next update).
    func message(_ line: String) {
        let cleared = state.withLock { state -> Bool in
            defer { state.drawn = false }
            return state.drawn
        }
        write((cleared && isTerminal ? Self.blank : "") + line + "\n")
    }

    /// `[####      ]`: `done` of the total, `width` characters wide.
    func bar(_ done: Int) -> String {
        let filled = total > 0 ? min(width, width * done / total) : width
        return "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "]"
    }

    /// Clears the bar's line, if one was drawn.
    func finish() {
        let drawn = state.withLock { $0.drawn }
        if isTerminal && drawn { write(Self.blank) }
    }

    private static let blank = "\r" + String(repeating: " ", count: 79) + "\r"

    private func write(_ text: String) {
        StandardStreams.write(text, error: true)
    }

    /// A rate with one decimal below 10 (`0.4`), as a whole number above.
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
