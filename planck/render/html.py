"""`planck report --html`: a standalone page (UTF-8, inline CSS, no script, no external
resource) that reads well on screen and prints on A4.

Every string that comes from a report, a rule set or a message goes through :func:`esc`
(control characters removed, then HTML-escaped). The page also carries a Content-Security-Policy
that forbids scripts, in case a string ever slipped through.
"""

from __future__ import annotations

import html
import re

from planck.i18n import label, word
from planck.render import RenderContext, common
from planck.render.document import Document, Finding, Section, SourceEntry, build
from planck.render.overview import Overview, YearsTable
from planck.render.svgchart import chart_svg
from planck.textsafe import clean

FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",'
    ' "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui,'
    ' -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
)

CSS = """
:root { color-scheme: light; --ok: #1a7f37; --info: #0550ae; --warn: #9a6700; --fail: #cf222e;
  --muted: #59636e; --line: #d1d9e0; --bar: #eef1f4; }
* { box-sizing: border-box; }
body { font-family: FONTS; margin: 0 auto; max-width: 64rem; padding: 2rem 1.5rem 4rem;
  color: #1f2328; background: #fff; line-height: 1.6; font-size: 15px; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem;
  margin-top: 2.2rem; }
h3 { font-size: 1.1rem; margin: 1.8rem 0 .3rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.muted, .meta { color: var(--muted); }
.meta { margin: .1rem 0; font-size: .92rem; }
.plan { margin: .8rem 0; }
.plan strong { font-size: 1.05rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem;
  margin: .3rem 0 0; font-size: .92rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.verdict { font-size: 1.15rem; font-weight: 700; padding: .6rem .9rem; border-radius: 6px;
  border: 1px solid currentColor; display: inline-block; margin: .3rem 0 .6rem; }
.counts { display: flex; flex-wrap: wrap; gap: .4rem; padding: 0; list-style: none; }
.counts li { border: 1px solid var(--line); border-radius: 999px; padding: .1rem .7rem; }
.ok { color: var(--ok); } .info { color: var(--info); } .warn { color: var(--warn); }
.fail { color: var(--fail); }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.status { white-space: nowrap; font-weight: 600; }
td.progress { white-space: nowrap; }
.id { display: block; color: var(--muted); font-family: ui-monospace, "SFMono-Regular",
  "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .82rem; }
.bar { display: inline-block; width: 7rem; height: .7rem; background: var(--bar);
  border-radius: 3px; overflow: hidden; vertical-align: middle; margin-right: .4rem;
  border: 1px solid var(--line); }
.bar > span { display: block; height: 100%; background: currentColor; }
.share { white-space: nowrap; }
.finding { margin: .8rem 0 1rem; padding-left: .8rem; border-left: 3px solid currentColor; }
.finding p { color: #1f2328; margin: .2rem 0; }
.finding .head { font-weight: 600; }
.note { color: var(--muted); }
blockquote { margin: .3rem 0 .3rem 0; padding: .2rem .8rem; border-left: 3px solid var(--line);
  color: #3d444d; }
ol.sources { padding-left: 1.2rem; }
ol.sources > li { margin: .8rem 0; }
ul.diag { padding-left: 1.2rem; }
a { color: #0969da; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; }
.scroll { overflow-x: auto; max-width: 100%; margin: .6rem 0; }
.scroll > table { width: auto; min-width: 100%; margin: 0; }
.scroll th[scope="row"] { position: sticky; left: 0; background: #fff; z-index: 1; }
th.col { text-align: center; min-width: 1.9rem; padding: .35rem .25rem; }
th.col abbr { text-decoration: none; cursor: help; }
#overview td, #overview th { padding-top: .2rem; padding-bottom: .2rem; }
td.mark { text-align: center; font-weight: 700; padding: .35rem .25rem; }
tbody th[scope="row"] { white-space: normal; min-width: 11rem; font-weight: 500; }
td.unit { white-space: nowrap; }
td.year { white-space: nowrap; font-variant-numeric: tabular-nums; }
ol.legend { columns: 2 20rem; column-gap: 2rem; font-size: .85rem; margin: .4rem 0 1rem; }
ol.legend .id { display: inline; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr));
  gap: .6rem 1rem; margin: .6rem 0 1rem; }
figure.chart { margin: 0; }
figure.chart figcaption { font-size: .85rem; line-height: 1.35; margin-bottom: .2rem; }
svg.chart { max-width: 100%; height: auto; display: block; }
.key { font-size: .85rem; color: var(--muted); }
.key i { display: inline-block; width: 1.6rem; vertical-align: middle; margin: 0 .3rem 0 .8rem;
  border-top: 2px solid #0550ae; }
.key i.path { border-top: 2px dashed #59636e; } .key i.projected { border-top: 2px dotted #9a6700; }
.key i.target { width: .6rem; height: .6rem; border: 2px solid #cf222e; transform: rotate(45deg); }
code { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas,
  monospace; font-size: .9em; background: #f6f8fa; padding: 0 .2em; border-radius: 3px; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  tr, .finding, ol.sources > li, figure.chart, svg.chart { break-inside: avoid;
    page-break-inside: avoid; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; }
  .scroll th[scope="row"] { position: static; }
  a { color: inherit; text-decoration: none; }
  .charts { grid-template-columns: repeat(2, 1fr); }
  .bar, .bar > span, .key i { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
@page { size: A4; margin: 16mm 14mm 18mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt;
    color: #59636e; } }
""".replace("FONTS", FONT_STACK)


