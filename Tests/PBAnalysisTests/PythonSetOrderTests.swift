@testable import PBAnalysis
import Testing

/// pabutools' MES analytics list projects in the order of a CPython set; these values were
/// printed by CPython 3.11 with PYTHONHASHSEED=0.
@Suite struct PythonSetOrderTests {
    @Test(arguments: [
        ("1549", Int64(-445_905_774_276_849_134)), ("2290", -6_329_576_109_720_526_404),
        ("L5/03/VII", 4_416_297_788_653_379_874), ("abcdefghij", -829_746_140_550_000_655),
        ("Łódź", 5_735_756_214_380_303_231),
    ])
    func stringHashMatchesCPython(_ text: String, _ hash: Int64) {
        #expect(PythonSet.stringHash(text) == hash)
    }

    @Test func setOrderMatchesCPython() {
        let ids = [
            "465", "181", "613", "42", "598", "87", "337", "475", "114", "171", "300", "597", "374", "373", "174",
        ]
        var s = PythonSet(hash: { PythonSet.stringHash(ids[$0]) })
        for i in ids.indices { s.add(i) }
        let expected = [
            "42", "598", "87", "181", "613", "337", "475", "465", "114", "171", "300", "597", "374", "373", "174",
        ]
        #expect(s.elements.map { ids[$0] } == expected)
        #expect(s.copy().elements.map { ids[$0] } == expected)
    }
}
