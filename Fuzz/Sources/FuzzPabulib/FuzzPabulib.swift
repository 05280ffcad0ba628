// libFuzzer entry point for the pabulib reader: any bytes must give an election or a
// PabulibError, never a crash; an accepted election must survive write → read unchanged and
// every applicable rule must run on it without trapping.
import FuzzDriver
import PBModel
import PBRules
import Foundation

let debugRules = ProcessInfo.processInfo.environment["FUZZ_DEBUG"] != nil

extension Result {
    var failure: Failure? { if case .failure(let f) = self { return f }; return nil }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPabulib(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let election = try? PabulibReader.parse(bytes, file: "fuzz.pb") else { return 0 }
    let again = try? PabulibReader.parse(PabulibWriter.text(of: election), file: "fuzz-roundtrip.pb")
    if again != election {
        let parts = [
            ("meta", again?.meta == election.meta), ("budget", again?.budget == election.budget),
            ("projects", again?.projects == election.projects), ("projectFields", again?.projectFields == election.projectFields),
            ("voterFields", again?.voterFields == election.voterFields), ("voteColumns", again?.voteColumns == election.voteColumns),
            ("ballots", again?.ballots == election.ballots),
        ]
        FileHandle.standardError.write(Data("write → read changed: \(parts.filter { !$0.1 }.map(\.0)) \(again == nil ? "(rewritten text does not parse)" : "")\n".utf8))
        if debugRules, let again {
            for (a, b) in zip(election.projects, again.projects) where a != b { FileHandle.standardError.write(Data("project \(Array(a.id.utf8)) \(a.cost) vs \(Array(b.id.utf8)) \(b.cost)\n".utf8)) }
        }
        if again == nil, let e = (Result { try PabulibReader.parse(PabulibWriter.text(of: election), file: "rewritten.pb") }).failure { FileHandle.standardError.write(Data("\(e)\n".utf8)) }
        preconditionFailure("write → read changed the election")
    }
    if election.projects.count <= 12 && election.voterCount <= 200, let instance = try? RuleInstance(election) {
        for rule in RuleName.allCases where Rules.applies(rule, to: election.voteType) {
            if debugRules { FileHandle.standardError.write(Data("rule \(rule.rawValue)\n".utf8)) }
            if let outcome = try? Rules.run(rule, on: instance) {
                precondition(outcome.costUnits <= instance.budget, "\(rule.rawValue) spends over the budget")
            }
        }
    }
    return 0
}

// SwiftPM links the executable through `FuzzPabulib_main`; libFuzzer's driver takes over (FuzzDriver).
@_cdecl("FuzzPabulib_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzPabulib(data, size) }
}
