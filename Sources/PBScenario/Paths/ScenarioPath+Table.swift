extension ScenarioPath {
    /// Every field a path can name, numbers first in the README's Ranges order, then names. A number's
    /// pattern is its name in ``FieldRange/table``, which gives its range.
    static let table: [Row] = numbers + names

    private static let numbers: [Row] = [
        Row("runs", integer: true, read: { s, _ in Double(s.runs) }, write: { s, _, x in s.runs = whole(x) }),
        Row("budget.total", read: { s, _ in s.budget.total }, write: { s, _, x in s.budget.total = x }),
        Row(
            "budget.envelopes[].min", list: .envelopes, read: { s, p in s.budget.envelopes[p.item].min ?? 0 },
            write: { s, p, x in s.budget.envelopes[p.item].min = x }),
        Row(
            "budget.envelopes[].max", list: .envelopes, read: { s, p in s.budget.envelopes[p.item].max ?? 0 },
            write: { s, p, x in s.budget.envelopes[p.item].max = x }),
        Row(
            "budget.saturation.<domain>", key: .domain, read: { s, p in s.saturationScale(of: domain(p)) },
            write: { s, p, x in s.budget.saturation[domain(p)] = x }),
        Row(
            "population[].size", list: .population, integer: true, read: { s, p in Double(s.population[p.item].size) },
            write: { s, p, x in s.population[p.item].size = whole(x) }),
        Row(
            "population[].needs.<domain>", list: .population, key: .domain,
            read: { s, p in s.population[p.item].needs[domain(p)] ?? 0 },
            write: { s, p, x in s.population[p.item].needs[domain(p)] = x }),
        Row(
            "population[].participation", list: .population, read: { s, p in s.population[p.item].participation },
            write: { s, p, x in s.population[p.item].participation = x }),
        Row(
            "population[].visibility", list: .population, read: { s, p in s.population[p.item].visibility },
            write: { s, p, x in s.population[p.item].visibility = x }),
        Row(
            "proposals[].cost", list: .proposals, read: { s, p in s.proposals[p.item].cost },
            write: { s, p, x in s.proposals[p.item].cost = x }),
        Row(
            "proposals[].cost_sigma", list: .proposals, read: { s, p in s.proposals[p.item].costSigma },
            write: { s, p, x in s.proposals[p.item].costSigma = x }),
        Row(
            "proposals[].effects.<domain>", list: .proposals, key: .domain,
            read: { s, p in s.proposals[p.item].effects[domain(p)] ?? 0 },
            write: { s, p, x in s.proposals[p.item].effects[domain(p)] = x }),
        Row(
            "proposals[].reach.<group>", list: .proposals, key: .group,
            read: { s, p in
                let proposal = s.proposals[p.item]
                guard let group = s.population.first(where: { $0.id.rawValue == p.key }) else {
                    return proposal.reach[Scenario.GroupID(rawValue: p.key)] ?? 0
                }
                return s.reach(of: proposal, for: group)
            },
            write: { s, p, x in s.proposals[p.item].reach[Scenario.GroupID(rawValue: p.key)] = x }),
        Row(
            "proposals[].in_kind", list: .proposals, read: { s, p in s.proposals[p.item].inKind },
            write: { s, p, x in s.proposals[p.item].inKind = x }),
        Row(
            "proposals[].appropriateness", list: .proposals, read: { s, p in s.proposals[p.item].appropriateness },
            write: { s, p, x in s.proposals[p.item].appropriateness = x }),
        Row(
            "proposals[].delivery_risk", list: .proposals, read: { s, p in s.proposals[p.item].deliveryRisk },
            write: { s, p, x in s.proposals[p.item].deliveryRisk = x }),
        Row(
            "regimes.service-led.information_noise", read: { s, _ in s.regimes.serviceLed.informationNoise },
            write: { s, _, x in s.regimes.serviceLed.informationNoise = x }),
        Row(
            "regimes.service-led.effect_noise", read: { s, _ in s.regimes.serviceLed.effectNoise },
            write: { s, _, x in s.regimes.serviceLed.effectNoise = x }),
        Row(
            "regimes.service-led.discovery", read: { s, _ in s.regimes.serviceLed.discovery },
            write: { s, _, x in s.regimes.serviceLed.discovery = x }),
        Row(
            "regimes.co-produced.perception_noise", read: { s, _ in s.regimes.coProduced.perceptionNoise },
            write: { s, _, x in s.regimes.coProduced.perceptionNoise = x }),
        Row(
            "regimes.co-produced.shared_noise", read: { s, _ in s.regimes.coProduced.sharedNoise },
            write: { s, _, x in s.regimes.coProduced.sharedNoise = x }),
        Row(
            "regimes.co-produced.effect_noise", read: { s, _ in s.regimes.coProduced.effectNoise },
            write: { s, _, x in s.regimes.coProduced.effectNoise = x }),
        // The ballot's companion keys: each exists only with its ballot kind.
        Row(
            "regimes.co-produced.threshold", requires: ballot("threshold"),
            read: { s, _ in
                guard case .approval(.threshold(let tau)) = s.regimes.coProduced.ballot else { return 0 }
                return tau
            },
            write: { s, _, x in s.regimes.coProduced.ballot = .approval(.threshold(x)) }),
        Row(
            "regimes.co-produced.top", integer: true, requires: ballot("top"),
            read: { s, _ in
                guard case .approval(.top(let m)) = s.regimes.coProduced.ballot else { return 0 }
                return Double(m)
            },
            write: { s, _, x in s.regimes.coProduced.ballot = .approval(.top(whole(x))) }),
        Row(
            "regimes.co-produced.points", integer: true, requires: ballot("points"),
            read: { s, _ in
                guard case .cumulative(let points) = s.regimes.coProduced.ballot else { return 0 }
                return Double(points)
            },
            write: { s, _, x in s.regimes.coProduced.ballot = .cumulative(points: whole(x)) }),
        Row(
            "regimes.co-produced.electorate", integer: true,
            read: { s, _ in Double(s.regimes.coProduced.electorate ?? 0) },
            write: { s, _, x in s.regimes.coProduced.electorate = whole(x) }),
        Row(
            "regimes.co-produced.process_cost", read: { s, _ in s.regimes.coProduced.processCost },
            write: { s, _, x in s.regimes.coProduced.processCost = x }),
        Row(
            "regimes.co-produced.outreach.cost", requires: outreach,
            read: { s, _ in s.regimes.coProduced.outreach?.cost ?? 0 },
            write: { s, _, x in s.regimes.coProduced.outreach?.cost = x }),
        Row(
            "regimes.co-produced.outreach.participation.<group>", key: .group, requires: outreach,
            read: { s, p in s.regimes.coProduced.outreach?.participation[Scenario.GroupID(rawValue: p.key)] ?? 0 },
            write: { s, p, x in s.regimes.coProduced.outreach?.participation[Scenario.GroupID(rawValue: p.key)] = x }),
        Row(
            "regimes.panel.size", integer: true, requires: panel, read: { s, _ in Double(s.regimes.panel?.size ?? 0) },
            write: { s, _, x in s.regimes.panel?.size = whole(x) }),
        Row(
            "regimes.panel.deliberation", requires: panel, read: { s, _ in s.regimes.panel?.deliberation ?? 0 },
            write: { s, _, x in s.regimes.panel?.deliberation = x }),
        Row(
            "regimes.panel.process_cost", requires: panel, read: { s, _ in s.regimes.panel?.processCost ?? 0 },
            write: { s, _, x in s.regimes.panel?.processCost = x }),
        Row(
            "regimes.blend.lambdas[]", list: .lambdas, requires: missing("blend") { $0.regimes.blend != nil },
            read: { s, p in s.regimes.blend?.lambdas[p.item] ?? 0 },
            write: { s, p, x in s.regimes.blend?.lambdas[p.item] = x }),
        Row(
            "regimes.split.shares[]", list: .shares, requires: missing("split") { $0.regimes.split != nil },
            read: { s, p in s.regimes.split?.shares[p.item] ?? 0 },
            write: { s, p, x in s.regimes.split?.shares[p.item] = x }),
        Row(
            "election.needs.<name>", key: .name, requires: missing("real election") { $0.election != nil },
            read: { s, p in s.election?.needs[p.key] ?? 0 }, write: { s, p, x in s.election?.needs[p.key] = x }),
    ]

    private static let names: [Row] = [
        Row("budget.overrun", Scenario.Overrun.self) { s, _, x in s.budget.overrun = x },
        Row("proposals[].origin", Scenario.Origin.self, list: .proposals) { s, p, x in s.proposals[p.item].origin = x },
        Row("proposals[].delivery", Scenario.Delivery.self, list: .proposals) { s, p, x in
            s.proposals[p.item].delivery = x
        },
        Row("regimes.service-led.rule", Scenario.ServiceLedRule.self) { s, _, x in s.regimes.serviceLed.rule = x },
        Row("regimes.co-produced.rule", Scenario.CoProducedRule.self) { s, _, x in s.regimes.coProduced.rule = x },
        Row("regimes.co-produced.weighting", Scenario.Weighting.self) { s, _, x in s.regimes.coProduced.weighting = x },
        Row("regimes.co-produced.ballot", choices: ["approval", "cumulative", "cardinal"]) { s, _, kind in
            switch (kind, s.regimes.coProduced.ballot) {
            case ("approval", .approval), ("cumulative", .cumulative): break
            case ("cumulative", _): s.regimes.coProduced.ballot = .cumulative(points: Scenario.Ballot.defaultPoints)
            case ("cardinal", _): s.regimes.coProduced.ballot = .cardinal
            default: return "an approval ballot needs its threshold or top, which an override cannot add"
            }
            return nil
        },
        Row("regimes.panel.sampling", Scenario.PanelSampling.self, requires: panel) { s, _, x in
            s.regimes.panel?.sampling = x
        },
        Row(
            "regimes.split.leftover", Scenario.SplitLeftover.self,
            requires: missing("split") { $0.regimes.split != nil }
        ) {
            s, _, x in s.regimes.split?.leftover = x
        },
    ]

    // MARK: - What a row needs

    private static func domain(_ place: Place) -> Scenario.DomainID { Scenario.DomainID(rawValue: place.key) }

    /// A whole number from a rounded value; one beyond `Int` becomes the nearest end (which the
    /// validator refuses), never a crash.
    static func whole(_ value: Double) -> Int {
        Int(exactly: value) ?? (value > 0 ? Int.max : Int.min)
    }

    private static let panel: @Sendable (Scenario) -> String? = {
        $0.regimes.panel == nil ? "the scenario has no citizens' panel" : nil
    }
    private static let outreach: @Sendable (Scenario) -> String? = {
        $0.regimes.coProduced.outreach == nil ? "the co-produced process has no outreach" : nil
    }

    /// "the scenario has no `name`" unless `has` holds.
    private static func missing(
        _ name: String, unless has: @escaping @Sendable (Scenario) -> Bool
    ) -> @Sendable (Scenario) -> String? {
        { has($0) ? nil : "the scenario has no \(name)" }
    }

    /// The co-produced ballot's companion key `field` exists only with its kind.
    private static func ballot(_ field: String) -> @Sendable (Scenario) -> String? {
        { s in
            switch (field, s.regimes.coProduced.ballot) {
            case ("threshold", .approval(.threshold)), ("top", .approval(.top)), ("points", .cumulative): nil
            default: "the co-produced ballot is \(s.regimes.coProduced.ballot.kind) and has no '\(field)'"
            }
        }
    }
}

