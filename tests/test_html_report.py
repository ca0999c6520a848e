"""`planck report --html`: the overview of many places before any report's section, each
place's indicators by year, an inline SVG chart per indicator of each place's latest report,
print CSS, and every piece of data escaped.

The page is read back with html.parser (standard library), as a browser would build it, never
by searching its source for fragments alone."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

SEVERITY_OF_TONE = {"ok": 0, "info": 0, "warn": 1, "fail": 2}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def all_text(self) -> str:
        return "".join(self.text) + "".join(c.all_text() for c in self.children)

    def find_all(self, tag: str, cls: str | None = None) -> list[Element]:
        found = []
        for child in self.children:
            if child.tag == tag and (cls is None or cls in child.attrs.get("class", "").split()):
                found.append(child)
            found.extend(child.find_all(tag, cls))
        return found

    def by_id(self, ident: str) -> Element | None:
        for child in self.children:
            if child.attrs.get("id") == ident:
                return child
            hit = child.by_id(ident)
            if hit is not None:
                return hit
        return None


VOID = {"meta", "br", "link", "img", "input", "hr", "col", "wbr"}
# SVG elements written self-closed (<line/>): the parser reports them as start-end tags.


class Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]
        self.order: list[Element] = []  # every element in document order

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        self.order.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        self.order.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        # every element the page opens it closes, in order
        assert self.stack[-1].tag == tag, (self.stack[-1].tag, tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].text.append(data)


def parse(page: str) -> Tree:
    tree = Tree()
    tree.feed(page)
    tree.close()
    assert [e.tag for e in tree.stack] == ["#root"], "an element was left open"
    return tree


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 UTC


def page_of(tmp_path: Path, *examples: str, lang: str = "zh", code: int = 0) -> str:
    out = tmp_path / "out.html"
    paths = [str(ROOT / "examples" / e) if e else str(ROOT / "examples") for e in examples]
    result = run_cli("report", *paths, "--html", str(out), "--lang", lang)
    assert result.code == code, result.err
    return out.read_text("utf-8")


def position(tree: Tree, element: Element | None) -> int:
    assert element is not None
    return next(i for i, e in enumerate(tree.order) if e is element)


# --- the overview -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("examples", "code"), [(("",), 2), (("dushanzi", "karamay"), 0)], ids=["all", "two"]
)
def test_overview_comes_before_the_first_report_section(
    tmp_path: Path, examples: tuple[str, ...], code: int
) -> None:
    # examples/ as a whole holds two reports for dushanzi 2023 and 2024 (exit code 2); the
    # page still opens with the overview of both places.
    tree = parse(page_of(tmp_path, *examples, code=code))
    overview = tree.root.by_id("overview")
    first_section = tree.root.by_id("report-1")
    assert position(tree, overview) < position(tree, first_section)
    assert position(tree, overview) < position(tree, tree.root.by_id("years"))
    # and before the list of input errors and warnings, which can be long for many places
    for diagnostics in (tree.root.by_id("errors"), tree.root.by_id("warnings")):
        if diagnostics is not None:
            assert position(tree, overview) < position(tree, diagnostics)
    assert (tree.root.by_id("errors") is not None) == (code == 2)
    (table,) = [t for t in overview.find_all("table") if t.find_all("abbr")] if overview else []
    places = [row.find_all("th")[0].all_text() for row in table.find_all("tbody")[0].children]
    assert sorted(places) == ["克拉玛依市", "独山子区"]
    # every indicator column is numbered, its name in the abbr's title and in the legend
    legend = [li.all_text() for li in overview.find_all("ol", "legend")[0].children]
    titles = [abbr.attrs["title"] for abbr in table.find_all("abbr")]
    assert len(titles) == len(legend) == 19  # 9 dushanzi rules + 10 karamay rules
    assert all(name in item for name, item in zip(titles, legend, strict=True))


def test_one_place_has_no_overview(tmp_path: Path) -> None:
    tree = parse(page_of(tmp_path, "dushanzi"))
    assert tree.root.by_id("overview") is None
    assert tree.root.by_id("years") is not None  # its table by year is still there


def test_overview_rows_are_worst_first_and_cells_say_their_status(tmp_path: Path) -> None:
    # karamay comes first in the run, but dushanzi (examples/failing) has errors
    out = tmp_path / "out.html"
    args = [str(ROOT / "examples/karamay"), str(ROOT / "examples/failing")]
    assert run_cli("report", *args, "--html", str(out)).code == 1
    tree = parse(out.read_text("utf-8"))
    overview = tree.root.by_id("overview")
    assert overview is not None
    table = overview.find_all("table")[0]
    rows = table.find_all("tbody")[0].children
    assert [r.find_all("th")[0].all_text() for r in rows] == ["独山子区", "克拉玛依市"]
    worst = [r.find_all("td", "status")[0].attrs["class"].split()[1] for r in rows]
    assert [SEVERITY_OF_TONE[t] for t in worst] == sorted(
        (SEVERITY_OF_TONE[t] for t in worst), reverse=True
    )
    # a status cell shows its mark and says its word in the title, never colour alone
    marks = [td for td in rows[0].find_all("td", "mark") if td.all_text() != "·"]
    assert marks and all(td.all_text() in "✓✗!↓?" for td in marks)
    assert all(td.all_text() in td.attrs["title"] for td in marks)
    # the early warnings: dushanzi's binding targets that will be missed
    alerts = overview.find_all("table")[1]
    alert_rows = alerts.find_all("tbody")[0].children
    assert alert_rows and all(r.children[0].all_text() == "独山子区" for r in alert_rows)


# --- the years tables -------------------------------------------------------------------------


def test_years_table_has_every_year_of_each_place(tmp_path: Path) -> None:
    tree = parse(page_of(tmp_path, "dushanzi", "karamay"))
    tables = tree.root.find_all("section", "years")
    assert len(tables) == 2
    for section in tables:
        table = section.find_all("table")[0]
        heads = [th.all_text() for th in table.find_all("thead")[0].find_all("th")]
        assert heads[-4:] == ["2021", "2022", "2023", "2024"]
        for row in table.find_all("tbody")[0].children:
            assert len(row.children) == len(heads)
    dushanzi = tables[0].find_all("tbody")[0].children
    rd = next(r for r in dushanzi if "研究与试验发展经费支出占地区生产总值比重" in r.all_text())
    # the value of each year with its mark; the word in the title
    assert [td.all_text() for td in rd.children[-4:]][-1].endswith("%")
    assert all(td.attrs.get("title") for td in rd.children[-4:])


# --- charts -----------------------------------------------------------------------------------


def charts_of(section: Element) -> list[Element]:
    return section.find_all("svg")


def test_one_chart_per_indicator_in_each_places_latest_report_only(tmp_path: Path) -> None:
    tree = parse(page_of(tmp_path, "dushanzi", "karamay"))
    sections = tree.root.find_all("section", "report")
    charted = [s for s in sections if charts_of(s)]
    headings = [s.find_all("h3")[0].all_text() for s in charted]
    assert headings == ["独山子区 2024 年", "克拉玛依市 2024 年"]
    for section in charted:
        rows = section.find_all("table")[0].find_all("tbody")[0].children
        indicators = [r.children[1].text[0] for r in rows]
        svgs = charts_of(section)
        titles = [svg.find_all("title")[0].all_text() for svg in svgs]
        # a chart for each indicator that has a number to draw, in the table's order
        drawn = [i for i in indicators if any(t.startswith(i + " — ") for t in titles)]
        assert drawn == [t.split(" — ")[0] for t in titles]
        assert len(svgs) >= len(indicators) - 2
        for svg in svgs:
            assert svg.attrs["role"] == "img"
            labelled = svg.attrs["aria-labelledby"].split()
            assert [svg.by_id(x) is not None for x in labelled] == [True, True]


NUMERIC = {"x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height", "dy"}


def assert_chart_numbers(tree: Tree) -> None:
    """Every number of every chart parses as a finite float and lies inside the chart."""
    for svg in tree.root.find_all("svg"):
        # html.parser lowers attribute names: viewBox is read as viewbox
        box = [float(v) for v in svg.attrs["viewbox"].split()]
        assert box[:2] == [0, 0]
        assert box[2:] == [float(svg.attrs["width"]), float(svg.attrs["height"])]
        for element in [svg, *svg.find_all("line"), *svg.find_all("circle"), *svg.find_all("text")]:
            for name in NUMERIC & element.attrs.keys():
                assert math.isfinite(float(element.attrs[name]))
        for shape in [*svg.find_all("polyline"), *svg.find_all("polygon")]:
            for pair in shape.attrs["points"].split():
                x, y = (float(v) for v in pair.split(","))
                assert -10 <= x <= box[2] + 10 and -10 <= y <= box[3] + 10
        for circle in svg.find_all("circle"):
            assert 0 <= float(circle.attrs["cx"]) <= box[2]
            assert 0 <= float(circle.attrs["cy"]) <= box[3]


def test_chart_numbers_parse_and_stay_inside_the_view_box(tmp_path: Path) -> None:
    tree = parse(page_of(tmp_path, "dushanzi", "karamay"))
    assert len(tree.root.find_all("svg")) >= 15
    assert_chart_numbers(tree)


def test_charts_of_absurd_values_stay_finite(tmp_path: Path) -> None:
    report = (
        "planck: 1\njurisdiction: dushanzi\nyear: 2024\nindicators:\n"
        "  fiscal_st_spending: {value: 1e300, previous: 2000}\n"
        "  tech_contract_value: 1e-300\n  rd_personnel_per_10k: 0\n"
    )
    (tmp_path / "r.yaml").write_text(report, encoding="utf-8")
    out = tmp_path / "out.html"
    result = run_cli("report", "r.yaml", "--html", str(out), cwd=tmp_path)
    assert result.code == 1, result.err
    tree = parse(out.read_text("utf-8"))
    assert tree.root.find_all("svg")
    assert_chart_numbers(tree)


def test_a_chart_point_says_its_year_and_value(tmp_path: Path) -> None:
    tree = parse(page_of(tmp_path, "dushanzi"))
    svg = next(
        s
        for s in tree.root.find_all("svg")
        if s.find_all("title")[0]
        .all_text()
        .startswith("全社会研究与试验发展经费支出占地区生产总值比重")
    )
    points = [c.all_text() for c in svg.find_all("circle")]
    # 2020 is the plan's baseline (1.28%), then the reports of 2021-2024
    assert points[0] == "2020: 1.28%"
    assert [p.split(":")[0] for p in points] == ["2020", "2021", "2022", "2023", "2024"]
    # the target in 2025: at least 2%
    (target,) = svg.find_all("polygon")
    assert target.all_text() == "2025: 2%"


# --- print, title block, words ----------------------------------------------------------------


def test_print_css_and_title_block(tmp_path: Path) -> None:
    tree = parse(page_of(tmp_path, "dushanzi"))
    (style,) = tree.root.find_all("style")
    css = re.sub(r"\s+", " ", style.all_text())
    assert "@page { size: A4;" in css
    assert "counter(page)" in css  # page numbers in the footer
    media = css[css.index("@media print") :]
    assert "break-after: avoid" in media and "break-inside: avoid" in media
    header = tree.root.find_all("header")[0]
    (when,) = header.find_all("time")
    assert when.attrs["datetime"] == when.all_text() == "2026-01-01"
    assert "planck 0.1.0" in header.all_text() or "planck " in header.all_text()


@pytest.mark.parametrize("example", ["failing", "dushanzi", "karamay"])
def test_english_page_shows_no_backticks(tmp_path: Path, example: str) -> None:
    page = page_of(tmp_path, example, lang="en", code=1 if example == "failing" else 0)
    tree = parse(page)
    assert "`" not in "".join(e.all_text() for e in tree.root.children)
    assert "`" not in page


# --- hostile data -----------------------------------------------------------------------------

EVIL = '<script>alert(1)</script>"onmouseover="x'


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is one)."""
    return json.dumps(text)


