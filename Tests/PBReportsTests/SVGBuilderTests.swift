import PBReports
import Testing

@Suite struct EscapingTests {
    @Test func markupEscapesTheFiveSpecialCharacters() {
        #expect(Markup.escape(#"a<b & c>"d" 'e'"#) == "a&lt;b &amp; c&gt;&quot;d&quot; &#39;e&#39;")
        #expect(Markup.escape("plain text, żółw") == "plain text, żółw")
    }

    @Test func nodesEscapeAttributeValuesAndText() {
        let node = SVGNode("text", ["data-x": #"1" onload="x"#], text: "<script>&</script>")
        #expect(node.render() == #"<text data-x="1&quot; onload=&quot;x">&lt;script&gt;&amp;&lt;/script&gt;</text>"#)
    }

    @Test func emptyNodesCloseThemselves() {
        #expect(SVGNode("rect", ["x": "1"]).render() == #"<rect x="1"/>"#)
    }

    @Test func tableCellsAndCaptionsAreEscaped() {
        var table = HTMLTable(caption: "Spend <by> \"area\"", headers: ["a&b", "n"], numeric: [1])
        table.rows.append([HTMLCell("<b>bold?</b>"), HTMLCell("1")])
        let html = table.render()
        #expect(html.contains("<caption>Spend &lt;by&gt; &quot;area&quot;</caption>"))
        #expect(html.contains(#"<th scope="col">a&amp;b</th><th scope="col" class="num">n</th>"#))
        #expect(html.contains(#"<th scope="row">&lt;b&gt;bold?&lt;/b&gt;</th><td class="num">1</td>"#))
    }

    @Test func chartLabelsAreEscaped() {
        let svg = Charts.groupedBars(
            id: "c", title: #"T<&>""#, description: "d", categories: [#"A<&>"B"#],
            series: [BarSeries(name: #"S<&>""#, style: .palette(0), values: [BarValue(0.5)])],
            format: .percent(decimals: 0))
        let text = svg.render()
        #expect(text.contains("A&lt;&amp;&gt;&quot;B"))
        #expect(text.contains("T&lt;&amp;&gt;&quot;"))
        #expect(!text.contains(#"A<&>"B"#))
        #expect(!text.contains(#"T<&>""#))
    }
}

@Suite struct ScaleTests {
    @Test func linearScaleMapsTheDomainOntoTheRange() {
        let x = LinearScale(domain: (0, 1), range: (40, 440))
        #expect(x(0) == 40)
        #expect(x(0.5) == 240)
        #expect(x(1) == 440)
        #expect(x(1.5) == 640)  // extrapolates
        #expect(x.clamped(1.5) == 440)
    }

    @Test func linearScaleRunsBackwardsForVerticalAxes() {
        let y = LinearScale(domain: (0, 100), range: (300, 20))
        #expect(y(0) == 300)
        #expect(y(100) == 20)
        #expect(y(25) == 230)
    }

    @Test func aDomainOfZeroWidthMapsToTheMiddle() {
        #expect(LinearScale(domain: (3, 3), range: (0, 100))(3) == 50)
    }

    @Test func ticksAreRoundValuesInsideTheDomain() {
        #expect(LinearScale(domain: (0, 1), range: (0, 1)).ticks(count: 5) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        // 97 / 5 = 19.4 per tick: steps of 20.
        #expect(LinearScale(domain: (0, 97), range: (0, 1)).ticks(count: 5) == [0, 20, 40, 60, 80])
        // Multiples of 0.1 without floating-point noise (3 * 0.1 is 0.30000000000000004).
        #expect(LinearScale(domain: (0, 0.3), range: (0, 1)).ticks(count: 3) == [0, 0.1, 0.2, 0.3])
        #expect(LinearScale(domain: (-2, 2), range: (0, 1)).ticks(count: 4) == [-2, -1, 0, 1, 2])
    }

    @Test func nicedWidensTheDomainToTicks() {
        let scale = LinearScale(domain: (0.03, 0.97), range: (0, 100)).niced(count: 5)
        #expect(scale.domain.lower == 0)
        #expect(scale.domain.upper == 1)
    }

    @Test func extentSkipsNaNAndInfinities() {
        let extent = LinearScale.extent(of: [.nan, 2, 5, .infinity, -.infinity], includingZero: false)
        #expect(extent?.0 == 2)
        #expect(extent?.1 == 5)
        #expect(LinearScale.extent(of: [2, 5], includingZero: true)?.0 == 0)
        #expect(LinearScale.extent(of: [.nan, .nan], includingZero: true) == nil)
        #expect(LinearScale.extent(of: [], includingZero: false) == nil)
    }

    @Test func bandScaleSpacesBandsEvenly() {
        // step = 100 / (4 - 0.2 + 2 * 0.1) = 25; band = 25 * 0.8 = 20; first band starts at 0.1 * 25.
        let y = BandScale(count: 4, range: (0, 100), paddingInner: 0.2, paddingOuter: 0.1)
        #expect(y.step == 25)
        #expect(y.bandwidth == 20)
        #expect(y.start(0) == 2.5)
        #expect(y.start(3) == 77.5)
        #expect(y.center(1) == 37.5)
        #expect(BandScale(count: 0, range: (0, 100)).step == 0)
    }
}

@Suite struct AxisTests {
    /// The tick labels of an axis, in order.
    func labels(_ axis: SVGNode) -> [String] {
        Page.nodes(classed: "tick", in: axis).compactMap(\.text)
    }

    @Test func aPercentAxisLabelsRoundTicksAtTheirPositions() {
        // 400 pixels: about 4 ticks, so steps of 0.2.
        let x = LinearScale(domain: (0, 1), range: (0, 400))
        let axis = Axis.bottom(x, y: 100, format: .percent(decimals: 0))
        #expect(labels(axis) == ["0%", "20%", "40%", "60%", "80%", "100%"])
        #expect(
            Page.nodes(classed: "tick", in: axis).map { $0[attribute: "x"] } == ["0", "80", "160", "240", "320", "400"])
    }

    @Test func numberTicksAreWrittenInTheirShortestForm() {
        let x = LinearScale(domain: (0, 1), range: (0, 400))
        let axis = Axis.bottom(x, y: 0, format: .number(decimals: 2), ticks: [0, 0.25, 0.5, 0.75, 1])
        #expect(labels(axis) == ["0", "0.25", "0.5", "0.75", "1"])
    }

    @Test func moneyTicksAreCompact() {
        let y = LinearScale(domain: (0, 1_500_000), range: (300, 0))
        let axis = Axis.left(y, x: 50, format: .money(code: "GBP"), ticks: [0, 500_000, 1_000_000, 1_500_000])
        #expect(labels(axis) == ["£0", "£500k", "£1M", "£1.5M"])
    }

    @Test func gridLinesAreDrawnOnlyWhenAsked() {
        let x = LinearScale(domain: (0, 1), range: (0, 400))
        #expect(Page.nodes(classed: "grid", in: Axis.bottom(x, y: 100, format: .percent(decimals: 0))).isEmpty)
        #expect(
            Page.nodes(classed: "grid", in: Axis.bottom(x, y: 100, gridFrom: 0, format: .percent(decimals: 0))).count
                == 6)
    }

    @Test func axisTitlesAreWritten() {
        let x = LinearScale(domain: (0, 1), range: (0, 400))
        let axis = Axis.bottom(x, y: 100, format: .number(decimals: 1), label: "λ: weight on votes")
        #expect(Page.nodes(classed: "axis-label", in: axis).first?.text == "λ: weight on votes")
    }
}

@Suite struct ChartTests {
    let series = [
        BarSeries(name: "a", style: .palette(0), values: [BarValue(0.2), BarValue(.nan), BarValue(0.6)]),
        BarSeries(
            name: "b", style: .palette(1), values: [BarValue(0.3, lo: 0.1, hi: 0.4), BarValue(0.1), BarValue(0.5)]),
    ]

    @Test func groupedBarsDrawOneBarPerFiniteValueAndSkipNaN() {
        let svg = Charts.groupedBars(
            id: "g", title: "t", description: "d", categories: ["x", "y", "z"], series: series,
            format: .percent(decimals: 0))
        #expect(Page.nodes(classed: "bar", in: svg).count == 5)
        #expect(Page.nodes(classed: "whisker", in: svg).count == 1)
        let text = svg.render()
        #expect(!text.lowercased().contains("nan"))
        #expect(!text.contains("n/a"))
    }

    @Test func chartsAreAccessibleImages() {
        let svg = Charts.groupedBars(
            id: "g", title: "Spend", description: "Bars of spend", categories: ["x", "y", "z"], series: series,
            format: .percent(decimals: 0))
        #expect(svg[attribute: "role"] == "img")
        #expect(svg[attribute: "aria-labelledby"] == "g-title g-desc")
        #expect(svg.children.first?.name == "title")
        #expect(svg.children.first?.text == "Spend")
        #expect(svg.children.dropFirst().first?.text == "Bars of spend")
    }

    @Test func patternedSeriesGetOnePatternEach() {
        let svg = Charts.groupedBars(
            id: "g", title: "t", description: "d", categories: ["x", "y", "z"],
            series: series + [
                BarSeries(name: "need", style: .reference, values: [BarValue(0.1), BarValue(0.1), BarValue(0.1)])
            ],
            format: .percent(decimals: 0))
        // Series 0 is solid; series 1 (stripes) and the reference (grey hatching) need a pattern.
        #expect(Page.nodes("pattern", in: svg).map { $0[attribute: "id"] } == ["g-p0", "g-p1"])
        #expect(svg.render().contains(#"fill="url(#g-p0)""#))
    }

    @Test func emptyDataRendersANoDataNote() {
        let charts = [
            Charts.groupedBars(
                id: "a", title: "t", description: "d", categories: [], series: [], format: .percent(decimals: 0)),
            Charts.groupedBars(
                id: "b", title: "t", description: "d", categories: ["x"],
                series: [BarSeries(name: "s", style: .palette(0), values: [BarValue(.nan)])],
                format: .percent(decimals: 0)),
            Charts.lineChart(
                id: "c", title: "t", description: "d", series: [], xFormat: .number(decimals: 1),
                yFormat: .number(decimals: 1), xLabel: "x", yLabel: "y"),
            Charts.lineChart(
                id: "d", title: "t", description: "d",
                series: [LineSeries(name: "s", style: .palette(0), points: [LinePoint(x: 0, y: .nan)])],
                xFormat: .number(decimals: 1), yFormat: .number(decimals: 1), xLabel: "x", yLabel: "y"),
            Charts.scatter(
                id: "e", title: "t", description: "d", points: [], groups: [], xLabel: "x", yLabel: "y",
                format: .number(decimals: 1)),
            Charts.histogram(
                id: "f", title: "t", description: "d", bins: [], values: [], style: .palette(0),
                format: .percent(decimals: 0), xLabel: "x"),
            Charts.stackedBars(
                id: "g", title: "t", description: "d", rows: [], total: 100, totalLabel: "budget",
                format: .number(decimals: 0)),
        ]
        for chart in charts {
            #expect(Page.nodes(classed: "no-data", in: chart).first?.text == "No data to show.")
            #expect(chart[attribute: "role"] == "img")
        }
    }

    @Test func linesBreakAtNaNAndMarkOnlyFinitePoints() {
        let points = [0.0, 0.25, 0.5, 0.75, 1].map { LinePoint(x: $0, y: $0 == 0.5 ? .nan : $0) }
        let svg = Charts.lineChart(
            id: "l", title: "t", description: "d",
            series: [LineSeries(name: "eff", style: .palette(0), points: points)],
            xFormat: .number(decimals: 2), yFormat: .percent(decimals: 0), xLabel: "x", yLabel: "y", yDomain: (0, 1))
        let path = try! #require(Page.nodes(classed: "line", in: svg).first?[attribute: "d"])
        #expect(path.filter { $0 == "M" }.count == 2)
        #expect(path.filter { $0 == "L" }.count == 2)
        #expect(Page.nodes("circle", in: svg).count == 4)
        #expect(Page.nodes(classed: "direct-label", in: svg).first?.text == "eff")
    }

    @Test func theSliderMarkerKnowsEveryPosition() {
        let points = [0.0, 0.5, 1].map { LinePoint(x: $0, y: $0) }
        let svg = Charts.lineChart(
            id: "l", title: "t", description: "d", series: [LineSeries(name: "s", style: .palette(0), points: points)],
            xFormat: .number(decimals: 1), yFormat: .number(decimals: 1), xLabel: "x", yLabel: "y",
            marker: (positions: [0, 0.5, 1], selected: 1), width: 500)
        let marker = try! #require(Page.nodes(classed: "x-marker", in: svg).first)
        let xs = (marker[attribute: "data-xs"] ?? "").split(separator: ",").compactMap { Double($0) }
        #expect(xs.count == 3)
        #expect(xs[0] < xs[1] && xs[1] < xs[2])
        #expect(marker[attribute: "x1"].flatMap(Double.init) == xs[1])
    }

    @Test func scatterPlotsSkipNonFinitePointsAndKeepGroupsApart() {
        let groups = [
            ScatterGroup(name: "funded", style: SeriesStyle(colour: "#009E73", marker: .circle)),
            ScatterGroup(name: "not funded", style: SeriesStyle(colour: "#5A5A5A", marker: .ring), hollow: true),
        ]
        let points = [
            ScatterPoint(x: 21.0, y: 52.2, group: 0, tip: "a"), ScatterPoint(x: 21.1, y: 52.3, group: 1, tip: "b"),
            ScatterPoint(x: .nan, y: 52.3, group: 0, tip: "c"), ScatterPoint(x: 21.05, y: 52.25, group: 7, tip: "d"),
        ]
        let svg = Charts.scatter(
            id: "m", title: "t", description: "d", points: points, groups: groups, xLabel: "lon", yLabel: "lat",
            format: .number(decimals: 2), aspect: 1.6)
        let marks = Page.nodes(classed: "point", in: svg)
        #expect(marks.count == 2)
        #expect(marks.compactMap { $0.children.first?.text }.sorted() == ["a", "b"])
        #expect(Page.nodes(classed: "legend-item", in: svg).count == 2)
    }

    @Test func histogramsShareAScaleWhenGivenOne() {
        let svg = Charts.histogram(
            id: "h", title: "rule", description: "d", bins: ["none", "some", "all"], values: [0.1, .nan, 0.3],
            style: .palette(1), format: .percent(decimals: 0), yMax: 0.5, xLabel: "choices funded")
        #expect(Page.nodes(classed: "bar", in: svg).count == 2)
        let ticks = Page.nodes(classed: "tick", in: svg).compactMap(\.text)
        #expect(ticks.contains("50%"))
        #expect(ticks.suffix(3) == ["none", "some", "all"])
    }

    @Test func stackedBarsLayTheSegmentsEndToEnd() {
        let rows = [
            StackRow(
                label: "greedy", style: .palette(0),
                segments: [StackSegment(value: 40, tip: "p1"), StackSegment(value: 60, tip: "p2")], note: "100%")
        ]
        let svg = Charts.stackedBars(
            id: "s", title: "t", description: "d", rows: rows, total: 100, totalLabel: "budget",
            format: .number(decimals: 0),
            width: 500)
        let segments = Page.nodes(classed: "segment", in: svg)
        #expect(segments.count == 2)
        let x0 = Double(segments[0][attribute: "x"] ?? "") ?? .nan
        let w0 = Double(segments[0][attribute: "width"] ?? "") ?? .nan
        let x1 = Double(segments[1][attribute: "x"] ?? "") ?? .nan
        #expect(abs(x0 + w0 - x1) < 0.02)
    }
}

@Suite struct NumberFormatTests {
    @Test func coordinatesHaveAtMostTwoDecimals() {
        #expect(SVG.number(12.5) == "12.5")
        #expect(SVG.number(3) == "3")
        #expect(SVG.number(-0.001) == "0")
        #expect(SVG.number(0.1 + 0.2) == "0.3")
        #expect(SVG.number(-2.25) == "-2.25")
        #expect(SVG.number(1.05) == "1.05")
        #expect(SVG.number(.nan) == "0")
    }

    @Test func moneyIsWrittenInTheCurrency() {
        #expect(CurrencyText(code: "GBP").format(1_200_000) == "£1,200,000")
        #expect(CurrencyText(code: "EUR").format(950.5, decimals: 2) == "€950.50")
        #expect(CurrencyText(code: "PLN").format(350_000) == "350,000 zł")
        #expect(CurrencyText(code: "NOK").format(1000) == "NOK 1,000")
        #expect(CurrencyText(code: "").format(1000) == "1,000")
        #expect(CurrencyText(code: "GBP").format(-1500) == "-£1,500")
        #expect(CurrencyText(code: "GBP").format(.nan) == "n/a")
    }

    @Test func compactMoneyForAxesAndCards() {
        let gbp = CurrencyText(code: "GBP")
        #expect(gbp.compact(1_200_000) == "£1.2M")
        #expect(gbp.compact(1_000_000) == "£1M")
        #expect(gbp.compact(350_000) == "£350k")
        #expect(gbp.compact(900) == "£900")
        #expect(gbp.compact(2_500_000_000) == "£2.5bn")
        #expect(CurrencyText(code: "PLN").compact(4_654_236) == "4.7M zł")
    }

    @Test func countriesSuggestTheirCurrency() {
        #expect(CurrencyText.code(forCountry: "Poland") == "PLN")
        #expect(CurrencyText.code(forCountry: "France") == "EUR")
        #expect(CurrencyText.code(forCountry: "Atlantis") == nil)
    }

    @Test func valueFormatsWriteNaNAsNotAvailable() {
        #expect(ValueFormat.percent(decimals: 1).text(0.7125) == "71.3%")
        #expect(ValueFormat.number(decimals: 2).text(0.125) == "0.13")
        #expect(ValueFormat.money(code: "GBP").text(95_000) == "£95,000")
        #expect(ValueFormat.percent(decimals: 0).text(.nan) == "n/a")
    }
}