// MARK: - Rows, steps and places

extension ScenarioPath {
    /// One step of a path: a key, `[N]`, `[id=X]` or `[*]`.
    enum Step: Hashable, Sendable {
        case key(String)
        case index(Int)
        case id(String)
        case every

        /// `a.b[id=x].c[2]` as steps, or `nil` when the text is not a path.
        static func parse(_ path: String) -> [Step]? {
            var steps: [Step] = []
            var rest = Substring(path)
            while !rest.isEmpty {
                if rest.hasPrefix("[") {
                    guard let close = rest.firstIndex(of: "]") else { return nil }
                    let inside = rest[rest.index(after: rest.startIndex)..<close]
                    if inside == "*" {
                        steps.append(.every)
                    } else if inside.hasPrefix("id=") {
                        steps.append(.id(String(inside.dropFirst(3))))
                    } else if let n = Int(inside), n >= 0 {
                        steps.append(.index(n))
                    } else {
                        return nil
                    }
                    rest = rest[rest.index(after: close)...]
                } else {
                    if rest.hasPrefix(".") {
                        guard !steps.isEmpty else { return nil }
                        rest = rest.dropFirst()
                    }
                    let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
                    let key = rest[..<end]
                    guard !key.isEmpty else { return nil }
                    steps.append(.key(String(key)))
                    rest = rest[end...]
                }
            }
            return steps.isEmpty ? nil : steps
        }
    }

