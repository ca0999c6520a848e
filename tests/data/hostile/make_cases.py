"""Write the hostile-input corpus of this folder (run once; the files are committed).

    python tests/data/hostile/make_cases.py

cases.yaml says what planck must do with each file. Cases too large to commit (a 100 MB file,
a megabyte-long line) are made by the test itself in a temporary folder.
"""

from __future__ import annotations

import codecs
import io
import struct
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

GOOD = """\
jurisdiction: 独山子区
year: 2023
indicators:
  rd_intensity: 1.62
  fiscal_st_spending: {value: 2310, unit: 万元, previous: 2186}
"""


def text(name: str, content: str) -> None:
    (HERE / name).write_text(content, encoding="utf-8", newline="")


def raw(name: str, content: bytes) -> None:
    (HERE / name).write_bytes(content)


def yaml_cases() -> None:
    raw("empty.yaml", b"")
    raw("whitespace-only.yaml", b"  \n\n# nothing but a comment\n")
    # a PNG header: not UTF-8, decodes as GB18030 up to a NUL byte
    raw(
        "binary-garbage.yaml",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)),
    )
    raw("not-utf8-not-gb18030.yaml", b"jurisdiction: dushanzi\nyear: 2023\nnote: \xff\xfe\xfd\n")
    raw("gbk.yaml", GOOD.replace("1.62", "1.62  # 研发投入强度").encode("gbk"))
    raw("utf16-bom.yaml", codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"))
    raw("utf16-no-bom.yaml", GOOD.encode("utf-16-be"))
    raw("utf8-bom.yaml", codecs.BOM_UTF8 + GOOD.encode("utf-8"))
    text(
        "syntax-error.yaml",
        "jurisdiction: dushanzi\nyear: 2023\nindicators:\n  rd_intensity: [1.62\n",
    )
    text("tabs.yaml", "jurisdiction: dushanzi\nyear: 2023\nindicators:\n\trd_intensity: 1.62\n")
    text(
        "duplicate-top-level.yaml",
        "jurisdiction: dushanzi\nyear: 2023\nyear: 2024\nindicators: {}\n",
    )
    text(
        "duplicate-indicator.yaml",
        "jurisdiction: dushanzi\nyear: 2023\nindicators:\n  rd_intensity: 1.62\n"
        "  tech_contract_value: 0.4\n  rd_intensity: 1.7\n",
    )
    text(
        "duplicate-json.json",
        '{"jurisdiction": "dushanzi", "year": 2023,\n "indicators": {"rd_intensity": 1.62,\n'
        '  "rd_intensity": 1.7}}\n',
    )
    laughs = ["jurisdiction: dushanzi", "year: 2023", 'a: &a ["lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        laughs.append(f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [{', '.join(['*' + prev] * 9)}]")
    laughs.append("indicators: {rd_intensity: *j}")
    text("alias-bomb.yaml", "\n".join(laughs) + "\n")
    text(
        "python-tag.yaml",
        "jurisdiction: dushanzi\nyear: 2023\nindicators:\n"
        "  rd_intensity: !!python/object/apply:os.system ['echo pwned > /tmp/planck-pwned']\n",
    )
    text("custom-tag.yaml", "jurisdiction: !include other.yaml\nyear: 2023\nindicators: {}\n")
    text("nested-10000.yaml", "indicators: " + "[" * 10_000 + "]" * 10_000 + "\n")
    text("nested-10000.json", '{"indicators": ' + "[" * 10_000 + "]" * 10_000 + "}\n")
    text(
        "nested-block.yaml", "".join(f"{'  ' * i}k{i}:\n" for i in range(200)) + "  " * 200 + "v\n"
    )
    text("top-level-list.yaml", "- jurisdiction: dushanzi\n- year: 2023\n")
    text("top-level-scalar.yaml", "just some text\n")
    text("top-level-scalar.json", "42\n")
    text("two-documents.yaml", GOOD + "---\n" + GOOD)
    # valid JSON that a YAML parser alone cannot read: escaped emoji (surrogate pairs)
    text(
        "json-surrogate-escapes.json",
        '{"jurisdiction": "dushanzi", "year": 2023, "indicators": {"rd_intensity": '
        '{"value": 1.62, "note": "\\ud83d\\ude00 \\u4e2d\\/ok"}, "tech_contract_value": "1.2万元"}}\n',
    )
    text(
        "json-long-key.json",
        '{"jurisdiction": "dushanzi", "year": 2023, "indicators": {"' + "k" * 2000 + '": 1}}\n',
    )
    text(
        "json-huge-integer.json",
        '{"jurisdiction": "dushanzi", "year": 2023, "indicators": {"rd_intensity": '
        + "9" * 5000
        + "}}\n",
    )
    text(
        "huge-version.yaml",
        "planck: " + "1" * 5000 + "\njurisdiction: dushanzi\nyear: 2023\nindicators: {}\n",
    )
    text("year-text.yaml", "jurisdiction: dushanzi\nyear: 二〇二三\nindicators: {}\n")
    text("year-float.yaml", "jurisdiction: dushanzi\nyear: 2023.5\nindicators: {}\n")
    text("year-missing.yaml", "jurisdiction: dushanzi\nindicators: {rd_intensity: 1.62}\n")
    text("year-out-of-period.yaml", "jurisdiction: dushanzi\nyear: 2019\nindicators: {}\n")
    text("jurisdiction-missing.yaml", "year: 2023\nindicators: {}\n")
    text("jurisdiction-unknown.yaml", "jurisdiction: atlantis\nyear: 2023\nindicators: {}\n")
    text(
        "jurisdiction-escapes.yaml",
        'jurisdiction: "\\e[2J\\e]0;pwned\\a\\u202eatlantis"\nyear: 2023\nindicators: {}\n',
    )
    text("indicators-list.yaml", "jurisdiction: dushanzi\nyear: 2023\nindicators: [1, 2]\n")
    text("version-2.yaml", "planck: 2\njurisdiction: dushanzi\nyear: 2023\nindicators: {}\n")
    text("null-key.yaml", "jurisdiction: dushanzi\nyear: 2023\nindicators:\n  ~: 1\n  [a]: 2\n")
    # every kind of invalid value of SPEC §2, across two reports
    text(
        "invalid-values-dushanzi.yaml",
        "jurisdiction: dushanzi\nyear: 2023\nindicators:\n"
        "  rd_intensity: 101%\n"  # percentage outside 0-100
        "  fiscal_st_spending: -5\n"  # negative amount
        "  industrial_rd_to_revenue: true\n"  # boolean
        "  industrial_firms_with_rd_share: [18.6]\n"  # list
        "  high_tech_firms_per_10k_firms: .nan\n"  # NaN
        "  high_tech_revenue_share: .inf\n"  # infinity
        "  rd_personnel_per_10k: 十二\n"  # text
        "  tech_contract_value: 5 kg\n"  # a unit that does not convert
        "  invention_patents_per_10k: 010\n",  # leading zero
    )
    text(
        "invalid-values-karamay.yaml",
        "jurisdiction: karamay\nyear: 2023\nindicators:\n"
        "  fiscal_st_share: {value: 2.1, unit: 万元}\n"  # declared unit does not convert
        "  rd_intensity: {value: 1.2%, unit: 亿元}\n"  # own unit disagrees with unit field
        "  tech_smes: 1e400\n"  # out of range
        "  high_tech_firms: -1\n"  # negative count
        "  st_little_giants: {value: 3, previous: abc}\n"  # bad previous
        "  national_key_labs: ''\n"  # empty text
        "  tech_contract_turnover: {unit: 亿元}\n"  # no value: missing
        "  national_key_lab: 1\n",  # unknown indicator: a warning
    )
    notes = {
        "rich": "[bold red]Rich markup[/bold red] [link=https://example.com]x[/link]",
        "textual": "[@click=app.quit]Textual action[/] $variable [b]bold[/b]",
        "ansi": "\x1b[31mred\x1b[0m \x1b[2J cleared",
        "osc": "\x1b]8;;https://evil.example\x07hyperlink\x1b]8;;\x07 \x1b]0;title\x07",
        "html": "<script>alert(1)</script> <b>&amp;</b>",
        "bidi": "\u202eevil\u202c \u2066isolate\u2069 \u200f",
        "long": "长" * 5000,
    }
    lines = ["jurisdiction: dushanzi", "year: 2023", "indicators:"]
    ids = [
        "rd_intensity",
        "fiscal_st_spending",
        "industrial_rd_to_revenue",
        "industrial_firms_with_rd_share",
        "high_tech_firms_per_10k_firms",
        "high_tech_revenue_share",
        "rd_personnel_per_10k",
    ]
    values = ["1.62", "2310万元", "1.02", "18.6", "101", "21.3", "86"]
    for (name, note), key, value in zip(notes.items(), ids, values, strict=True):
        escaped = note.encode("unicode_escape").decode("ascii").replace('"', '\\"')
        lines.append(f'  {key}: {{value: "{value}", note: "{escaped}"}}  # {name}')
    text("notes-hostile.yaml", "\n".join(lines) + "\n")


def csv_cases() -> None:
    header = "jurisdiction,year,indicator,value,unit,note,previous\r\n"
    text("csv-good.csv", header + "dushanzi,2023,rd_intensity,1.62,,,\r\n")
    raw(
        "csv-gbk.csv",
        (
            "地区,年份,指标,数值,单位,备注\r\n独山子区,2023,fiscal_st_spending,2310,万元,含补助\r\n"
        ).encode("gbk"),
    )
    text("csv-missing-columns.csv", "jurisdiction,year,value\r\ndushanzi,2023,1.62\r\n")
    text(
        "csv-extra-columns.csv",
        "jurisdiction,year,indicator,value,source,checked\r\ndushanzi,2023,rd_intensity,1.62,统计局,yes\r\n",
    )
    text("csv-ragged-row.csv", header + "dushanzi,2023,fiscal_st_spending,1,934,万元,,,\r\n")
    text(
        "csv-semicolons.csv",
        "jurisdiction;year;indicator;value\r\ndushanzi;2023;rd_intensity;1,62\r\n",
    )
    text("csv-bad-quote.csv", header + 'dushanzi,2023,rd_intensity,"1.62,,,\r\n')
    text("csv-header-only.csv", header)
    text("csv-no-header.csv", "dushanzi,2023,rd_intensity,1.62\r\n")
    text("csv-empty.csv", "\r\n\r\n")
    text(
        "csv-duplicate-rows.csv",
        header + "dushanzi,2023,rd_intensity,1.62,,,\r\n独山子区,2023,rd_intensity,1.7,,,\r\n",
    )
    text(
        "csv-duplicate-column.csv",
        "jurisdiction,year,indicator,value,数值\r\ndushanzi,2023,rd_intensity,1.62,1.7\r\n",
    )
    text(
        "csv-notes-hostile.csv",
        header
        + 'dushanzi,2023,rd_intensity,1.62,,"\x1b[31m[bold]red[/bold]\x1b]0;t\x07 <i>x</i> \u202eevil",\r\n',
    )


def _xlsx_bytes(rows: list[list[object]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "报告"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _rezip(data: bytes, change: dict[str, bytes]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    parts.update(change)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def xlsx_cases() -> None:
    good = _xlsx_bytes([["地区", "年份", "指标", "数值"], ["独山子区", 2023, "rd_intensity", 1.62]])
    raw("xlsx-good.xlsx", good)
    raw("xlsx-not-a-zip.xlsx", b"jurisdiction,year,indicator,value\n")
    raw("xlsx-truncated.xlsx", good[: len(good) // 2])
    raw("xlsx-ole-xls.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    raw("xlsx-really-a-docx.xlsx", docx.getvalue())
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("readme.txt", "hello")
    raw("xlsx-zip-of-text.xlsx", plain.getvalue())
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    entities = "".join(f'<!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    bomb = sheet.replace(
        "<worksheet", f'<!DOCTYPE worksheet [<!ENTITY e0 "lol">{entities}]><worksheet', 1
    ).replace("rd_intensity", "&e9;")
    raw("xlsx-entity-bomb.xlsx", _rezip(good, {"xl/worksheets/sheet1.xml": bomb.encode()}))
    external = sheet.replace(
        "<worksheet", '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet', 1
    ).replace("rd_intensity", "&x;")
    raw("xlsx-external-entity.xlsx", _rezip(good, {"xl/worksheets/sheet1.xml": external.encode()}))
    far = sheet.replace(
        "</sheetData>",
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row></sheetData>',
    )
    raw("xlsx-cells-far-apart.xlsx", _rezip(good, {"xl/worksheets/sheet1.xml": far.encode()}))
    raw("xlsx-zip-bomb.xlsx", _rezip(good, {"xl/media/zeros.bin": b"\0" * 2_000_000}))
    raw("xlsx-zip-version.xlsx", _patch_central_version(good))
    padded = sheet.replace("<sheetData>", "<sheetData>" + " " * 2_000_000, 1)
    lying = _rezip(good, {"xl/worksheets/sheet1.xml": padded.encode()})
    raw("xlsx-lying-sizes.xlsx", _lie_about_sizes(lying, b"xl/worksheets/sheet1.xml"))


def _patch_central_version(data: bytes) -> bytes:
    """A central directory entry that claims to need zip version 12.8 (found by fuzzing:
    zipfile raises NotImplementedError for it)."""
    buf = bytearray(data)
    start = buf.find(b"PK\x01\x02")
    struct.pack_into("<H", buf, start + 6, 128)
    return bytes(buf)


def _lie_about_sizes(data: bytes, name: bytes) -> bytes:
    """Claim that a big member unpacks to 100 bytes, in both of the zip's headers."""
    buf = bytearray(data)
    for signature, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := buf.find(signature, start)) != -1:
            name_offset = 30 if signature == b"PK\x03\x04" else 46
            if buf[start + name_offset : start + name_offset + len(name)] == name:
                struct.pack_into("<I", buf, start + size_offset, 100)
            start += 4
    return bytes(buf)


def rule_cases() -> None:
    rules = HERE / "rules"
    rules.mkdir(exist_ok=True)
    head = (
        "planck: 1\nid: {id}\ntitle: 测试\ntitle_en: Test\n"
        "jurisdictions:\n  testland: {{name: 测试区, name_en: Testland}}\n"
        "period: [2021, 2025]\nbinding: true\n"
        "source: {{document: 文件, issuer: 机关, number: 1号, date: 2022-01-01, locator: 表1, quote: 原文}}\n"
    )
    rule = (
        "  - {{id: {rid}, name: 指标, name_en: Indicator, unit: '%', kind: at_least, target: {t},\n"
        "      target_year: {ty}, source: {{locator: 表1, quote: 原文}}}}\n"
    )
    (rules / "rules-duplicate-key.yaml").write_text(
        head.format(id="dup") + "binding: false\nrules:\n" + rule.format(rid="a", t=2, ty=2025),
        encoding="utf-8",
    )
    (rules / "rules-bad-schema.yaml").write_text(
        head.format(id="schema")
        + "rules:\n  - {id: a, name: 指标, name_en: I, unit: '%', kind: at_most_or_so, target: 2,\n"
        "     source: {locator: 表1, quote: 原文}}\n",
        encoding="utf-8",
    )
    (rules / "rules-target-year-outside.yaml").write_text(
        head.format(id="outside") + "rules:\n" + rule.format(rid="a", t=2, ty=2030),
        encoding="utf-8",
    )
    (rules / "rules-duplicate-rule-id.yaml").write_text(
        head.format(id="dupid")
        + "rules:\n"
        + rule.format(rid="a", t=2, ty=2025)
        + rule.format(rid="a", t=3, ty=2025),
        encoding="utf-8",
    )
    (rules / "rules-bad-values.yaml").write_text(
        head.format(id="values") + "rules:\n" + rule.format(rid="a", t="'two'", ty=2025),
        encoding="utf-8",
    )
    (rules / "rules-period-reversed.yaml").write_text(
        head.format(id="rev").replace("[2021, 2025]", "[2025, 2021]")
        + "rules:\n"
        + rule.format(rid="a", t=2, ty=2025),
        encoding="utf-8",
    )
    (rules / "rules-infinite-target.yaml").write_text(
        head.format(id="inf") + "rules:\n" + rule.format(rid="a", t="1.0e+400", ty=2025),
        encoding="utf-8",
    )
    (rules / "rules-huge-integer.yaml").write_text(
        head.format(id="huge") + "rules:\n" + rule.format(rid="a", t="9" * 5000, ty=2025),
        encoding="utf-8",
    )
    (rules / "rules-not-a-mapping.yaml").write_text("- just\n- a list\n", encoding="utf-8")


def round2_cases() -> None:
    """Issue 13, round 2: characters YAML refuses (found with their line and column)."""
    report = "jurisdiction: dushanzi\nyear: 2023\nindicators:\n  rd_intensity: 1.62\n"
    text(
        "yaml-raw-escape.yaml", report + '  tech_contract_value: {value: 0.4, note: "a\x1b[2Jb"}\n'
    )
    text("yaml-raw-del.yaml", report + "  # a comment with DEL \x7f in it\n")
    text("yaml-raw-c1.yaml", report.replace("1.62", "1.62 # \x9b31m"))
    text("yaml-raw-fffe.yaml", report + "submitted_by: 科技局\ufffe\n")
    # item 15: small things that were accepted, dropped or misnamed
    text("version-true.yaml", "planck: true\n" + GOOD)
    text("merge-key.yaml", GOOD + "  <<: {tech_contract_value: 0.4}\n")
    text(
        "unit-mapping.yaml",
        GOOD.replace(
            "rd_intensity: 1.62", "rd_intensity: {value: 1.62, unit: {name: '%'}, note: [a, b]}"
        ),
    )
    raw("utf32-bom.yaml", codecs.BOM_UTF32_LE + GOOD.encode("utf-32-le"))
    raw("utf32-no-bom.yaml", GOOD.encode("utf-32-be"))
    good = _xlsx_bytes([["地区", "年份", "指标", "数值"], ["独山子区", 2023, "rd_intensity", 1.62]])
    raw("workbook.xlsm", good)
    raw("workbook-renamed.csv", good)
    # a float column of years, as pandas writes one: the cell's XML holds "2023.0"
    years = _xlsx_bytes(
        [["地区", "年份", "指标", "数值"], ["独山子区", 2023, "rd_intensity", 1.62]]
    )
    with zipfile.ZipFile(io.BytesIO(years)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml")
    assert b"<v>2023</v>" in sheet
    raw(
        "xlsx-year-float.xlsx",
        _rezip(
            years, {"xl/worksheets/sheet1.xml": sheet.replace(b"<v>2023</v>", b"<v>2023.0</v>")}
        ),
    )
    text(
        "csv-year-float.csv",
        "jurisdiction,year,indicator,value\ndushanzi,2023.0,rd_intensity,1.62\n",
    )
    rules = HERE / "rules"
    (rules / "rules-merge-key.yaml").write_text(
        "planck: 1\nid: merge\ntitle: 测试\ntitle_en: Test\n<<: {binding: true}\n",
        encoding="utf-8",
    )
    (rules / "rules-raw-control.yaml").write_text(
        "planck: 1\nid: raw\ntitle: 测试\ntitle_en: Test\x07\n", encoding="utf-8"
    )
    # Issue 13 item 4/5: control characters written as escapes, and an id with a trailing
    # line break; every one passed `planck rules lint`
    head = (
        "planck: 1\nid: {id}\ntitle: 测试\ntitle_en: Test\n"
        "jurisdictions:\n  testland: {{name: {jname}, name_en: Testland, aliases: [{alias}]}}\n"
        "period: [2021, 2025]\nbinding: true\n"
        "source: {{document: 文件, issuer: 机关, number: 1号, date: 2022-01-01, locator: 表1, quote: 原文}}\n"
        "rules:\n"
        "  - {{id: {rid}, name: {name}, name_en: Indicator, unit: {unit}, kind: at_least, target: 2,\n"
        "      target_year: 2025, source: {{locator: 表1, quote: 原文}}}}\n"
    )
    plain = {
        "id": "ctl",
        "jname": "测试区",
        "alias": "测试",
        "rid": "a",
        "name": "指标",
        "unit": "'%'",
    }
    (rules / "rules-unit-escapes.yaml").write_text(
        head.format(**{**plain, "unit": '"kg\\e[41m\\e]0;PWNED\\a"'}), encoding="utf-8"
    )
    (rules / "rules-id-newline.yaml").write_text(
        head.format(**{**plain, "rid": '"place\\n"', "id": '"ctl\\n"'}), encoding="utf-8"
    )
    (rules / "rules-jurisdiction-bidi.yaml").write_text(
        head.format(**{**plain, "jname": '"测试区\\u202e"', "alias": '"别名\\x9b"'}),
        encoding="utf-8",
    )
    (rules / "rules-name-c1.yaml").write_text(
        head.format(**{**plain, "name": '"指标\\x85\\x7f"'}), encoding="utf-8"
    )


if __name__ == "__main__":
    yaml_cases()
    csv_cases()
    xlsx_cases()
    rule_cases()
    round2_cases()