def esc(text: str) -> str:
    """User text for HTML: control characters out, then &, <, >, quotes escaped."""
    return html.escape(clean(text), quote=True)


# A `code` span in the explanations (a report key such as `previous`): set as <code>, so that
# the page shows no literal backticks. Matched on escaped text, which holds no raw < or >.
_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def prose(text: str) -> str:
    """Explanatory text (several lines maybe) with its `code` spans set as <code>."""
    return "<br>".join(_CODE_SPAN.sub(r"<code>\1</code>", esc(part)) for part in text.split("\n"))


def _sep(doc: Document) -> str:
    return word("punct.sep", doc.lang)


def _multiline(text: str) -> str:
    return "<br>".join(esc(part) for part in text.split("\n"))


def _facts(pairs: list[tuple[str, str]]) -> str:
    items = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in pairs)
    return f'<dl class="facts">{items}</dl>'


def _quote(text: str) -> str:
    return f"<blockquote>{_multiline(text)}</blockquote>" if text else ""


def _bar(share: float | None, share_text: str) -> str:
    if share is None:
        return '<span class="muted">—</span>'
    width = max(0.0, min(share, 1.0)) * 100
    return (
        f'<span class="bar" role="img" aria-label="{esc(share_text)}">'
        f'<span style="width:{width:.1f}%"></span></span>'
        f'<span class="share">{esc(share_text)}</span>'
    )


def _header(doc: Document) -> list[str]:
    out = [
        "<header>",
        f"<h1>{esc(doc.title)}</h1>",
        f'<p class="meta">{esc(word("overview.checked_on", doc.lang) + _sep(doc))}'
        f'<time datetime="{esc(doc.checked_on)}">{esc(doc.checked_on)}</time> · '
        f"{esc(doc.word('generated') + _sep(doc))}planck {esc(doc.version)}</p>",
        f"<h2>{esc(doc.word('plans'))}</h2>",
    ]
    for plan in doc.plans:
        about_document, about_check = doc.plan_facts(plan)
        facts = [
            *about_document,
            *about_check,
            (label("ruleset", doc.lang), f"{plan.ruleset.id} · {plan.binding}"),
        ]
        out.append(f'<div class="plan"><strong>{esc(plan.title)}</strong>{_facts(facts)}</div>')
    out.append("</header>")
    return out


def _verdict(doc: Document) -> list[str]:
    counts = "".join(
        f'<li class="{tone}">{esc(name)} <strong>{count}</strong></li>'
        for _status, name, count, tone in doc.counts
    )
    return [
        '<section id="verdict">',
        f"<h2>{esc(doc.word('verdict'))}</h2>",
        f'<p class="verdict {doc.verdict.tone}">{esc(doc.verdict.render(doc.lang))}</p>',
        f"<p>{esc(doc.totals)}</p>",
        f'<ul class="counts" aria-label="{esc(doc.word("counts"))}">{counts}</ul>',
        "</section>",
    ]


def _ow(doc: Document, key: str, **params: object) -> str:
    """A word of the overview section of the catalogue (planck.i18n.outputs.OVERVIEW)."""
    return word("overview." + key, doc.lang, **params)


def _place_links(doc: Document) -> dict[str, int]:
    """Jurisdiction -> the number of its years table (#years-N)."""
    return {table.jurisdiction: n for n, table in enumerate(doc.years, 1)}