PLACE_A = 'A<img src=x onerror=alert(1)>"'
PLACE_B = "B[31m</table><script>"
INDICATOR = 'R<svg onload=alert(1)>"'
RULES = f"""\
planck: 1
id: evil-plan
title: {q("T " + EVIL)}
title_en: {q("E " + EVIL)}
period: [2021, 2025]
binding: true
source: {{document: D, issuer: I, number: null, date: 2026-01-01, locator: L, quote: Q}}
jurisdictions:
  a: {{name: {q(PLACE_A)}, name_en: {q(PLACE_A)}}}
  b: {{name: {q(PLACE_B)}, name_en: {q(PLACE_B)}}}
rules:
  - id: r1
    name: {q(INDICATOR)}
    name_en: {q(INDICATOR)}
    unit: "%"
    kind: at_least
    target: 5
    target_year: 2025
    baseline: {{year: 2020, value: 1}}
    source: {{document: D, locator: L, quote: Q}}
"""


# rule sets refuse control characters; a report's note may carry them
NOTE = "</svg><script>alert(2)</script>\x1b[31m\x07"


def hostile_report(place: str, year: int, value: float) -> str:
    return (
        f"planck: 1\njurisdiction: {place}\nyear: {year}\nindicators:\n"
        f"  r1: {{value: {value}, note: {q(NOTE)}}}\n"
    )


