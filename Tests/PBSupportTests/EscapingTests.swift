import PBSupport
import Synchronization
import Testing

@Suite struct EscapingTests {
    @Test func jsonStringsEscapeQuotesBackslashesAndControlCharacters() {
        #expect(JSONText.string("a\"b\\c\nd\te\u{1}f\r") == #""a\"b\\c\nd\te\u0001f\r""#)
        #expect(JSONText.string("zł ✓") == "\"zł ✓\"")
        #expect(JSONText.array(["x", "y\""]) == #"["x","y\""]"#)
        #expect(JSONText.number(.nan) == "null" && JSONText.number(nil) == "null" && JSONText.number(0.5) == "0.5")
        var out = "["
        JSONText.appendString("\u{1F}", to: &out)
        #expect(out == #"["\u001f""#)
    }

    @Test func csvFieldsAreQuotedOnlyWhenTheyMustBe() {
        #expect(CSVText.field("plain text") == "plain text")
        #expect(CSVText.field("a,b") == "\"a,b\"")
        #expect(CSVText.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVText.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVText.field("lone\rcarriage return") == "\"lone\rcarriage return\"")
        #expect(CSVText.field(" outer spaces ") == "\" outer spaces \"")
    }

    @Test func csvFieldsReadBackAsTheyWere() {
        let cells = ["a,b", "say \"hi\"", "two\nlines", " x ", "", "plain"]
        let rows = CSVText.rows(cells.map(CSVText.field).joined(separator: ",") + "\n")
        #expect(rows.map(\.cells) == [cells])
    }

    @Test func htmlTextEscapesEveryMarkupCharacter() {
        #expect(
            HTMLText.escape(#"Parks & "play" <areas> 'x'"#) == "Parks &amp; &quot;play&quot; &lt;areas&gt; &#39;x&#39;")
        #expect(HTMLText.escape("nothing to do") == "nothing to do")
    }
}

@Suite struct ThreadsTests {
    @Test(arguments: [1, 3, 8])
    func everyItemIsDoneOnceWhateverTheThreads(jobs: Int) {
        let done = Mutex([Int](repeating: 0, count: 100))
        Threads.forEach(count: 100, jobs: jobs) {
            { index in
                done.withLock { $0[index] += 1 }
                return true
            }
        }
        #expect(done.withLock { $0 } == [Int](repeating: 1, count: 100))
    }

    @Test func aWorkerThatStopsEndsTheQueue() {
        let done = Mutex(0)
        Threads.forEach(count: 1000, jobs: 1) {
            { index in
                done.withLock { $0 += 1 }
                return index < 9
            }
        }
        #expect(done.withLock { $0 } == 10)
    }

    @Test(arguments: [1, 2, 5])
    func mapPutsEachItemInItsSlotAndCountsProgress(jobs: Int) {
        let reported = Mutex([Int]())
        let squares = Threads.map(count: 50, jobs: jobs, progress: { n in reported.withLock { $0.append(n) } }) {
            { index in index * index }
        }
        #expect(squares == (0..<50).map { $0 * $0 })
        #expect(reported.withLock { $0.sorted() } == Array(1...50))
    }

    @Test func aCancelledMapReturnsNothing() {
        let started = Mutex(0)
        let result = Threads.map(count: 100, jobs: 2, isCancelled: { started.withLock { $0 } >= 10 }) {
            { index in
                started.withLock { $0 += 1 }
                return index
            }
        }
        #expect(result == nil)
        #expect(started.withLock { $0 } < 100)
    }
}
