import Dispatch
import Foundation
import Synchronization

/// Work on threads started explicitly: the one bounded work queue of the package (the simulator's
/// runs, the batch runner's tasks) and single threads with a large stack (the server's simulations).
///
/// NB: with `DispatchQueue.concurrentPerform`, libdispatch on Linux declined to start a second thread
/// on a busy machine, and the calling thread then pulled every item itself.
package enum Threads {
    /// The stack size of every thread started here (16 MiB): the exact rules recurse deeply.
    package static let stackSize = 16 << 20

    /// Runs `body` on `count` threads (at least one: the caller's) with 16 MiB stacks, and returns
    /// when all have finished.
    package static func run(count: Int, _ body: @escaping @Sendable () -> Void) {
        let group = DispatchGroup()
        for _ in 1..<max(1, count) {
            group.enter()
            detach {
                body()
                group.leave()
            }
        }
        body()
        group.wait()
    }

    /// Starts `body` on a new thread with a 16 MiB stack and returns at once.
    package static func detach(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.stackSize = stackSize
        thread.start()
    }

    /// Hands the items `0..<count` out, in order, to at most `jobs` threads (the calling thread is one
    /// of them), each with its own worker made by `makeWorker`; returns when every item is done or a
    /// worker asked to stop.
    ///
    /// A worker gets an item's index and returns whether to go on; after the first `false` no thread
    /// takes a new item (items already taken finish).
    ///
    /// ```swift
    /// let squares = Mutex([Int](repeating: 0, count: 100))
    /// Threads.forEach(count: 100, jobs: 4) {
    ///     { i in squares.withLock { $0[i] = i * i }; return true }
    /// }
    /// ```
    package static func forEach(
        count: Int, jobs: Int, makeWorker: @escaping @Sendable () -> (Int) -> Bool
    ) {
        guard count > 0 else { return }
        let queue = Mutex((next: 0, stopped: false))
        run(count: max(1, min(jobs, count))) {
            let work = makeWorker()
            while true {
                let index: Int? = queue.withLock { queue in
                    guard !queue.stopped, queue.next < count else { return nil }
                    defer { queue.next += 1 }
                    return queue.next
                }
                guard let index else { return }
                if !work(index) { queue.withLock { $0.stopped = true } }
            }
        }
    }

    /// Computes `count` items on at most `jobs` threads, each thread with its own worker (made by
    /// `makeWorker`), each item in its own slot; `progress` is told how many are finished after each
    /// one. Returns `nil` when `isCancelled` turned true before every item was computed.
    ///
    /// The result does not depend on the number of threads: item `i` is `makeWorker()(i)` whichever
    /// thread computes it.
    package static func map<T: Sendable>(
        count: Int, jobs: Int, progress: (@Sendable (Int) -> Void)? = nil,
        isCancelled: @escaping @Sendable () -> Bool = { false },
        makeWorker: @escaping @Sendable () -> (Int) -> T
    ) -> [T]? {
        let results = Mutex((values: [T?](repeating: nil, count: count), finished: 0))
        forEach(count: count, jobs: jobs) {
            let work = makeWorker()
            return { index in
                guard !isCancelled() else { return false }
                let value = work(index)
                let finished = results.withLock { results -> Int in
                    results.values[index] = value
                    results.finished += 1
                    return results.finished
                }
                progress?(finished)
                return true
            }
        }
        return results.withLock { results in
            results.values.contains { $0 == nil } ? nil : results.values.map { $0! }
        }
    }
}
