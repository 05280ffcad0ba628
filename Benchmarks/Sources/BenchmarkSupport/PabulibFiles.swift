import Foundation
public import PBModel
public import PBRules

/// Where the benchmarks find pabulib files, and the instances they measure.
///
/// A file `<name>.pb` is looked up, in this order, in:
/// 1. the folder named by the environment variable `PBSIM_PABULIB`, when it is set;
/// 2. `<checkout>/../shared/pabulib`, the project's shared set of 44 real elections;
/// 3. `<checkout>/Tests/PBRulesTests/Fixtures/pabulib`, the test fixtures (the files under 1 MB).
///
/// `<checkout>` is the pbsim checkout this file belongs to, found from `#filePath`, so the working
/// directory does not matter. A benchmark whose file is in none of them is not registered (Łódź 2022,
/// 3.7 MB, is only in the shared set), and ``report()`` says which folder each file came from.
public enum PabulibFiles {
    /// The pbsim checkout (this file is `<checkout>/Benchmarks/Sources/BenchmarkSupport/PabulibFiles.swift`).
    public static let checkout: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folders searched, in order.
    public static var searchFolders: [String] {
        var folders: [String] = []
        if let folder = ProcessInfo.processInfo.environment["PBSIM_PABULIB"], !folder.isEmpty { folders.append(folder) }
        folders.append(
            checkout.deletingLastPathComponent().appendingPathComponent("shared/pabulib").standardizedFileURL.path)
        folders.append(checkout.appendingPathComponent("Tests/PBRulesTests/Fixtures/pabulib").path)
        return folders
    }

    /// The path of `<name>.pb` in the first folder that has it, or `nil`.
    public static func path(of name: String) -> String? {
        for folder in searchFolders {
            let path = (folder as NSString).appendingPathComponent(name + ".pb")
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }

    /// The file's bytes, or `nil` when it is in no folder.
    public static func bytes(of name: String) -> [UInt8]? {
        guard let path = path(of: name), let data = FileManager.default.contents(atPath: path) else { return nil }
        return [UInt8](data)
    }

    /// The parsed election, or `nil` when the file is in no folder; a file that does not parse stops the run.
    public static func election(_ name: String) -> Election? {
        guard let path = path(of: name) else { return nil }
        do {
            return try PabulibReader.read(path: path)
        } catch {
            fatalError("\(error)")
        }
    }

    /// The election, prepared for the rules (outside any measurement).
    public static func prepared(_ name: String) -> (election: Election, instance: RuleInstance)? {
        guard let election = election(name) else { return nil }
        do {
            return (election, try RuleInstance(election))
        } catch {
            fatalError("\(name): \(error)")
        }
    }

    /// One line per instance: where its file was found, or that it is missing.
    public static func report() -> String {
        BenchmarkInstance.all.map { i in
            "  \(i.name): "
                + (path(of: i.name)
                    ?? "not found in \(searchFolders.joined(separator: ", ")); its benchmarks are skipped")
        }.joined(separator: "\n")
    }
}

/// An election the suites measure.
public struct BenchmarkInstance: Sendable {
    public var name: String
    /// `small`, `medium`, `largest`, `largest ordinal` or `largest cumulative`.
    public var role: String

    /// Small: Warsaw Śródmieście Wars 2017 (1,751 voters, 27 projects); medium: Warsaw Mokotów 2021
    /// (12,933 × 98); largest: Łódź 2022 city-wide (90,494 × 160), all three approval elections; and
    /// for the rules on other ballots the largest ranked one, Kraków 2021 (51,229 × 99), and the
    /// largest cumulative one, Katowice 2020 (38,903 × 73).
    public static let all: [BenchmarkInstance] = [
        BenchmarkInstance(name: "poland_warszawa_2017_wars", role: "small"),
        BenchmarkInstance(name: "poland_warszawa_2021_mokotow", role: "medium"),
        BenchmarkInstance(name: "poland_lodz_2022_", role: "largest"),
        BenchmarkInstance(name: "poland_krakow_2021_", role: "largest ordinal"),
        BenchmarkInstance(name: "poland_katowice_2020_", role: "largest cumulative"),
    ]

    /// A benchmark's name: `<step>@<instance>(<voters>x<projects>)`, e.g.
    /// `mes-cost@poland_warszawa_2021_mokotow(12933x98)`, or with `bytes`,
    /// `parse@poland_lodz_2022_(3763429B,90494x160)`.
    ///
    /// The size is in the name so that each time reads against voters × projects. Names carry no space
    /// and no `/`: package-benchmark 1.38.1 writes threshold files with those replaced by `_` but looks
    /// them up by the raw name, so `thresholds check` would find none (ordo-one/benchmark issues 301, 373).
    public static func name(_ step: String, election: Election, instance: String, bytes: Int? = nil) -> String {
        let size = "\(election.voterCount)x\(election.projects.count)"
        return "\(step)@\(instance)(" + (bytes.map { "\($0)B," } ?? "") + size + ")"
    }
}