    /// One place a path names: the position of its item in the row's list, and its map key.
    struct Place {
        var item: Int
        var key: String
    }

    /// The list whose items `[…]` selects.
    enum List: Sendable {
        case population, proposals, envelopes, lambdas, shares

        /// The positions `selector` names in `scenario`, or what is missing.
        func items(_ selector: Step, in scenario: Scenario) -> (positions: [Int], problem: String?) {
            let ids: [String]? =
                switch self {
                case .population: scenario.population.map(\.id.rawValue)
                case .proposals: scenario.proposals.map(\.id.rawValue)
                default: nil
                }
            let count =
                switch self {
                case .population: scenario.population.count
                case .proposals: scenario.proposals.count
                case .envelopes: scenario.budget.envelopes.count
                case .lambdas: scenario.regimes.blend?.lambdas.count ?? 0
                case .shares: scenario.regimes.split?.shares.count ?? 0
                }
            switch selector {
            case .every:
                return (Array(0..<count), nil)
            case .index(let n) where n < count:
                return ([n], nil)
            case .index(let n):
                return ([], "no item [\(n)]: the list has \(count)")
            case .id(let id):
                if let n = ids?.firstIndex(of: id) { return ([n], nil) }
                switch self {
                case .population:
                    return ([], "no group with id '\(id)' (groups: \((ids ?? []).joined(separator: ", ")))")
                case .proposals: return ([], "no proposal with id '\(id)'")
                default: return ([], "the list has no ids: use [N] or [*]")
                }
            case .key:
                return ([], "not a list item")
            }
        }
    }

