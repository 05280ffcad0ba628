extension Scenario {
    /// Whether `a` comes before `b` in UTF-8 byte order (the canonical order of ids, MODEL.md section 1).
    ///
    /// Swift's `<` on strings compares Unicode canonical equivalents, which can differ from byte order;
    /// ids are compared as bytes so that the order is the same in every tool.
    public static func idPrecedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// The scenario with every list in canonical order (MODEL.md section 1): domains, districts,
    /// groups and proposals by id in UTF-8 byte order, envelopes by target (districts first, then
    /// domains, each by id, then by bounds), and the blend weights and split shares ascending without
    /// repeats.
    ///
    /// Everything the simulator computes is indexed in this order, so permuting the items of any list
    /// in a scenario file changes no output (property P6). ``load(path:)`` and ``parse(yaml:file:)``
    /// keep the file's order (so that messages can name `proposals[3]`); the simulator, the allocator
    /// and the reports work on the canonical scenario. Applying it twice changes nothing.
    ///
    /// ```swift
    /// let canonical = scenario.canonicalized()
    /// canonical.proposals.map(\.id)   // ["dial-a-ride", "district-festival", "east-day-centre", …]
    /// ```
    public func canonicalized() -> Scenario {
        var copy = self
        copy.domains.sort { Self.idPrecedes($0.rawValue, $1.rawValue) }
        copy.districts.sort { Self.idPrecedes($0.rawValue, $1.rawValue) }
        copy.population.sort { Self.idPrecedes($0.id.rawValue, $1.id.rawValue) }
        copy.proposals.sort { Self.idPrecedes($0.id.rawValue, $1.id.rawValue) }
        copy.budget.envelopes.sort(by: Self.envelopePrecedes)
        if let blend = copy.regimes.blend {
            copy.regimes.blend?.lambdas = Array(Set(blend.lambdas)).sorted()
        }
        if let split = copy.regimes.split {
            copy.regimes.split?.shares = Array(Set(split.shares)).sorted()
        }
        return copy
    }

    /// Districts before domains, each by id, then by minimum and maximum (absent first).
    private static func envelopePrecedes(_ a: Envelope, _ b: Envelope) -> Bool {
        func key(_ target: EnvelopeTarget) -> (Int, String) {
            switch target {
            case .district(let id): (0, id.rawValue)
            case .domain(let id): (1, id.rawValue)
            }
        }
        let (ka, kb) = (key(a.target), key(b.target))
        if ka.0 != kb.0 { return ka.0 < kb.0 }
        if ka.1 != kb.1 { return idPrecedes(ka.1, kb.1) }
        let (minA, minB) = (a.min ?? -.infinity, b.min ?? -.infinity)
        if minA != minB { return minA < minB }
        return (a.max ?? -.infinity) < (b.max ?? -.infinity)
    }
}