def _overview_table(doc: Document, overview: Overview) -> list[str]:
    """One row per place, worst first; one numbered column per indicator (legend below)."""
    heads = [
        f'<th scope="col">{esc(_ow(doc, k))}</th>' for k in ("place", "year", "worst", "problems")
    ]
    heads += [
        f'<th scope="col" class="col"><abbr title="{esc(col.name)}">{n}</abbr></th>'
        for n, col in enumerate(overview.columns, 1)
    ]
    links = _place_links(doc)
    not_judged = esc(_ow(doc, "not_judged"))
    rows = []
    for place in overview.places:
        cells = []
        for n, c in enumerate(place.cells, 1):
            if c is None:
                cells.append(f'<td class="mark muted" title="{n} · {not_judged}">·</td>')
            else:
                tip = esc(f"{n} {overview.columns[n - 1].name}: {c.word}")
                cells.append(f'<td class="mark {c.tone}" title="{tip}">{esc(c.mark)}</td>')
        worst = place.worst
        worst_cell = (
            f'<td class="status {worst.tone}">{esc(worst.word)}</td>' if worst else "<td>—</td>"
        )
        name = esc(place.name)
        if place.jurisdiction in links:
            name = f'<a href="#years-{links[place.jurisdiction]}">{name}</a>'
        rows.append(
            f'<tr><th scope="row">{name}</th><td class="year">{place.year}</td>{worst_cell}'
            f'<td class="num">{place.problems}</td>{"".join(cells)}</tr>'
        )
    legend = "".join(
        f'<li value="{n}">{esc(col.name)} <span class="id">{esc(col.ruleset_id)}</span></li>'
        for n, col in enumerate(overview.columns, 1)
    )
    return [
        f'<div class="scroll" role="region" tabindex="0" aria-label="{esc(_ow(doc, "title"))}">',
        f"<table><thead><tr>{''.join(heads)}</tr></thead><tbody>{''.join(rows)}</tbody></table>",
        "</div>",
        f'<p class="meta">{esc(_ow(doc, "columns_legend"))}</p>',
        f'<ol class="legend">{legend}</ol>',
    ]


def _alerts(doc: Document, overview: Overview) -> list[str]:
    out = [f"<h3>{esc(_ow(doc, 'alerts'))}</h3>"]
    if not overview.alerts:
        return out + [f'<p class="ok">{esc(_ow(doc, "no_alerts"))}</p>']
    keys = ("place", "year", "indicator", "status", "value", "target", "projection")
    head = "".join(f'<th scope="col">{esc(_ow(doc, k))}</th>' for k in keys)
    rows = []
    for alert in overview.alerts:
        tone = common.result_tone(alert.result)
        rows.append(
            f'<tr><td>{esc(alert.place)}</td><td class="year">{alert.year}</td>'
            f"<td>{esc(alert.indicator)}</td>"
            f'<td class="status {tone}">{esc(alert.status)}</td>'
            f'<td class="num">{esc(alert.value)}</td><td class="num">{esc(alert.target)}</td>'
            f'<td class="num">{esc(alert.projection or "—")}</td></tr>'
        )
    return out + [
        f'<p class="meta">{esc(_ow(doc, "alerts_lead"))}</p>',
        f'<div class="scroll"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>",
    ]


def _overview(doc: Document) -> list[str]:
    """Before any report's section, for a run over several places: which places fail."""
    overview = doc.overview
    if overview is None:
        return []
    counts = "".join(
        f"<li>{esc(name)} <strong>{count}</strong></li>" for _status, name, count in overview.counts
    )
    return [
        '<section id="overview">',
        f"<h2>{esc(_ow(doc, 'title'))}</h2>",
        f'<p class="meta">{esc(_ow(doc, "lead", n=len(overview.places)))}</p>',
        f'<ul class="counts" aria-label="{esc(_ow(doc, "counts"))}">{counts}</ul>',
        *_overview_table(doc, overview),
        *_alerts(doc, overview),
        "</section>",
    ]