    /// What a row's `<key>` names: a declared domain, a group, or any name (an election's).
    enum Key: Sendable {
        case none, domain, group, name
    }

    /// How a row reads and writes its field.
    enum Access: Sendable {
        case number(
            read: @Sendable (Scenario, Place) -> Double, write: @Sendable (inout Scenario, Place, Double) -> Void)
        case name(write: @Sendable (inout Scenario, Place, String) -> String?)
    }

    /// One row of the table.
    struct Row: Sendable {
        /// The field as the README names it: `population[].needs.<domain>`.
        let pattern: String
        let list: List?
        let key: Key
        let isInteger: Bool
        /// The names a name field takes, `nil` for a number.
        let choices: [String]?
        let access: Access
        /// What the scenario must have for the field to exist, as a message when it lacks it.
        let requires: (@Sendable (Scenario) -> String?)?

        /// A number field.
        init(
            _ pattern: String, list: List? = nil, key: Key = .none, integer: Bool = false,
            requires: (@Sendable (Scenario) -> String?)? = nil,
            read: @escaping @Sendable (Scenario, Place) -> Double,
            write: @escaping @Sendable (inout Scenario, Place, Double) -> Void
        ) {
            self.pattern = pattern
            self.list = list
            self.key = key
            self.isInteger = integer
            self.choices = nil
            self.access = .number(read: read, write: write)
            self.requires = requires
        }

        /// A name field with its own choices.
        init(
            _ pattern: String, choices: [String], list: List? = nil,
            write: @escaping @Sendable (inout Scenario, Place, String) -> String?
        ) {
            self.pattern = pattern
            self.list = list
            self.key = .none
            self.isInteger = false
            self.choices = choices
            self.access = .name(write: write)
            self.requires = nil
        }

        /// A name field holding one of an enumeration's raw values.
        init<Choice: RawRepresentable & CaseIterable & Sendable>(
            _ pattern: String, _ type: Choice.Type, list: List? = nil,
            requires: (@Sendable (Scenario) -> String?)? = nil,
            write: @escaping @Sendable (inout Scenario, Place, Choice) -> Void
        ) where Choice.RawValue == String {
            self.pattern = pattern
            self.list = list
            self.key = .none
            self.isInteger = false
            self.choices = Choice.allCases.map(\.rawValue)
            self.access = .name(write: { s, p, name in
                if let choice = Choice(rawValue: name) { write(&s, p, choice) }
                return nil
            })
            self.requires = requires
        }

        /// The selector and key of `steps` when they name this row's field.
        func match(_ steps: [Step]) -> (selector: Step?, key: String)? {
            var selector: Step?
            var key = ""
            var given = steps[...]
            for part in pattern.split(separator: ".") {
                let isList = part.hasSuffix("[]")
                let name = isList ? part.dropLast(2) : part
                guard case .key(let written) = given.popFirst() else { return nil }
                if name.hasPrefix("<") {
                    key = written
                } else if written != name {
                    return nil
                }
                if isList {
                    guard let item = given.popFirst(), !isKey(item) else { return nil }
                    selector = item
                }
            }
            return given.isEmpty ? (selector, key) : nil
        }

        private func isKey(_ step: Step) -> Bool {
            if case .key = step { return true }
            return false
        }
    }
}
