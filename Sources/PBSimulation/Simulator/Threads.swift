import Dispatch
import Foundation

/// Runs work on several threads started explicitly, the calling thread being one of them; shared by
/// the simulator and PBBatch's runner.
///
/// NB: with `DispatchQueue.concurrentPerform`, libdispatch on Linux declined to start a second thread
/// on a busy machine, and the calling thread then pulled every item itself.
package enum Threads {
    /// Runs `body` on `count` threads (at least one: the caller's) with 16 MiB stacks, and returns
    /// when all have finished.
    package static func run(count: Int, _ body: @escaping @Sendable () -> Void) {
        let group = DispatchGroup()
        for _ in 1..<max(1, count) {
            group.enter()
            let thread = Thread {
                body()
                group.leave()
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        body()
        group.wait()
    }
}
