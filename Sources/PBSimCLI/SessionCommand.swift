import ArgumentParser
import Foundation
import PBReports
import PBRules
import PBSession

/// `pbsim session create`: a panel session that members vote in from their phones (`pbsim serve --data`).
struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Create a panel session: one private link per member and one for the facilitator.",
        discussion: "Serve it with 'pbsim serve --data DIR'; see 'Panel sessions' in the README.",
        subcommands: [CreateSession.self]
    )
}

/// `pbsim session create SOURCE --members N --data DIR`.
struct CreateSession: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a session from a scenario (.yaml) or an election (.pb) and print its tokens.",
        discussion: """
            Prints {"session", "admin_token", "member_tokens": [...], "links"} (--format json) or the links \
            (text). The tokens are shown once: the data folder keeps only their SHA-256 digests. Member \
            links open /vote, the facilitator's /facilitate, on the server at --url. --qr-sheet writes the \
            member links as a printable SVG sheet of QR codes (A4, 12 cards a page).
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The proposals and budget: a scenario (.yaml) or a pabulib election (.pb).")
    var source: String

    @Option(help: "The number of members (one link each).")
    var members: Int?

    @Option(help: "A text file with one member name per line (instead of --members).")
    var names: String?

    @Option(help: "The data folder that 'pbsim serve --data' serves (created when missing).")
    var data: String

    @Option(help: "The ballot: approval, cumulative (points) or knapsack (projects within the budget).")
    var ballot: String = BallotFormat.Kind.approval.rawValue

    @Option(help: "Approval and knapsack: the fewest projects a ballot names (default 1).")
    var minProjects: Int = 1

    @Option(help: "Approval and knapsack: the most projects a ballot names.")
    var maxProjects: Int?

    @Option(help: "Cumulative: the points each member spreads.")
    var points: Int?

    @Option(help: "The counting rule (default mes-cost-add1-greedy); the others are shown beside it.")
    var rule: String = SessionDefinition.defaultRule.rawValue

    @Option(help: "The country for the exported .pb file (default: the .pb file's; a scenario has none).")
    var country: String?

    @Option(help: "The server's address, for the links.")
    var url: String = "http://127.0.0.1:8080"

    @Option(help: "Also write the member links as a printable SVG sheet of QR codes (A4, 12 a page).")
    var qrSheet: String?

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if (members == nil) == (names == nil) { throw ValidationError("give --members N or --names FILE") }
        if let members, !(1...100_000).contains(members) {
            throw ValidationError("--members must be from 1 to 100000")
        }
    }

    func run() throws {
        guard let ruleName = RuleName(rawValue: rule) else {
            throw failure("--rule: unknown rule '\(rule)' (e.g. mes-cost-add1-greedy, greedy-cost, phragmen)")
        }
        var roster: [String?] = Array(repeating: nil, count: members ?? 0)
        if let names {
            guard let handle = FileHandle(forReadingAtPath: names), let data = try? handle.readToEnd(),
                let text = String(data: data, encoding: .utf8)
            else {
                throw failure("\(names): cannot read the names (expected UTF-8 text, one name per line)")
            }
            roster = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            guard !roster.isEmpty else { throw failure("\(names): no names") }
        }
        guard let kind = BallotFormat.Kind(rawValue: ballot) else {
            throw failure("--ballot: expected approval, cumulative or knapsack (not '\(ballot)')")
        }
        let ballotFormat = BallotFormat(kind: kind, minProjects: minProjects, maxProjects: maxProjects, points: points)
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        if let qrSheet {
            // Before anything is created: the sheet must not overwrite an input, and a link must fit a code.
            try refuseInputs(qrSheet, inputs: [source] + (names.map { [$0] } ?? []))
            let sample = SessionLinks.member(
                base: base, session: SessionToken.sessionID(), token: SessionToken.generate())
            guard (try? QRCode(bytes: Array(sample.utf8), level: .medium)) != nil else {
                throw failure("--url: the links are too long for a QR code (\(sample.utf8.count) bytes)")
            }
        }
        let created: SessionStore.Created
        let definition: SessionDefinition
        do {
            definition = try SessionDefinition.load(
                path: source, format: ballotFormat, rule: ruleName, country: country)
            created = try SessionStore.open(directory: data).create(definition, members: roster)
        } catch {
            throw failure(error.description)
        }
        let admin = SessionLinks.admin(base: base, session: created.session, token: created.adminToken)
        let links = created.memberTokens.map { SessionLinks.member(base: base, session: created.session, token: $0) }
        switch format {
        case .json:
            let value = JSONValue.object([
                ("session", .string(created.session)), ("admin_token", .string(created.adminToken)),
                ("member_tokens", .array(created.memberTokens.map { .string($0) })),
                ("names", .array(created.names.map { $0.map { .string($0) } ?? .null })),
                ("links", .object([("admin", .string(admin)), ("members", .array(links.map { .string($0) }))])),
            ])
            emit(value.text() + "\n")
        case .text:
            var out = "Session \(created.session): \(definition.name)\n"
            out += "  \(definition.projects.count) projects, budget \(definition.budget) \(definition.currency), "
            out += "\(definition.format.kind.rawValue) ballot, counted with \(definition.rule.rawValue)\n"
            out += "Facilitator: \(admin)\n"
            for (n, link) in links.enumerated() {
                out += "Member \(n + 1)\(created.names[n].map { " (\($0))" } ?? ""): \(link)\n"
            }
            out += "Keep these links: they are not stored and cannot be shown again.\n"
            emit(out)
        }
        if let qrSheet { try writeSheet(qrSheet, created: created, definition: definition, links: links) }
    }

    /// Writes the QR-code sheet of the member links (after the links are printed, so a failed write
    /// loses nothing).
    func writeSheet(
        _ path: String, created: SessionStore.Created, definition: SessionDefinition, links: [String]
    ) throws {
        let cards = links.enumerated().map { n, link in
            (label: created.names[n] ?? "Member \(n + 1)", link: link)
        }
        let svg: String
        do {
            svg = try QRSheet.svg(title: definition.name, cards: cards)
        } catch {
            throw failure("--qr-sheet: \(error.description); the links are printed above")
        }
        let written = try writeOutput(path, with: svg, inputs: [source] + (names.map { [$0] } ?? []))
        note("\(written.phrase): \(links.count) member QR codes")
    }
}
