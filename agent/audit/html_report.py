"""`linklens audit --html OUT`: the audit as one self-contained HTML file.

No network is needed to open it: styles, charts (inline SVG drawn here) and the script that
sorts and filters the tables are all in the file. Charts never rely on colour alone: every bar
carries its label and value in text, and each category also has its own fill pattern (solid,
hatched, dotted, crossed). Tables are plain HTML (readable without JavaScript); the script adds
sorting (click or press Enter on a column header) and filtering (a text box, a recommendation
choice).
"""

from __future__ import annotations

__all__ = ["render_html"]

from collections import Counter
from html import escape

from agent.audit.model import AuditReport

_PATTERNS = """
<defs>
  <pattern id="p-solid" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#2f6f4f"/></pattern>
  <pattern id="p-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><rect width="3" height="6" fill="#b35c00"/></pattern>
  <pattern id="p-dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/><circle cx="3" cy="3" r="1.6" fill="#2855a0"/></pattern>
  <pattern id="p-cross" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/><path d="M0 0L6 6M6 0L0 6" stroke="#8a1c3c" stroke-width="1.4"/></pattern>
  <pattern id="p-grey" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#777"/></pattern>
</defs>"""

_PATTERN_OF = {
    "dofollow": "p-solid", "nofollow": "p-hatch", "ugc": "p-dots", "sponsored": "p-cross",
    "keep": "p-solid", "review": "p-hatch", "disavow": "p-cross",
}  # fmt: skip


def _bars(title: str, items: list[tuple[str, int]], chart_id: str) -> str:
    """A horizontal bar chart: pattern + label + value for each bar."""
    width, row, label_w = 520, 30, 110
    top = max((value for _name, value in items), default=0) or 1
    height = row * len(items) + 10
    parts = [f'<figure class="chart" id="{chart_id}"><figcaption>{escape(title)}</figcaption>',
             f'<svg role="img" aria-label="{escape(title)}" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
             _PATTERNS]  # fmt: skip
    for i, (name, value) in enumerate(items):
        y = 5 + i * row
        length = round((width - label_w - 80) * value / top)
        pattern = _PATTERN_OF.get(name, "p-grey")
        parts.append(
            f'<text x="0" y="{y + 18}" class="label">{escape(name)}</text>'
            f'<rect class="bar" data-name="{escape(name)}" data-value="{value}" x="{label_w}" y="{y}" '
            f'width="{max(length, 1)}" height="{row - 8}" fill="url(#{pattern})" stroke="#222"/>'
            f'<text x="{label_w + max(length, 1) + 6}" y="{y + 18}" class="value">{value}</text>'
        )
    parts.append("</svg></figure>")
    return "".join(parts)


def _histogram(title: str, counts: list[int], chart_id: str) -> str:
    """Page risk in ten bins (0-9 ... 90-100): bars with their count above, bins below."""
    width, height, base, left = 520, 200, 160, 30
    top = max(counts) or 1
    step = (width - left) / len(counts)
    parts = [f'<figure class="chart" id="{chart_id}"><figcaption>{escape(title)}</figcaption>',
             f'<svg role="img" aria-label="{escape(title)}" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
             _PATTERNS, f'<line x1="{left}" y1="{base}" x2="{width}" y2="{base}" stroke="#222"/>']  # fmt: skip
    for i, count in enumerate(counts):
        x = left + i * step
        h = round((base - 20) * count / top)
        # Risky bins get the crossed pattern, middling hatched, low solid: not colour alone.
        pattern = "p-cross" if i >= 6 else "p-hatch" if i >= 3 else "p-solid"
        parts.append(
            f'<rect class="bar" data-name="{i * 10}-{i * 10 + 9 if i < 9 else 100}" data-value="{count}" '
            f'x="{x + 3:.1f}" y="{base - h}" width="{step - 6:.1f}" height="{h}" fill="url(#{pattern})" stroke="#222"/>'
            f'<text x="{x + step / 2:.1f}" y="{base - h - 4}" text-anchor="middle" class="value">{count}</text>'
            f'<text x="{x + step / 2:.1f}" y="{base + 16}" text-anchor="middle" class="label">{i * 10}</text>'
        )
    parts.append(f'<text x="{width / 2:.0f}" y="{base + 34}" text-anchor="middle" class="label">page risk (0-100)</text>')
    parts.append("</svg></figure>")
    return "".join(parts)


