"""Rule sets: the built-in ones are faithful to their sources; users can list, show and lint."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from planck.rulesets import builtin_rules_dir, load_builtin
from planck.rulesets.loader import load_ruleset_file
from tests.conftest import ROOT, SHARED, run_cli

SEEDS = SHARED / "seeds"


def squash(text: str) -> str:
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\s+", " ", text).strip()


def test_builtin_rule_sets_are_the_two_of_the_spec() -> None:
    rulesets = {rs.id: rs for rs in load_builtin()}
    assert set(rulesets) == {"dushanzi-14th-fyp", "karamay-st-2025"}
    dushanzi = rulesets["dushanzi-14th-fyp"]
    assert dushanzi.binding and dushanzi.period == (2021, 2025)
    assert [r.id for r in dushanzi.rules] == [
        "rd_intensity",
        "fiscal_st_spending",
        "industrial_rd_to_revenue",
        "industrial_firms_with_rd_share",
        "high_tech_firms_per_10k_firms",
        "high_tech_revenue_share",
        "rd_personnel_per_10k",
        "tech_contract_value",
        "invention_patents_per_10k",
    ]
    targets = {r.id: (r.kind.value, r.target, r.unit) for r in dushanzi.rules}
    assert targets["rd_intensity"] == ("at_least", 2, "%")
    assert targets["fiscal_st_spending"] == ("non_decreasing", None, "万元")
    assert targets["tech_contract_value"] == ("at_least", 0.5, "亿元")
    assert dushanzi.rule("invention_patents_per_10k").baseline is None  # 36 件 is a note
    assert dushanzi.rule("rd_intensity").baseline.value == 1.28  # type: ignore[union-attr]
    karamay = rulesets["karamay-st-2025"]
    assert not karamay.binding
    assert all(not r.binding for r in karamay.rules)
    assert karamay.rule("regional_key_labs").kind.value == "qualitative"  # type: ignore[union-attr]
    assert karamay.rule("st_little_giants").target == 20  # type: ignore[union-attr]


def test_every_rule_has_full_provenance() -> None:
    for ruleset in load_builtin():
        for rule in ruleset.rules:
            s = rule.source
            assert s.document and s.issuer and s.date and s.locator and s.quote, rule.id
            assert rule.name and rule.name_en and rule.unit


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")
def test_every_quote_is_verbatim_from_a_seed_document() -> None:
    seeds = [squash(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    for ruleset in load_builtin():
        for rule in ruleset.rules:
            sources = [rule.source, *rule.see_also]
            if rule.baseline and rule.baseline.source:
                sources.append(rule.baseline.source)
            for source in sources:
                if source.quote:
                    quote = squash(source.quote)
                    assert any(quote in seed for seed in seeds), f"{rule.id}: {quote}"


def test_builtin_rule_sets_are_found_from_any_directory(tmp_path: Path) -> None:
    result = run_cli("rules", "list", cwd=tmp_path)
    assert result.code == 0
    assert "dushanzi-14th-fyp" in result.out and "karamay-st-2025" in result.out


def test_rules_show_gives_provenance_and_quote() -> None:
    result = run_cli("rules", "show", "dushanzi-14th-fyp/fiscal_st_spending")
    assert result.code == 0
    assert "克独政发〔2022〕19号" in result.out
    assert "只增不减" in result.out
    assert "表1" in result.out
    assert "1934" in result.out


def test_rules_show_an_id_in_two_rule_sets_shows_both() -> None:
    result = run_cli("rules", "show", "rd_intensity")
    assert result.code == 0
    assert "dushanzi-14th-fyp / rd_intensity" in result.out
    assert "karamay-st-2025 / rd_intensity" in result.out


def test_rules_show_unknown_suggests() -> None:
    result = run_cli("rules", "show", "rd_intensty", "--lang", "en")
    assert result.code == 2
    assert "rd_intensity" in result.err


def test_builtin_rule_sets_pass_lint() -> None:
    result = run_cli("rules", "lint", str(builtin_rules_dir()))
    assert result.code == 0, result.err
    assert result.out.count("✓") == 2


def test_rules_schema_is_valid_json_schema() -> None:
    import json

    from jsonschema import Draft202012Validator

    result = run_cli("rules", "schema")
    Draft202012Validator.check_schema(json.loads(result.out))


def base_ruleset() -> dict:  # type: ignore[type-arg]
    path = builtin_rules_dir() / "dushanzi-14th-fyp.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["id"] = "test-plan"
    return data  # type: ignore[no-any-return]


def lint(tmp_path: Path, text: str) -> tuple[int, str]:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("rules", "lint", str(path), "--lang", "en")
    return result.code, result.err


def dump(data: dict) -> str:  # type: ignore[type-arg]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_lint_accepts_a_user_rule_set(tmp_path: Path) -> None:
    assert lint(tmp_path, dump(base_ruleset()))[0] == 0


def test_lint_duplicate_rule_ids(tmp_path: Path) -> None:
    data = base_ruleset()
    data["rules"][3]["id"] = "rd_intensity"
    code, err = lint(tmp_path, dump(data))
    assert code == 2
    assert re.search(
        r"plan\.yaml:\d+:\d+: duplicate rule id 'rd_intensity' \(lines \d+ and \d+\)", err
    )


def test_lint_target_year_outside_period(tmp_path: Path) -> None:
    data = base_ruleset()
    data["rules"][0]["target_year"] = 2030
    code, err = lint(tmp_path, dump(data))
    assert code == 2 and "target year 2030 is outside the period 2021–2025" in err
    line = int(re.search(r"plan\.yaml:(\d+):", err).group(1))  # type: ignore[union-attr]
    assert (
        "target_year" in (tmp_path / "plan.yaml").read_text(encoding="utf-8").splitlines()[line - 1]
    )


def test_lint_baseline_after_target_year(tmp_path: Path) -> None:
    data = base_ruleset()
    data["rules"][0]["baseline"] = {"year": 2025, "value": 1.0}
    code, err = lint(tmp_path, dump(data))
    assert code == 2 and "baseline year 2025 is not before the target year 2025" in err


def test_lint_schema_error_names_the_place(tmp_path: Path) -> None:
    data = base_ruleset()
    data["rules"][1]["kind"] = "at_leest"
    code, err = lint(tmp_path, dump(data))
    assert code == 2
    assert "rules/1/kind" in err and "at_leest" in err
    line = int(re.search(r"plan\.yaml:(\d+):", err).group(1))  # type: ignore[union-attr]
    assert "at_leest" in (tmp_path / "plan.yaml").read_text(encoding="utf-8").splitlines()[line - 1]


def test_lint_missing_target(tmp_path: Path) -> None:
    data = base_ruleset()
    del data["rules"][0]["target"]
    code, err = lint(tmp_path, dump(data))
    assert code == 2 and "the required key 'target' is missing" in err


def test_lint_duplicate_keys(tmp_path: Path) -> None:
    text = dump(base_ruleset()).replace("binding: true\n", "binding: true\nbinding: false\n", 1)
    code, err = lint(tmp_path, text)
    assert code == 2 and "duplicate key 'binding'" in err


def test_user_rule_set_with_the_same_id_as_a_builtin_is_an_input_error(tmp_path: Path) -> None:
    data = base_ruleset()
    data["id"] = "dushanzi-14th-fyp"
    (tmp_path / "plan.yaml").write_text(dump(data), encoding="utf-8")
    result = run_cli("check", "--rules", str(tmp_path), "examples/dushanzi", "--lang", "en")
    assert result.code == 2 and "already used" in result.err


def test_check_with_a_user_rule_set_for_another_place(tmp_path: Path) -> None:
    data = base_ruleset()
    data["jurisdictions"] = {"elsewhere": {"name": "某区", "name_en": "Elsewhere"}}
    data["rules"] = [r for r in data["rules"] if r["id"] == "rd_intensity"]
    (tmp_path / "plan.yaml").write_text(dump(data), encoding="utf-8")
    report = tmp_path / "reports" / "2023.yaml"
    report.parent.mkdir()
    report.write_text(
        "jurisdiction: 某区\nyear: 2023\nindicators:\n  rd_intensity: 2.5\n", encoding="utf-8"
    )
    result = run_cli(
        "check", "--rules", str(tmp_path / "plan.yaml"), str(report), "--format", "json"
    )
    assert result.code == 0, result.err
    assert '"status": "met"' in result.out


def test_template_lists_every_indicator_and_fills_in_to_a_valid_report(tmp_path: Path) -> None:
    result = run_cli("template", "dushanzi", "2025")
    assert result.code == 0
    ruleset = load_ruleset_file(builtin_rules_dir() / "dushanzi-14th-fyp.yaml", "x")
    for rule in ruleset.rules:
        assert f"  {rule.id}:" in result.out
        assert rule.name in result.out
    path = tmp_path / "2025.yaml"
    path.write_text(result.out, encoding="utf-8")
    checked = run_cli("check", str(path), "--format", "json")
    assert checked.code == 1  # every value missing
    assert '"missing": 9' in checked.out
    assert checked.err == ""


def test_template_unknown_jurisdiction() -> None:
    result = run_cli("template", "atlantis", "2023", "--lang", "en")
    assert result.code == 2 and "unknown jurisdiction" in result.err


def test_wheel_ships_the_rule_sets(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    import subprocess
    import sys
    import zipfile

    proc = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        pytest.skip(f"hatchling could not build here: {proc.stderr[-300:]}")
    wheel = next(tmp_path.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "planck/rules/dushanzi-14th-fyp.yaml" in names
    assert "planck/rules/karamay-st-2025.yaml" in names
    assert "planck/rulesets/ruleset.schema.json" in names


def test_karamay_firm_counts_of_the_year_from_seed_001() -> None:
    karamay = {rs.id: rs for rs in load_builtin()}["karamay-st-2025"]
    for rule_id, name, quote in (
        ("specialised_smes", "当年认定自治区级专精特新企业数", "认定自治区级专精特新企业10家"),
        ("small_to_scale_firms", "当年培育小升规企业数", "培育小升规企业10家"),
    ):
        rule = karamay.rule(rule_id)
        assert rule is not None
        assert (rule.name, rule.unit, rule.kind.value, rule.target, rule.target_year) == (
            name,
            "家",
            "at_least",
            10,
            2025,
        )
        assert not rule.binding and rule.baseline is None
        assert quote in rule.source.quote and rule.source.date == "2025-04-21"
        assert any("不是累计存量" in n or "不是规模以上企业的存量" in n for n in rule.notes)
        assert any("not the stock" in n for n in rule.notes)


def test_builtin_jurisdictions_list_their_official_full_names() -> None:
    names = {j.id: j.aliases for rs in load_builtin() for j in rs.jurisdictions}
    assert names["dushanzi"] == ("克拉玛依市独山子区", "新疆维吾尔自治区克拉玛依市独山子区")
    assert names["karamay"] == ("新疆维吾尔自治区克拉玛依市",)


def test_lint_reports_every_error_of_a_file_in_one_run(tmp_path: Path) -> None:
    data = base_ruleset()
    data["titel_en"] = data.pop("title_en")
    data["rules"][0]["kind"] = "at_lest"
    data["rules"][1]["unitt"] = "万元"
    del data["rules"][2]["name_en"]
    text = dump(data)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()

    def at(fragment: str) -> str:
        number = next(i for i, line in enumerate(lines, 1) if fragment in line)
        column = lines[number - 1].index(fragment.strip()) + 1
        return f"plan.yaml:{number}:{column}: "

    zh = run_cli("rules", "lint", str(path), "--lang", "zh")
    en = run_cli("rules", "lint", str(path), "--lang", "en")
    assert zh.code == en.code == 2
    assert (
        at("titel_en:") + "规则集格式错误（顶层）：未知的键“titel_en”（是否应为“title_en”？）"
        in zh.err
    )
    assert (
        at("titel_en:") + "rule set does not match the format (top level): unknown key "
        "'titel_en' (did you mean 'title_en'?)" in en.err
    )
    assert at("unitt:") + "规则集格式错误（rules/1）：未知的键“unitt”（是否应为“unit”？）" in zh.err
    assert "'at_lest' 不是可选值之一（是否应为“at_least”？）" in zh.err
    assert "the required key 'name_en' is missing" in en.err
    assert "缺少必需的键“title_en”" in zh.err
    assert "缺少必需的键“name_en”" in zh.err
    # every problem on its own line, in the order of the file
    reported = [line for line in zh.err.splitlines() if line.startswith("错误 ")]
    assert len(reported) >= 5
    numbers = [int(line.split("plan.yaml:")[1].split(":")[0]) for line in reported]
    assert numbers == sorted(numbers)


def test_lint_reports_every_semantic_error_at_once(tmp_path: Path) -> None:
    data = base_ruleset()
    data["rules"][0]["target_year"] = 2030
    data["rules"][1]["id"] = data["rules"][2]["id"]
    code, err = lint(tmp_path, dump(data))
    assert code == 2
    assert "target year 2030 is outside the period 2021–2025" in err
    assert f"duplicate rule id '{data['rules'][2]['id']}'" in err


def test_lint_refuses_a_name_that_names_two_rules(tmp_path: Path) -> None:
    data = base_ruleset()
    data["rules"][1]["aliases"] = [data["rules"][0]["name"] + "（%）"]
    code, err = lint(tmp_path, dump(data))
    assert code == 2
    assert "names both rule 'rd_intensity' and rule 'fiscal_st_spending'" in err


def test_lint_accepts_aliases(tmp_path: Path) -> None:
    data = base_ruleset()
    data["rules"][0]["aliases"] = ["研发投入强度"]
    data["jurisdictions"]["dushanzi"]["aliases"] = ["独山子"]
    code, err = lint(tmp_path, dump(data))
    assert code == 0, err


def test_template_explains_verified_and_accepts_full_names(tmp_path: Path) -> None:
    result = run_cli("template", "新疆维吾尔自治区克拉玛依市独山子区", "2024")
    assert result.code == 0, result.err
    assert "jurisdiction: dushanzi" in result.out
    assert "核实说明 verified" in result.out and "数值存疑" in result.out
    assert "suspect" in result.out and "verified: how it was confirmed" in result.out
    # the example it gives is a report a clerk can write
    path = tmp_path / "r.yaml"
    path.write_text(
        "jurisdiction: dushanzi\nyear: 2024\nindicators:\n"
        "  tech_contract_value: {value: 4600, verified: 已核实}\n",
        encoding="utf-8",
    )
    checked = json.loads(run_cli("check", str(path), "--format", "json").out)
    assert checked["errors"] == [] and checked["warnings"] == []  # verified is a known key