def _years_table(doc: Document, number: int, table: YearsTable) -> list[str]:
    keys = ("indicator", "unit", "base", "target")
    heads = [f'<th scope="col">{esc(_ow(doc, k))}</th>' for k in keys]
    heads += [f'<th scope="col">{year}</th>' for year in table.years]
    rows = []
    for row in table.rows:
        cells = []
        for c in row.cells:
            if c is None:
                cells.append('<td class="num muted">—</td>')
            else:
                cells.append(
                    f'<td class="num {c.tone}" title="{esc(c.word)}">{esc(c.mark)} {esc(c.value)}</td>'
                )
        rows.append(
            f'<tr><th scope="row">{esc(row.indicator)}</th><td class="unit">{esc(row.unit)}</td>'
            f'<td class="num">{esc(row.base)}</td><td class="num">{esc(row.target)}</td>'
            f"{''.join(cells)}</tr>"
        )
    return [
        f'<section class="years" id="years-{number}">',
        f"<h3>{esc(_ow(doc, 'years_place', place=table.name))}</h3>",
        f'<div class="scroll"><table><thead><tr>{"".join(heads)}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>",
        "</section>",
    ]


def _years(doc: Document) -> list[str]:
    if not doc.years:
        return []
    out = ['<section id="years">', f"<h2>{esc(_ow(doc, 'years_title'))}</h2>"]
    for number, table in enumerate(doc.years, 1):
        out += _years_table(doc, number, table)
    out.append("</section>")
    return out


def _charts(doc: Document, index: int, section: Section) -> list[str]:
    """A chart per indicator of the section, in the table's order, each under its caption."""
    figures = []
    for n, row in enumerate(section.rows, 1):
        svg = chart_svg(row.result, doc.lang, f"c{index + 1}-{n}")
        if svg is None:
            continue
        figures.append(
            f'<figure class="chart" id="chart-{index + 1}-{n}"><figcaption>'
            f'<span class="{row.tone}">{esc(row.status)}</span> · {esc(row.indicator)}'
            f"</figcaption>{svg}</figure>"
        )
    if not figures:
        return []
    key = (
        f"<i></i>{esc(word('review.chart.actual', doc.lang))}"
        f'<i class="path"></i>{esc(word("review.chart.path", doc.lang))}'
        f'<i class="projected"></i>{esc(word("review.chart.projected", doc.lang))}'
        f'<i class="target"></i>{esc(word("review.chart.target", doc.lang))}'
    )
    return [
        f"<h4>{esc(_ow(doc, 'charts'))}</h4>",
        f'<p class="meta">{esc(_ow(doc, "charts_lead"))}</p>',
        f'<p class="key" aria-hidden="true">{key}</p>',
        f'<div class="charts">{"".join(figures)}</div>',
    ]


