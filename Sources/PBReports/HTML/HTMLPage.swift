/// A table cell: text (escaped when rendered) or markup built by the report itself.
public struct HTMLCell: Sendable, Hashable, ExpressibleByStringLiteral {
    /// The cell's markup, already escaped.
    public var html: String
    /// Extra classes of the cell.
    public var classes: String

    /// A cell holding text, escaped.
    public init(_ text: String, classes: String = "") {
        html = Markup.escape(text)
        self.classes = classes
    }

    /// A cell holding text.
    public init(stringLiteral text: String) {
        self.init(text)
    }

    /// A cell holding markup the report built (callers escape any text inside it).
    public static func markup(_ html: String, classes: String = "") -> HTMLCell {
        var cell = HTMLCell("", classes: classes)
        cell.html = html
        return cell
    }
}

/// A data table with a caption, column headers and optional row headers.
///
/// ```swift
/// var table = HTMLTable(caption: "Spend by domain", headers: ["domain", "need", "service-led"], numeric: [1, 2])
/// table.rows.append(["health", "21%", "30%"])
/// table.render()
/// ```
public struct HTMLTable: Sendable, Hashable {
    /// The caption, read first by screen readers.
    public var caption: String
    /// The column headers.
    public var headers: [String]
    /// The rows; each as wide as ``headers``.
    public var rows: [[HTMLCell]]
    /// The columns aligned right (numbers).
    public var numeric: Set<Int>
    /// Whether each row's first cell heads its row.
    public var rowHeaders: Bool
    /// Extra classes of the table.
    public var classes: String

    /// Creates a table.
    public init(
        caption: String, headers: [String], rows: [[HTMLCell]] = [], numeric: Set<Int> = [], rowHeaders: Bool = true,
        classes: String = ""
    ) {
        self.caption = caption
        self.headers = headers
        self.rows = rows
        self.numeric = numeric
        self.rowHeaders = rowHeaders
        self.classes = classes
    }

    /// The `<table>` markup; a table without rows says so in one row.
    public func render() -> String {
        var out = "<table" + (classes.isEmpty ? "" : " class=\"\(classes)\"") + ">"
        out += "<caption>\(Markup.escape(caption))</caption><thead><tr>"
        for (i, header) in headers.enumerated() {
            out += "<th scope=\"col\"\(numeric.contains(i) ? " class=\"num\"" : "")>\(Markup.escape(header))</th>"
        }
        out += "</tr></thead><tbody>"
        if rows.isEmpty {
            out += "<tr><td colspan=\"\(max(headers.count, 1))\">No data to show.</td></tr>"
        }
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                var classes = numeric.contains(i) ? "num" : ""
                if !cell.classes.isEmpty { classes += (classes.isEmpty ? "" : " ") + cell.classes }
                let classAttribute = classes.isEmpty ? "" : " class=\"\(classes)\""
                if i == 0 && rowHeaders {
                    out += "<th scope=\"row\"\(classAttribute)>\(cell.html)</th>"
                } else {
                    out += "<td\(classAttribute)>\(cell.html)</td>"
                }
            }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }
}

/// One section of a report page: an `<h2>` and its content.
public struct HTMLSection: Sendable, Hashable {
    /// The element id (the table of contents links to it).
    public var id: String
    /// The heading.
    public var heading: String
    /// The content's markup.
    public var body: String

    /// Creates a section.
    public init(id: String, heading: String, body: String) {
        self.id = id
        self.heading = heading
        self.body = body
    }
}

/// A complete, self-contained report page: inline CSS, inline SVG charts and a little inline script,
/// and nothing fetched from anywhere.
///
/// A Content Security Policy in the page forbids every network request, so a page that works at all
/// works offline and as an e-mail attachment. Without the script the page shows everything (the slider's
/// precomputed panels are listed one after another); with it, charts get hover details and the slider
/// shows one panel at a time. The print style drops the controls and keeps charts whole.
public struct HTMLPage: Sendable, Hashable {
    /// The page title (also the `<h1>`).
    public var title: String
    /// The line under the title (markup).
    public var subtitle: String
    /// The sections, in order.
    public var sections: [HTMLSection]
    /// The footer (markup).
    public var footer: String

    /// Creates a page.
    public init(title: String, subtitle: String, sections: [HTMLSection], footer: String) {
        self.title = title
        self.subtitle = subtitle
        self.sections = sections
        self.footer = footer
    }

