import Benchmark
import BenchmarkSupport
import PBModel

// Parsing pabulib text from memory (the file is read beforehand, outside the measurement), on a
// small, a medium and the largest election; see PabulibFiles for where the files are found. Names are
// "parse@<instance>(<bytes>B,<voters>x<projects>)".
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: SuiteConfiguration.metrics,
        warmupIterations: 2,
        maxDuration: .seconds(2),
        maxIterations: 200,
        thresholds: SuiteConfiguration.thresholds
    )
    for instance in BenchmarkInstance.all {
        guard let bytes = PabulibFiles.bytes(of: instance.name), let election = PabulibFiles.election(instance.name) else {
            print("Parsing: \(instance.name) not found; skipped.\n\(PabulibFiles.report())")
            continue
        }
        Benchmark(BenchmarkInstance.name("parse", election: election, instance: instance.name, bytes: bytes.count)) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try! PabulibReader.parse(bytes, file: instance.name))
            }
        }
    }
}
