"""How reports name jurisdictions and indicators (SPEC §2), and how text files are decoded."""

from __future__ import annotations

import pytest

from planck.domain.names import name_key, suggest
from planck.errors import InputError
from planck.rulesets import load_builtin
from planck.sources.decode import decode_text
from planck.sources.reports import JurisdictionIndex


@pytest.fixture(scope="module")
def index() -> JurisdictionIndex:
    return JurisdictionIndex(load_builtin())


def test_name_key_ignores_width_space_and_case() -> None:
    assert name_key("技术交易合同金额（亿元）") == name_key("技术交易合同金额 (亿元)")
    assert name_key("Dushanzi  District") == name_key("dushanzi district")
    assert name_key("ｒｄ＿ｉｎｔｅｎｓｉｔｙ") == "rd_intensity"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("dushanzi", "dushanzi"),
        ("独山子区", "dushanzi"),
        ("DUSHANZI DISTRICT", "dushanzi"),
        ("克拉玛依市独山子区", "dushanzi"),
        ("新疆维吾尔自治区克拉玛依市独山子区", "dushanzi"),
        ("新疆维吾尔自治区 克拉玛依市 独山子区", "dushanzi"),
        ("克拉玛依市", "karamay"),
        ("新疆维吾尔自治区克拉玛依市", "karamay"),
        ("Karamay city", "karamay"),
    ],
)
def test_jurisdiction_names_and_aliases(index: JurisdictionIndex, name: str, expected: str) -> None:
    assert index.resolve(name) == expected


def test_unknown_longer_name_suggests_the_place_it_ends_with(index: JurisdictionIndex) -> None:
    assert index.resolve("新疆克拉玛依市独山子区") is None
    assert index.suggest("新疆克拉玛依市独山子区") == "独山子区"
    assert index.suggest("克拉玛依独山子区") == "独山子区"


def test_suggestion_never_names_the_city_for_a_district_name() -> None:
    # 克拉玛依市独山子区 as if it were not an alias: it contains both known names
    known = [("dushanzi", "dushanzi"), ("独山子区", "独山子区"), ("克拉玛依市", "克拉玛依市")]
    assert suggest("克拉玛依市独山子区", known) == "独山子区"
    assert suggest("克拉玛依市独山子区管委会", known) == "克拉玛依市"  # contains, longest first
    assert suggest("dushanz", known) == "dushanzi"
    assert suggest("乌鲁木齐市", known) is None


def test_indicator_names_resolve_per_jurisdiction(index: JurisdictionIndex) -> None:
    dushanzi = index.indicators("dushanzi")
    assert dushanzi.resolve("rd_intensity") == "rd_intensity"
    assert dushanzi.resolve("技术交易合同金额（亿元）") == "tech_contract_value"
    assert dushanzi.resolve("技术交易合同金额") == "tech_contract_value"
    assert dushanzi.resolve("技术合同成交额") is None  # Karamay's indicator, not Dushanzi's
    karamay = index.indicators("karamay")
    assert karamay.resolve("技术合同成交额") == "tech_contract_turnover"
    assert karamay.resolve("当年认定自治区级专精特新企业数（家）") == "specialised_smes"


def test_every_builtin_rule_name_resolves_with_and_without_its_unit(
    index: JurisdictionIndex,
) -> None:
    for ruleset in load_builtin():
        for j in ruleset.jurisdictions:
            names = index.indicators(j.id)
            for rule in ruleset.rules:
                for written in (
                    rule.name,
                    f"{rule.name}（{rule.unit}）",
                    f"{rule.name}({rule.unit})",
                    f" {rule.name} （{rule.unit}） ",
                ):
                    assert names.resolve(written) == rule.id, (ruleset.id, written)


# --- decoding -------------------------------------------------------------------------------

TEXT = "地区,年份,指标,数值\n独山子区,2023,技术交易合同金额（亿元）,0.6\n"


def test_gb18030_with_its_byte_order_mark_is_read() -> None:
    data = b"\x84\x31\x95\x33" + TEXT.encode("gb18030")
    assert decode_text(data, "r.csv") == TEXT


def test_gbk_and_utf8_files_are_still_read() -> None:
    assert decode_text(TEXT.encode("gbk"), "r.csv") == TEXT
    assert decode_text(TEXT.encode("gb18030"), "r.csv") == TEXT
    assert decode_text(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "r.csv") == TEXT


def test_utf8_with_one_stray_byte_is_an_error_at_that_byte() -> None:
    data = TEXT.encode("utf-8").replace(b"0.6", b"0.6\xff")
    with pytest.raises(InputError) as caught:
        decode_text(data, "r.csv")
    error = caught.value
    assert error.location is not None
    # line 2, after 独山子区,2023,技术交易合同金额（亿元）,0.6 (26 characters)
    assert (error.location.line, error.location.column) == (2, 27)
    assert "第 2 行第 27 列的字节不是 UTF-8" in error.message.render("zh")
    assert "line 2, column 27 is not UTF-8" in error.message.render("en")