_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#111;background:#fff}
h1{font-size:22px} h2{font-size:18px;margin-top:28px}
.figures{display:flex;flex-wrap:wrap;gap:12px;padding:0;list-style:none}
.figures li{border:1px solid #bbb;border-radius:6px;padding:8px 12px;min-width:110px}
.figures b{display:block;font-size:22px}
.charts{display:flex;flex-wrap:wrap;gap:24px}
figure.chart{margin:0} figcaption{font-weight:600;margin-bottom:4px}
svg text.label,svg text.value{font-size:12px;fill:#111}
table{border-collapse:collapse;width:100%;margin-top:8px}
th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f2f2f2;cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" ▲"} th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right}
.rec-disavow{font-weight:700;text-decoration:underline} .rec-review{font-style:italic}
.controls{display:flex;gap:12px;align-items:center;margin-top:8px}
.small{color:#444;font-size:12px}
"""

_SCRIPT = """
(function(){
  function cellValue(row, i){
    var cell = row.cells[i]; var v = cell.getAttribute('data-sort');
    if (v === null) v = cell.textContent.trim();
    var n = parseFloat(v); return (v !== '' && !isNaN(n) && isFinite(v)) ? n : v.toLowerCase();
  }
  document.querySelectorAll('table.sortable').forEach(function(table){
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function(th, i){
      th.tabIndex = 0;
      function sort(){
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(heads, function(h){ h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0]; var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function(a, b){
          var x = cellValue(a, i), y = cellValue(b, i);
          var c = (typeof x === typeof y) ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === 'number' ? -1 : 1);
          return asc ? c : -c;
        });
        rows.forEach(function(r){ body.appendChild(r); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function(e){ if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
  });
  function filter(tableId, textId, recId, countId){
    var table = document.getElementById(tableId), text = document.getElementById(textId);
    var rec = recId ? document.getElementById(recId) : null, count = document.getElementById(countId);
    function apply(){
      var q = text.value.trim().toLowerCase(), r = rec ? rec.value : '', shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function(row){
        var ok = (!q || row.textContent.toLowerCase().indexOf(q) >= 0) && (!r || row.getAttribute('data-rec') === r);
        row.hidden = !ok; if (ok) shown++;
      });
      count.textContent = shown + ' of ' + table.tBodies[0].rows.length + ' shown';
    }
    text.addEventListener('input', apply); if (rec) rec.addEventListener('change', apply); apply();
  }
  filter('domains', 'domains-filter', 'domains-rec', 'domains-count');
  filter('pages', 'pages-filter', 'pages-rec', 'pages-count');
})();
"""


def _td(value: object, *, num: bool = False, sort: object = None) -> str:
    text = "" if value is None else str(value)
    attrs = ' class="num"' if num else ""
    if sort is not None:
        attrs += f' data-sort="{escape(str(sort))}"'
    return f"<td{attrs}>{escape(text)}</td>"


def _relevance_td(relevance: int | None) -> str:
    """A relevance cell: the score, or "not measured" (no readable text, nothing to compare
    with, the page not checked), which sorts below 0 and is never read as off-topic."""
    if relevance is None:
        return _td("not measured", num=True, sort=-1)
    return _td(relevance, num=True, sort=relevance)


def _rec_select(select_id: str) -> str:
    return (f'<label>recommendation <select id="{select_id}"><option value="">all</option>'
            '<option>disavow</option><option>review</option><option>keep</option></select></label>')  # fmt: skip


def render_html(report: AuditReport) -> str:
    """The whole report as one HTML document (UTF-8 text)."""
    summary = report.summary
    follow: Counter[str] = Counter()
    for page in report.pages:
        for link in page.links:
            follow[link.follow] += 1
    bins = [0] * 10
    for page in report.pages:
        if page.state == "done":
            bins[min(9, page.risk // 10)] += 1
    recs = Counter(domain.recommendation for domain in report.domains)
    recommendation_of = {domain.domain: domain.recommendation for domain in report.domains}
    extras = sorted({name for domain in report.domains for name in domain.extras})

    figures = [
        ("source pages", summary.get("pages", 0)), ("with a link to you", summary.get("pages_with_link", 0)),
        ("links to you", summary.get("links", 0)), ("dofollow", summary.get("dofollow_links", 0)),
        ("referring domains", summary.get("referring_domains", 0)), ("to disavow", summary.get("domains_disavow", 0)),
        ("to review", summary.get("domains_review", 0)), ("pages failed", summary.get("pages_failed", 0)),
    ]  # fmt: skip
    out = [
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">",
        f"<title>LinkLens backlink audit — {escape(report.input)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>Backlink audit</h1><p class=\"small\">{escape(report.input)} · your domains: "
        f"{escape(', '.join(report.mine))}{' · topic: ' + escape(report.topic) if report.topic else ''}"
        f" · {escape(report.generated_at)}</p>",
        '<ul class="figures">' + "".join(f"<li><b>{v}</b>{escape(k)}</li>" for k, v in figures) + "</ul>",
        '<h2>Charts</h2><div class="charts">',
        _bars("Links to you by follow", [(k, follow.get(k, 0)) for k in ("dofollow", "nofollow", "ugc", "sponsored")], "chart-follow"),
        _histogram("Source pages by risk", bins, "chart-risk"),
        _bars("Referring domains by recommendation", [(k, recs.get(k, 0)) for k in ("keep", "review", "disavow")], "chart-recommendation"),
        "</div>",
        '<h2>Referring domains</h2><div class="controls"><label>filter <input id="domains-filter" type="search"></label>'
        + _rec_select("domains-rec") + '<span id="domains-count" class="small"></span></div>',
        '<table id="domains" class="sortable"><thead><tr><th>domain</th><th>recommendation</th><th>pages</th>'
        "<th>links</th><th>dofollow</th><th>worst risk</th><th>median risk</th><th>relevance</th>"
        + "".join(f"<th>{escape(name)}</th>" for name in extras)
        + "<th>why</th></tr></thead><tbody>",
    ]  # fmt: skip
    for domain in report.domains:
        out.append(
            f'<tr data-rec="{domain.recommendation}">' + _td(domain.domain)
            + f'<td class="rec-{domain.recommendation}">{domain.recommendation}</td>'
            + _td(domain.pages, num=True) + _td(domain.links, num=True) + _td(domain.dofollow_links, num=True)
            + _td(domain.worst_risk, num=True) + _td(domain.median_risk, num=True)
            + _relevance_td(domain.relevance)
            + "".join(_td(domain.extras.get(name, "")) for name in extras)
            + _td(domain.why) + "</tr>"
        )  # fmt: skip
    out.append("</tbody></table>")
    out.append(
        '<h2>Source pages</h2><div class="controls"><label>filter <input id="pages-filter" type="search"></label>'
        + _rec_select("pages-rec") + '<span id="pages-count" class="small"></span></div>'
        '<table id="pages" class="sortable"><thead><tr><th>source page</th><th>domain</th><th>status</th>'
        "<th>links to you</th><th>follow</th><th>anchor</th><th>visible</th><th>risk</th><th>relevance</th>"
        "<th>shared terms</th><th>outbound</th><th>dofollow share</th><th>verdicts</th></tr></thead><tbody>"
    )  # fmt: skip
    for page in report.pages:
        first = page.links[0] if page.links else None
        status = page.error if page.state == "failed" else (page.status if page.status is not None else "")
        verdicts = [flag.code for flag in page.flags]
        if page.noindex:
            verdicts.append("noindex")
        if page.robots_nofollow:
            verdicts.append("robots nofollow")
        if page.gone:
            verdicts.append("gone")
        out.append(
            f'<tr data-rec="{recommendation_of.get(page.domain, "")}">' + _td(page.source_url) + _td(page.domain)
            + _td(status) + _td(len(page.links), num=True)
            + _td(first.follow if first else "none") + _td(first.anchor if first else "")
            + _td(("yes" if first.visible else f"no ({first.hidden_reason})") if first else "")
            + _td(page.risk, num=True)
            + _relevance_td(page.relevance)
            + _td(", ".join(page.shared_terms)) + _td(page.outbound.external, num=True)
            + _td(f"{page.outbound.dofollow_share:.0%}", num=True, sort=page.outbound.dofollow_share)
            + _td(", ".join(verdicts)) + "</tr>"
        )  # fmt: skip
    out.append(f"</tbody></table><script>{_SCRIPT}</script></body></html>")
    return "\n".join(out)
