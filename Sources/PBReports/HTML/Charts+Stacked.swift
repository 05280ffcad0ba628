extension Charts {
    // MARK: - Stacked bars

    /// One horizontal bar per row made of segments laid end to end against a total (e.g. each rule's
    /// funded projects against the budget).
    ///
    /// - Parameters:
    ///   - id: The chart's element id.
    ///   - title: The title.
    ///   - description: A sentence describing what is drawn.
    ///   - rows: The rows, top to bottom.
    ///   - total: The length of the full bar (drawn as a dashed outline).
    ///   - totalLabel: The label of the full bar, e.g. `budget £1.5M`.
    ///   - format: How axis values are written.
    ///   - width: The width.
    /// - Returns: The `<svg>`.
    public static func stackedBars(
        id: String, title: String, description: String, rows: [StackRow], total: Double, totalLabel: String,
        format: ValueFormat, width: Double = 860
    ) -> SVGNode {
        guard !rows.isEmpty, total.isFinite, total > 0 else { return noData(id: id, title: title, width: width) }
        let n = SVG.number
        let labelRoom = min(width * 0.34, (rows.map { SVG.textWidth($0.label, fontSize: 12) }.max() ?? 0) + 14)
        let noteRoom = min(170, (rows.map { SVG.textWidth($0.note, fontSize: 11) }.max() ?? 0) + 14)
        let left = labelRoom
        let right = width - noteRoom
        let rowHeight = 24.0
        let gap = 12.0
        let top = 26.0
        let bottom = top + Double(rows.count) * (rowHeight + gap)
        let height = bottom + 30
        let longest = rows.map { $0.segments.reduce(0) { $0 + ($1.value.isFinite ? max($1.value, 0) : 0) } }.max() ?? 0
        let x = LinearScale(domain: (0, max(total, longest)), range: (left, right))
        var svg = frame(id: id, title: title, description: description, width: width, height: height)
        svg.append(Axis.bottom(x, y: bottom, gridFrom: top, format: format))
        let tx = x(total)
        svg.append(
            SVGNode(
                "line",
                [
                    "x1": n(tx), "x2": n(tx), "y1": n(top - 8), "y2": n(bottom), "stroke": Palette.ink,
                    "stroke-dasharray": "5 3", "stroke-width": "1.2", "class": "reference",
                ]))
        svg.append(text(totalLabel, x: tx, y: top - 11, anchor: "end", size: 11))
        for (r, row) in rows.enumerated() {
            let y = top + gap / 2 + Double(r) * (rowHeight + gap)
            let label = SVG.clipped(row.label, toWidth: labelRoom - 14, fontSize: 12)
            svg.append(
                text(label, x: left - 8, y: y + rowHeight / 2 + 4, anchor: "end").titled(
                    label == row.label ? nil : row.label))
            svg.append(
                SVGNode(
                    "rect",
                    [
                        "x": n(left), "y": n(y), "width": n(tx - left), "height": n(rowHeight), "fill": "#FFFFFF",
                        "stroke": "#BDBDBD", "stroke-dasharray": "3 2",
                    ]))
            var start = 0.0
            for (s, segment) in row.segments.enumerated() where segment.value.isFinite && segment.value > 0 {
                let x0 = x(start)
                let x1 = x(start + segment.value)
                start += segment.value
                svg.append(
                    SVGNode(
                        "rect",
                        [
                            "x": n(x0), "y": n(y), "width": n(max(x1 - x0, 0.5)), "height": n(rowHeight),
                            "fill": row.style.colour, "fill-opacity": s % 2 == 0 ? "1" : "0.62", "stroke": "#FFFFFF",
                            "stroke-width": "1", "class": "segment",
                        ]
                    ).titled(segment.tip))
            }
            svg.append(text(row.note, x: right + 8, y: y + rowHeight / 2 + 4, size: 11, className: "value"))
        }
        return svg
    }
}
