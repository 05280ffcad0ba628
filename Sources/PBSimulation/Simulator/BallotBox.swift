import Foundation
import GSL
import PBRules
import PBScenario

/// The ballots of one simulated co-produced run, laid out for the rules (MODEL.md section 2).
///
/// How each participant's ballot comes from their perceived benefits
/// `utilde[j] = view[j][g] * exp(sigma_c * z - sigma_c^2 / 2)`, where `view` is the group's shared view
/// of the run (``RunKnowledge/residentView(world:exact:)``: the true benefit when residents' shared
/// knowledge is exact), one `z` per participant and proposal that benefits them (`utilde = 0` where
/// `u = 0`):
///
/// - **approval, threshold `tau`**: every proposal with `utilde >= tau` and `utilde > 0` (a
///   proposal of no benefit is never approved). With `sigma_c > 0` the test is done on `z` against
///   `(ln(tau / view) + sigma_c^2 / 2) / sigma_c`, the same event without an exponential per entry.
/// - **approval, top `m`**: the `m` proposals with the highest `utilde > 0`; proposals tied at the
///   cut are chosen uniformly at random from the run's stream, for each participant (MODEL.md 2.3).
/// - **cumulative, `P` points**: quotas `P * utilde[j] / sum utilde`, rounded down, the points left
///   given one each to the largest remainders (ties to the lower index); proposals with 0 points
///   are left off the ballot.
/// - **cardinal**: `utilde` itself, as integer points `round(utilde * 10^6)` (``cardinalScale``) so
///   the rules can read them as scores; ``scores`` keeps the unrounded sums.
///
/// A participant whose ballot would be empty casts none. With `sigma_c = 0` every member of a group
/// casts the same ballot, which is computed once and repeated.
struct BallotBox {
    /// The decimal scale of cardinal points: a perceived benefit `u` becomes `round(u * 10^6)` points.
    static let cardinalScale = 6

    /// The kind of ballots.
    var kind: VoteKind
    /// Ballot starts into ``items``.
    var offsets: [Int32]
    /// The proposals of each ballot, ascending.
    var items: [Int32]
    /// Points aligned with ``items`` (cumulative and cardinal ballots).
    var points: [Int64]
    /// The number of participants of each group (including those who cast no ballot).
    var participants: [Int]
    /// The number of ballots each group cast (ballots are in group order).
    var ballotsPerGroup: [Int]
    /// Each proposal's score on the ballots: approval, votes times effective cost (cost
    /// satisfaction); cumulative, total points; cardinal, the sum of perceived benefits.
    var scores: [Double]

    /// The number of ballots cast.
    var voterCount: Int { offsets.count - 1 }
}

/// Builds the ballots of co-produced runs, reusing its buffers from run to run.
struct BallotBuilder {
    let world: World
    let ballot: Scenario.Ballot
    let sigma: Double
    /// For each group, the proposals that benefit it (`u[j][g] > 0`), ascending.
    let beneficial: [[Int]]

    // Reused per participant.
    private var values: [Double] = []
    private var chosen: [Int] = []
    private var order: [Int] = []
    private var pointBuffer: [Int64] = []
    private var floors: [Int64] = []
    private var remainders: [Double] = []
    private var view: [Double] = []

    /// The group's shared view of proposal `j`'s per-person benefit in this run.
    @inline(__always)
    private func seen(_ j: Int, _ g: Int) -> Double { view[j * world.groupCount + g] }

    init(world: World, ballot: Scenario.Ballot, perceptionNoise: Double) {
        self.world = world
        self.ballot = ballot
        self.sigma = perceptionNoise
        beneficial = (0..<world.groupCount).map { g in
            (0..<world.proposalCount).filter { world.u($0, g) > 0 }
        }
    }

    /// The kind of ballot the rules see.
    var kind: VoteKind { ballot.voteKind }

    /// Casts the ballots of one run.
    ///
    /// - Parameters:
    ///   - participants: The number of participants per group.
    ///   - view: The residents' shared per-person view `[j * G + g]` of the run.
    ///   - random: The run's random source (drawn when `sigma_c > 0` and for ties in a top-m cut).
    /// - Returns: The ballots.
    mutating func cast(participants: [Int], view: [Double], random: RandomSource) -> BallotBox {
        self.view = view
        var box = BallotBox(
            kind: kind, offsets: [0], items: [], points: [], participants: participants,
            ballotsPerGroup: [Int](repeating: 0, count: world.groupCount),
            scores: [Double](repeating: 0, count: world.proposalCount))
        var entries = 0
        for g in 0..<world.groupCount { entries += participants[g] * beneficial[g].count }
        box.items.reserveCapacity(entries)
        box.offsets.reserveCapacity(participants.reduce(0, +) + 1)
        if kind != .approval { box.points.reserveCapacity(entries) }
        for g in 0..<world.groupCount where participants[g] > 0 && !beneficial[g].isEmpty {
            let before = box.voterCount
            if sigma == 0 {
                castIdentical(group: g, count: participants[g], random: random, into: &box)
            } else {
                castNoisy(group: g, count: participants[g], random: random, into: &box)
            }
            box.ballotsPerGroup[g] = box.voterCount - before
        }
        if case .approval = ballot {
            var votes = [Int](repeating: 0, count: world.proposalCount)
            for p in box.items { votes[Int(p)] += 1 }
            for j in 0..<world.proposalCount { box.scores[j] = Double(votes[j]) * world.effectiveCosts[j] }
        } else if case .cumulative = ballot {
            for k in box.items.indices { box.scores[Int(box.items[k])] += Double(box.points[k]) }
        }
        return box
    }

