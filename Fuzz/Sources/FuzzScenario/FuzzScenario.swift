// libFuzzer entry point for the scenario loader: any text must give a scenario or a
// ScenarioError, never a crash.
import FuzzDriver
import PBScenario

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? Scenario.parse(yaml: text, file: "fuzz.yaml")
    return 0
}

// SwiftPM links the executable through `FuzzScenario_main`; libFuzzer's driver takes over (FuzzDriver).
@_cdecl("FuzzScenario_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzScenario(data, size) }
}