ALLOWED = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p",
    "time", "div", "strong", "dl", "dt", "dd", "section", "ul", "ol", "li", "table", "thead",
    "tbody", "tr", "th", "td", "abbr", "a", "span", "br", "code", "blockquote", "figure",
    "figcaption", "svg", "desc", "g", "text", "line", "polyline", "polygon", "circle", "i",
    "footer",
}  # fmt: skip


def test_hostile_names_and_notes_stay_text(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    files = []
    for place, values in (("a", (1.5, 1.2)), ("b", (2.0, 3.0))):
        for year, value in zip((2023, 2024), values, strict=True):
            name = f'{place}"<b>{year}.yaml'
            (tmp_path / name).write_text(hostile_report(place, year, value), encoding="utf-8")
            files.append(name)
    out = tmp_path / "out.html"
    result = run_cli("report", *files, "--rules", "rules.yaml", "--html", str(out), cwd=tmp_path)
    assert result.code == 0, result.err
    page = out.read_text("utf-8")
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", page)
    tree = parse(page)
    assert {e.tag for e in tree.order} <= ALLOWED
    assert not any(name.startswith("on") for e in tree.order for name in e.attrs)
    text = tree.root.all_text()
    assert "</svg><script>alert(2)</script>\ufffd[31m\ufffd" in text  # the note, shown as text
    assert 'A<img src=x onerror=alert(1)>"' in text  # the place, in the overview and elsewhere
    svg_titles = [t.all_text() for t in tree.root.find_all("title")]
    assert any(t.startswith(INDICATOR + " — ") for t in svg_titles)
    assert tree.root.by_id("overview") is not None
    assert 'a"<b>2024.yaml' in text