    /// Every participant of the group perceives the true benefit: one ballot, repeated.
    private mutating func castIdentical(group g: Int, count: Int, random: RandomSource?, into box: inout BallotBox) {
        let props = beneficial[g]
        values.removeAll(keepingCapacity: true)
        for j in props { values.append(seen(j, g)) }
        let tied = ballotFromValues(props, random: nil)
        if case .cardinal = ballot {
            // NB: add n_g * u as one product, as the true welfare does, so that a noiseless full
            // turnout gives the true welfare to the last bit.
            for j in props { box.scores[j] += Double(count) * seen(j, g) }
        }
        if tied, let random {
            // Ties at a top-m cut: each participant breaks them with their own draw.
            for _ in 0..<count {
                _ = ballotFromValues(props, random: random)
                if !chosen.isEmpty { append(into: &box) }
            }
            return
        }
        guard !chosen.isEmpty else { return }
        for _ in 0..<count { append(into: &box) }
    }

    /// Each participant perceives their own noisy benefit.
    private mutating func castNoisy(group g: Int, count: Int, random: RandomSource, into box: inout BallotBox) {
        let props = beneficial[g]
        let halfVariance = sigma * sigma / 2
        if case .approval(.threshold(let tau)) = ballot {
            // Approve iff u * exp(sigma z - sigma^2/2) >= tau, i.e. z >= (ln(tau/u) + sigma^2/2) / sigma.
            let critical = props.map { j -> Double in
                tau > 0 ? (log(tau / seen(j, g)) + halfVariance) / sigma : -.infinity
            }
            for _ in 0..<count {
                chosen.removeAll(keepingCapacity: true)
                for i in props.indices where random.gaussian() >= critical[i] {
                    chosen.append(props[i])
                }
                if !chosen.isEmpty { append(into: &box) }
            }
            return
        }
        for _ in 0..<count {
            values.removeAll(keepingCapacity: true)
            for j in props {
                values.append(seen(j, g) * exp(sigma * random.gaussian() - halfVariance))
            }
            if case .cardinal = ballot {
                for i in props.indices { box.scores[props[i]] += values[i] }
            }
            _ = ballotFromValues(props, random: random)
            if !chosen.isEmpty { append(into: &box) }
        }
    }

    /// Turns perceived values (aligned with `props`, all > 0) into `chosen` and `pointBuffer`.
    ///
    /// - Parameters:
    ///   - props: The proposals the values are for.
    ///   - random: The stream that breaks ties at a top-m cut (`nil`: to the lower index).
    /// - Returns: Whether a top-m cut fell inside a tie.
    @discardableResult
    private mutating func ballotFromValues(_ props: [Int], random: RandomSource?) -> Bool {
        var tied = false
        chosen.removeAll(keepingCapacity: true)
        pointBuffer.removeAll(keepingCapacity: true)
        switch ballot {
        case .approval(.threshold(let tau)):
            for i in props.indices where values[i] >= tau && values[i] > 0 { chosen.append(props[i]) }
        case .approval(.top(let m)):
            order.removeAll(keepingCapacity: true)
            order.append(contentsOf: props.indices)
            let values = self.values
            order.sort { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
            if order.count > m && values[order[m - 1]] == values[order[m]] {
                tied = true
                if let random {
                    // The tied block around the cut: keep a uniformly random subset of the places left.
                    let cut = values[order[m]]
                    let start = order.firstIndex { values[$0] == cut }!
                    let end = order.lastIndex { values[$0] == cut }!
                    for i in start..<(m) {
                        let pick = i + random.uniformInt(below: end - i + 1)
                        order.swapAt(i, pick)
                    }
                }
            }
            if order.count > m { order.removeLast(order.count - m) }
            order.sort()
            for i in order where values[i] > 0 { chosen.append(props[i]) }
        case .cumulative(let total):
            var sum = 0.0
            for v in values { sum += v }
            guard sum > 0 else { return tied }
            floors.removeAll(keepingCapacity: true)
            remainders.removeAll(keepingCapacity: true)
            var given: Int64 = 0
            for i in props.indices {
                let quota = Double(total) * values[i] / sum
                let whole = quota.rounded(.down)
                floors.append(Int64(whole))
                remainders.append(quota - whole)
                given += Int64(whole)
            }
            var left = Int64(total) - given
            if left > 0 {
                order.removeAll(keepingCapacity: true)
                order.append(contentsOf: props.indices)
                let remainders = self.remainders
                order.sort { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
                for i in order where left > 0 {
                    floors[i] += 1
                    left -= 1
                }
            }
            for i in props.indices where floors[i] > 0 {
                chosen.append(props[i])
                pointBuffer.append(floors[i])
            }
        case .cardinal:
            let scale = 1_000_000.0
            for i in props.indices {
                let p = (values[i] * scale).rounded()
                if p >= 1 {
                    chosen.append(props[i])
                    pointBuffer.append(Int64(p))
                }
            }
        }
        return tied
    }

    /// Appends the ballot in `chosen` (and `pointBuffer`).
    private func append(into box: inout BallotBox) {
        for j in chosen { box.items.append(Int32(j)) }
        if kind != .approval { box.points.append(contentsOf: pointBuffer) }
        box.offsets.append(Int32(box.items.count))
    }
}
