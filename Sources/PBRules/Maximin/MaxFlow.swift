/// Dinic's maximum flow on a small directed network with 128-bit capacities, for the closure
/// problems of ``MaximinSupport``.
struct MaxFlow {
    /// An effectively infinite capacity.
    static let infinity = Int128(1) << 120

    private(set) var nodeCount: Int
    private var head: [Int32]
    private var next: [Int32] = []
    private var to: [Int32] = []
    private var capacity: [Int128] = []

    init(nodes: Int) {
        nodeCount = nodes
        head = [Int32](repeating: -1, count: nodes)
    }

    /// Adds an edge and its residual twin.
    mutating func addEdge(_ u: Int, _ v: Int, _ c: Int128) {
        to.append(Int32(v))
        capacity.append(c)
        next.append(head[u])
        head[u] = Int32(to.count - 1)
        to.append(Int32(u))
        capacity.append(0)
        next.append(head[v])
        head[v] = Int32(to.count - 1)
    }

    /// The maximum flow from `source` to `sink` (the residual capacities stay for ``reachable(from:)``).
    mutating func run(source: Int, sink: Int) -> Int128 {
        var total: Int128 = 0
        var level = [Int32](repeating: -1, count: nodeCount)
        var iterator = [Int32](repeating: -1, count: nodeCount)
        var queue = [Int32](repeating: 0, count: nodeCount)
        while true {
            for i in 0..<nodeCount { level[i] = -1 }
            level[source] = 0
            var qh = 0
            var qt = 1
            queue[0] = Int32(source)
            while qh < qt {
                let u = Int(queue[qh])
                qh += 1
                var e = head[u]
                while e >= 0 {
                    let v = Int(to[Int(e)])
                    if capacity[Int(e)] > 0 && level[v] < 0 {
                        level[v] = level[u] + 1
                        queue[qt] = Int32(v)
                        qt += 1
                    }
                    e = next[Int(e)]
                }
            }
            if level[sink] < 0 { return total }
            iterator = head
            while true {
                let f = augment(source, sink, MaxFlow.infinity, &level, &iterator)
                if f == 0 { break }
                total += f
            }
        }
    }

    /// One blocking-flow path search (depth-first along levels; the network is at most four levels deep).
    private mutating func augment(
        _ u: Int, _ sink: Int, _ limit: Int128, _ level: inout [Int32], _ iterator: inout [Int32]
    ) -> Int128 {
        if u == sink { return limit }
        while iterator[u] >= 0 {
            let e = Int(iterator[u])
            let v = Int(to[e])
            if capacity[e] > 0 && level[v] == level[u] + 1 {
                let f = augment(v, sink, min(limit, capacity[e]), &level, &iterator)
                if f > 0 {
                    capacity[e] -= f
                    capacity[e ^ 1] += f
                    return f
                }
            }
            iterator[u] = next[e]
        }
        return 0
    }

    /// The nodes reachable from `source` in the residual network (the source side of a minimum cut).
    func reachable(from source: Int) -> [Bool] {
        var seen = [Bool](repeating: false, count: nodeCount)
        var stack = [source]
        seen[source] = true
        while let u = stack.popLast() {
            var e = head[u]
            while e >= 0 {
                let v = Int(to[Int(e)])
                if capacity[Int(e)] > 0 && !seen[v] {
                    seen[v] = true
                    stack.append(v)
                }
                e = next[Int(e)]
            }
        }
        return seen
    }
}