    /// The page's HTML.
    public func render() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\" class=\"no-js\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out +=
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            + "script-src 'unsafe-inline'; img-src data:\">\n"
        out += "<meta name=\"generator\" content=\"pbsim\">\n"
        out += "<title>\(Markup.escape(title))</title>\n<style>\n\(HTMLPage.css)</style>\n</head>\n<body>\n"
        out += "<header class=\"page\"><div class=\"wrap\"><p class=\"kicker\">pbsim report</p>"
        out += "<h1>\(Markup.escape(title))</h1><p class=\"subtitle\">\(subtitle)</p></div></header>\n"
        out += "<nav class=\"toc\" aria-label=\"Contents\"><div class=\"wrap\"><ol>"
        for section in sections {
            out += "<li><a href=\"#\(Markup.escape(section.id))\">\(Markup.escape(section.heading))</a></li>"
        }
        out += "</ol></div></nav>\n<main class=\"wrap\">\n"
        for section in sections {
            out += "<section id=\"\(Markup.escape(section.id))\" aria-labelledby=\"\(Markup.escape(section.id))-h\">\n"
            out += "<h2 id=\"\(Markup.escape(section.id))-h\">\(Markup.escape(section.heading))</h2>\n"
            out += section.body + "\n</section>\n"
        }
        out += "</main>\n<footer class=\"page\"><div class=\"wrap\">\(footer)</div></footer>\n"
        out += "<div class=\"tip\" id=\"tip\" role=\"status\" aria-live=\"polite\" hidden></div>\n"
        out += "<script>\n\(HTMLPage.script)</script>\n</body>\n</html>\n"
        return out
    }

    // MARK: - Building blocks

    /// A figure: a caption, one or more charts, an optional note, and the data as a table in a
    /// `<details>` (the chart's text equivalent).
    ///
    /// - Parameters:
    ///   - caption: What the figure shows.
    ///   - charts: The charts (several are laid out side by side).
    ///   - note: How to read it, if needed.
    ///   - table: The same data as a table.
    ///   - id: The figure's id, if it needs one.
    /// - Returns: The `<figure>` markup.
    public static func figure(
        caption: String, charts: [SVGNode], note: String? = nil, table: HTMLTable, id: String? = nil
    ) -> String {
        var out = "<figure" + (id.map { " id=\"\(Markup.escape($0))\"" } ?? "") + ">"
        out += "<figcaption>\(Markup.escape(caption))</figcaption>"
        out += charts.count > 1 ? "<div class=\"charts-row\">" : "<div class=\"chart-box\">"
        for chart in charts { out += chart.render() }
        out += "</div>"
        if let note { out += "<p class=\"note\">\(Markup.escape(note))</p>" }
        out += "<details class=\"data\"><summary>Show the numbers as a table</summary>"
        out += table.render() + "</details></figure>"
        return out
    }

    /// A paragraph of text, escaped.
    public static func paragraph(_ text: String, classes: String = "") -> String {
        "<p" + (classes.isEmpty ? "" : " class=\"\(classes)\"") + ">\(Markup.escape(text))</p>"
    }

    /// A bulleted list of text items, escaped.
    public static func list(_ items: [String]) -> String {
        "<ul>" + items.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul>"
    }

    /// A row of key-figure cards: each with a coloured edge (and its pattern name for greyscale), a
    /// title and lines of `label: value`.
    ///
    /// - Parameter cards: Each card's title, style and lines.
    /// - Returns: The markup.
    public static func cards(_ cards: [(title: String, style: SeriesStyle, lines: [(String, String)])]) -> String {
        var out = "<div class=\"cards\">"
        for card in cards {
            out += "<div class=\"card\" style=\"border-left-color:\(card.style.colour)\">"
            out += "<h3 class=\"card-title\">\(Markup.escape(card.title))</h3><dl>"
            for (label, value) in card.lines {
                out += "<div><dt>\(Markup.escape(label))</dt><dd>\(Markup.escape(value))</dd></div>"
            }
            out += "</dl></div>"
        }
        return out + "</div>"
    }

    /// A small inline bar for a share in `[0, 1]` inside a table cell, after the written value.
    ///
    /// - Parameters:
    ///   - share: The share (NaN draws nothing).
    ///   - text: The written value.
    ///   - colour: The bar's colour.
    /// - Returns: The cell markup.
    public static func shareCell(_ share: Double, text: String, colour: String) -> String {
        guard share.isFinite else { return Markup.escape(text) }
        let width = SVG.number(max(0, min(1, share)) * 100)
        return "<span class=\"pv\">\(Markup.escape(text))</span><span class=\"pbar\" aria-hidden=\"true\">"
            + "<span style=\"width:\(width)%;background:\(colour)\"></span></span>"
    }

    // MARK: - Style and script

    /// The page's style sheet (screen and print).
    static let css = """
        :root{--ink:#1d1d1d;--muted:#555;--rule:#d9d9d9;--soft:#f4f6f8;--accent:#005a8c}
        *{box-sizing:border-box}
        html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans","Liberation Sans",sans-serif;color:var(--ink);background:#fff;line-height:1.5;font-size:16px}
        body{margin:0}
        .wrap{max-width:1120px;margin:0 auto;padding:0 28px}
        header.page{background:var(--soft);border-bottom:1px solid var(--rule);padding:22px 0 16px}
        .kicker{margin:0;color:var(--muted);font-size:.85rem;letter-spacing:.06em;text-transform:uppercase}
        h1{font-size:2rem;line-height:1.2;margin:4px 0 6px}
        .subtitle{margin:0;color:#333}
        nav.toc{border-bottom:1px solid var(--rule);font-size:.92rem}
        nav.toc ol{list-style:none;display:flex;flex-wrap:wrap;gap:4px 18px;margin:0;padding:10px 0}
        nav.toc a{color:var(--accent)}
        h2{font-size:1.45rem;margin:38px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--ink)}
        h3{font-size:1.12rem;margin:22px 0 6px}
        p{max-width:78ch}
        .lead{font-size:1.08rem}
        a{color:var(--accent)}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:12px;margin:14px 0}
        .card{border:1px solid var(--rule);border-left:8px solid #888;border-radius:4px;padding:8px 14px;background:#fff;break-inside:avoid}
        .card-title{margin:0 0 4px;font-size:1.05rem}
        .card dl{margin:0}
        .card dl div{display:flex;justify-content:space-between;gap:10px;border-top:1px dotted var(--rule);padding:2px 0}
        .card dt{color:var(--muted)}
        .card dd{margin:0;font-weight:700;font-variant-numeric:tabular-nums}
        figure{margin:18px 0 26px;break-inside:avoid}
        figcaption{font-weight:700;margin-bottom:6px}
        .chart{display:block;width:100%;height:auto}
        .charts-row{display:flex;flex-wrap:wrap;gap:14px 20px}
        .charts-row>.chart{flex:1 1 320px;width:auto;min-width:0}
        .note{color:var(--muted);font-size:.92rem;margin:4px 0}
        table{border-collapse:collapse;font-size:.9rem;margin:8px 0;font-variant-numeric:tabular-nums}
        caption{text-align:left;font-weight:700;padding:4px 0;caption-side:top}
        th,td{padding:4px 9px;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}
        thead th{border-bottom:2px solid #999;vertical-align:bottom}
        tbody th{font-weight:600}
        .num{text-align:right;white-space:nowrap}
        .table-scroll{overflow-x:auto}
        table.wide{width:100%}
        table.wide tbody th{min-width:11em;max-width:28em}
        thead th.num{white-space:normal}
        table.ledger{font-size:.85rem}
        .nw{white-space:nowrap}
        .id{white-space:nowrap;font-weight:400}
        details.data{margin:6px 0 0}
        details.data summary{cursor:pointer;color:var(--accent);font-size:.92rem}
        .pv{display:inline-block;min-width:2.9em}
        .pbar{display:inline-block;width:40px;height:9px;margin-left:6px;background:#eee;border:1px solid #bbb;vertical-align:middle}
        .pbar>span{display:block;height:100%}
        .gap-pos{color:#8a5f00;font-weight:700}
        .gap-neg{color:#005a8c;font-weight:700}
        .muted{color:var(--muted)}
        .sweep-controls{display:none;align-items:center;gap:14px;flex-wrap:wrap;margin:10px 0;padding:10px 14px;background:var(--soft);border:1px solid var(--rule);border-radius:4px}
        .sweep-controls input{width:min(420px,100%)}
        .sweep-controls output{font-weight:700;font-size:1.1rem;min-width:4em}
        .sweep-panels{display:grid;grid-template-columns:repeat(auto-fill,minmax(470px,1fr));gap:10px 26px}
        .sweep-panel{border-top:1px solid var(--rule)}
        .js .sweep-controls{display:flex}
        .js .sweep-panels{display:block}
        .js .sweep-panel{display:none;border-top:0}
        .js .sweep-panel.active{display:block}
        .x-marker{display:none}
        .js .x-marker{display:inline}
        .tip{position:fixed;z-index:10;pointer-events:none;background:#111;color:#fff;padding:5px 9px;border-radius:4px;font-size:.85rem;max-width:340px;box-shadow:0 2px 6px rgba(0,0,0,.3)}
        svg .bar:hover,svg .segment:hover,svg .point:hover{stroke:#000;stroke-width:2}
        footer.page{margin-top:40px;padding:16px 0 28px;border-top:1px solid var(--rule);color:var(--muted);font-size:.88rem}
        code{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.88em;background:var(--soft);padding:1px 4px;border-radius:3px}
        @media print{
          html{font-size:11pt;print-color-adjust:exact;-webkit-print-color-adjust:exact}
          .wrap{max-width:none;padding:0}
          header.page{background:none;border-bottom:2px solid #000}
          nav.toc,.sweep-controls,.tip{display:none!important}
          h2{break-after:avoid;page-break-after:avoid}
          figure,table,.card,.sweep-panel{break-inside:avoid;page-break-inside:avoid}
          details.data:not([open])>summary{display:none}
          a{color:inherit;text-decoration:none}
          .chart{max-width:100%!important}
          @page{margin:14mm}
        }

        """

    /// The page's script: hover details on chart marks, and the lambda slider. Everything it shows
    /// is already in the page; it only hides, reveals and moves.
    static let script = """
        (function () {
          var root = document.documentElement;
          window.addEventListener('error', function (e) {
            root.setAttribute('data-js-error', String(e && e.message));
          });
          root.classList.remove('no-js');
          root.classList.add('js');
          // Hover details: the <title> of each mark becomes a styled tooltip.
          var tip = document.getElementById('tip');
          document.querySelectorAll('svg.chart title').forEach(function (t) {
            var mark = t.parentNode;
            if (mark.tagName.toLowerCase() === 'svg') return;
            mark.setAttribute('data-tip', t.textContent);
            mark.removeChild(t);
          });
          function place(e) {
            var x = e.clientX + 14, y = e.clientY + 14;
            var w = tip.offsetWidth, h = tip.offsetHeight;
            if (x + w > window.innerWidth - 8) x = e.clientX - w - 10;
            if (y + h > window.innerHeight - 8) y = e.clientY - h - 10;
            tip.style.left = x + 'px';
            tip.style.top = y + 'px';
          }
          document.addEventListener('pointermove', function (e) {
            var mark = e.target && e.target.closest ? e.target.closest('[data-tip]') : null;
            if (!mark) { tip.hidden = true; return; }
            tip.textContent = mark.getAttribute('data-tip');
            tip.hidden = false;
            place(e);
          });
          document.addEventListener('pointerleave', function () { tip.hidden = true; });
          // The lambda slider: shows one precomputed panel and moves the markers on the sweep charts.
          document.querySelectorAll('[data-sweep]').forEach(function (sweep) {
            var input = sweep.querySelector('input[type=range]');
            var output = sweep.querySelector('output');
            var panels = sweep.querySelectorAll('.sweep-panel');
            var markers = document.querySelectorAll('.x-marker');
            function show(i) {
              panels.forEach(function (p, k) { p.classList.toggle('active', k === i); });
              var label = panels[i].getAttribute('data-label');
              output.textContent = label;
              input.setAttribute('aria-valuetext', label);
              markers.forEach(function (m) {
                var xs = m.getAttribute('data-xs').split(',');
                if (i < xs.length) { m.setAttribute('x1', xs[i]); m.setAttribute('x2', xs[i]); }
              });
            }
            input.addEventListener('input', function () { show(Number(input.value)); });
            show(Number(input.value));
          });
          root.setAttribute('data-js', 'ok');
        })();

        """
}