def _table(doc: Document, section: Section) -> str:
    lang = doc.lang
    heads = [
        label("status", lang),
        label("indicator", lang),
        label("value", lang),
        label("target", lang),
        doc.word("progress"),
        label("ratio", lang),
    ]
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in heads)
    rows = []
    for row in section.rows:
        rows.append(
            "<tr>"
            f'<td class="status {row.tone}">{esc(row.status)}</td>'
            f"<td>{esc(row.indicator)}"
            f'<span class="id">{esc(row.rule_id)} '
            f'<a href="#src-{row.source_no}">[{row.source_no}]</a></span></td>'
            f'<td class="num">{esc(row.value)}</td>'
            f'<td class="num">{esc(row.target)}</td>'
            f'<td class="progress {row.tone}">{_bar(row.share, row.share_text)}</td>'
            f'<td class="num">{esc(row.ratio)}</td>'
            "</tr>"
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _finding(doc: Document, finding: Finding) -> str:
    # a finding for several indicators names them in its text, with no id or source of its own
    rule = ""
    if finding.rule_id:
        rule = f' <span class="id" style="display:inline">{esc(finding.rule_id)}</span>'
    source = ""
    if finding.source_no:
        source = f' <a href="#src-{finding.source_no}">[{finding.source_no}]</a>'
    parts = [
        f'<div class="finding {finding.tone}">',
        f'<p class="head"><span class="{finding.tone}">{esc(finding.status)}</span> · '
        f"{esc(finding.indicator)}{rule}{source}</p>",
        f"<p>{prose(finding.text)}</p>",
    ]
    sep = word("punct.sep", doc.lang)
    for name, text in finding.notes:
        parts.append(f'<p class="note">{esc(name + sep)}{_multiline(text)}</p>')
    parts.append("</div>")
    return "".join(parts)


def _section(doc: Document, index: int, section: Section, charts: bool) -> list[str]:
    sep = word("punct.sep", doc.lang)
    out = [
        f'<section class="report" id="report-{index + 1}">',
        f"<h3>{esc(section.heading)}</h3>",
        f'<p class="meta">{esc(label("file", doc.lang) + sep)}<code>{esc(section.file)}</code></p>',
    ]
    for plan in section.plans:
        out.append(f'<p class="meta">{esc(plan)}</p>')
    if section.submitted:
        out.append(f'<p class="meta">{esc(doc.word("submitted") + sep + section.submitted)}</p>')
    out.append(_table(doc, section))
    if charts:
        out += _charts(doc, index, section)
    if section.not_assessed:
        out.append(f'<p class="verdict info">{esc(section.not_assessed)}</p>')
    out.append(f'<p class="meta">{esc(section.counts)}</p>')
    if section.findings:
        out.append(f"<h4>{esc(doc.word('findings'))}</h4>")
        out.extend(_finding(doc, f) for f in section.findings)
    out.append("</section>")
    return out


def _entry(doc: Document, entry: SourceEntry) -> str:
    sep = word("punct.sep", doc.lang)
    parts = [
        f'<li id="src-{entry.number}" value="{entry.number}">',
        f"<strong>{esc(entry.indicator)}</strong> "
        f'<span class="id" style="display:inline">{esc(entry.ruleset_id + "/" + entry.rule_id)}'
        "</span>",
        _facts(entry.source) if entry.source else "",
        _quote(entry.quote),
    ]
    if entry.baseline is not None:
        pairs, quote = entry.baseline
        parts.append(f'<p class="meta">{esc(doc.word("baseline_source") + sep)}</p>')
        parts.append((_facts(pairs) if pairs else "") + _quote(quote))
    for pairs, quote in entry.see_also:
        parts.append(f'<p class="meta">{esc(doc.word("see_also") + sep)}</p>')
        parts.append(_facts(pairs) + _quote(quote))
    if entry.notes:
        notes = "".join(f"<li>{_multiline(n)}</li>" for n in entry.notes)
        parts.append(f'<ul class="note">{notes}</ul>')
    parts.append("</li>")
    return "".join(parts)


def _appendix(doc: Document) -> list[str]:
    if not doc.appendix:
        return []
    out = ['<section id="sources">', f"<h2>{esc(doc.word('appendix'))}</h2>"]
    for part in doc.appendix:
        out.append(f"<h3>{esc(part.title)}</h3>")
        if part.source:
            out.append(_facts(part.source))
        if part.notes:
            notes = "".join(f"<li>{_multiline(n)}</li>" for n in part.notes)
            out.append(f'<ul class="note">{notes}</ul>')
        out.append('<ol class="sources">')
        out.extend(_entry(doc, e) for e in part.entries)
        out.append("</ol>")
    out.append("</section>")
    return out


def _diagnostics(doc: Document) -> list[str]:
    out = []
    for key, lines, tone in (("errors", doc.errors, "fail"), ("warnings", doc.warnings, "warn")):
        if lines:
            items = "".join(f"<li>{prose(line)}</li>" for line in lines)
            out.append(
                f'<section id="{key}"><h2 class="{tone}">{esc(doc.word(key))}</h2>'
                f'<ul class="diag">{items}</ul></section>'
            )
    return out


def render_document(doc: Document) -> str:
    lang_tag = "zh-CN" if doc.lang == "zh" else "en"
    body: list[str] = []
    body += _header(doc)
    body += _verdict(doc)
    # which places fail, before a long list of warnings could push it out of sight
    body += _overview(doc)
    body += _diagnostics(doc)
    body += _years(doc)
    if doc.sections:
        body.append(f'<section id="reports"><h2>{esc(doc.word("reports"))}</h2>')
        body.append(f'<p class="meta">{esc(doc.word("progress_note"))}</p>')
        charted = set(doc.latest_sections())
        for index, section in enumerate(doc.sections):
            body += _section(doc, index, section, index in charted)
        body.append("</section>")
    body += _appendix(doc)
    body.append(f"<footer>planck {esc(doc.version)}</footer>")
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{lang_tag}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy"'
        " content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        f'<meta name="generator" content="planck {esc(doc.version)}">',
        f"<title>{esc(doc.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join(head + body + ["</body>", "</html>"]) + "\n"


class HtmlReport:
    name = "html"

    def render(self, ctx: RenderContext) -> str:
        return render_document(build(ctx))
