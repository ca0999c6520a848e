"""planck's command line: its arguments, help texts and examples, in Chinese or English.

Only arguments live here; planck.cli runs the commands. The help is in the language chosen for
the run (``--lang``, else ``$PLANCK_LANG``, else Chinese), like the output it describes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from planck import __version__
from planck.i18n import Lang
from planck.render import REPORTER_BY_NAME

LANGS = ("zh", "en")


def env_lang() -> tuple[Lang, str | None]:
    """The language $PLANCK_LANG asks for, and a warning when it names none planck has."""
    value = os.environ.get("PLANCK_LANG", "")
    if value.strip().lower() in ("", "zh", "en"):
        return ("en" if value.strip().lower() == "en" else "zh"), None
    return "zh", (
        f"planck: PLANCK_LANG={value!r} 不是 zh 或 en，使用 zh / "
        f"PLANCK_LANG={value!r} is neither zh nor en; using zh"
    )


def argv_lang(argv: Sequence[str] | None) -> Lang:
    """The language of this run: --lang anywhere on the command line, else $PLANCK_LANG."""
    words = list(sys.argv[1:] if argv is None else argv)
    for index, word in enumerate(words):
        given = None
        if word == "--lang" and index + 1 < len(words):
            given = words[index + 1]
        elif word.startswith("--lang="):
            given = word.split("=", 1)[1]
        if given in LANGS:
            return "en" if given == "en" else "zh"
    return env_lang()[0]


def _size(text: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    text = text.strip().lower().removesuffix("b").removesuffix("i")
    factor = units.get(text[-1:], 1)
    number = text[:-1] if text[-1:] in units else text
    try:
        value = int(float(number) * factor)
    except (ValueError, OverflowError):  # "abc", "nan"; "inf", "1e400"
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (examples: 1000000, 16M)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("the size limit must be positive")
    return value


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("--jobs must be 1 or more")
    return value


def _format_spec(text: str) -> tuple[str, str | None]:
    """--format NAME or NAME=FILE."""
    name, eq, file = text.partition("=")
    name = name.strip().lower()
    if name not in REPORTER_BY_NAME:
        choices = ", ".join(REPORTER_BY_NAME)
        raise argparse.ArgumentTypeError(f"invalid choice: {name!r} (choose from {choices})")
    if eq and not file:
        raise argparse.ArgumentTypeError(f"--format {name}= needs a file name: {name}=FILE")
    return name, file or None


# The exit codes every command that checks reports ends with (SPEC §4).
_EXIT_CODES = {
    "zh": """退出码：
  0    没有“错误”级结果（--strict 时也没有“警告”）
  1    至少一项“错误”：约束性目标未达标、缺报、数值无效或存疑（--strict 时警告也算）
  2    用法错误，或有输入无法读取（语法错误、重复键、未知地区……）；其余输入照常检查
  130  被 Ctrl-C 中断    143  被 SIGTERM 终止""",
    "en": """exit codes:
  0    no result of severity error (with --strict: no warning either)
  1    at least one error: a missed binding target, a missing, invalid or suspect value
       (with --strict: or a warning)
  2    usage error, or an input that cannot be read (syntax, duplicate keys, unknown
       jurisdiction…); the other inputs are still checked
  130  interrupted (Ctrl-C)    143  terminated (SIGTERM)""",
}

_EXAMPLES = {
    "check": {
        "zh": """示例：
  planck check reports/
  planck check reports/ --strict --lang en
  planck check reports/ --format text --format sarif=planck.sarif --format junit=planck.xml
  planck check - --stdin-name 2024.yaml < 2024.yaml""",
        "en": """examples:
  planck check reports/
  planck check reports/ --strict --lang en
  planck check reports/ --format text --format sarif=planck.sarif --format junit=planck.xml
  planck check - --stdin-name 2024.yaml < 2024.yaml""",
    },
    "report": {
        "zh": """示例：
  planck report reports/
  planck report reports/ --html 监测报告.html --markdown summary.md""",
        "en": """examples:
  planck report reports/
  planck report reports/ --html report.html --markdown summary.md""",
    },
    "review": {
        "zh": "示例：\n  planck review reports/\n  planck review reports/ --rules my-plan.yaml",
        "en": "examples:\n  planck review reports/\n  planck review reports/ --rules my-plan.yaml",
    },
    "rules": {
        "zh": """示例：
  planck rules list
  planck rules show rd_intensity
  planck rules lint my-plan.yaml      （退出码：0 无误，2 有错误）""",
        "en": """examples:
  planck rules list
  planck rules show rd_intensity
  planck rules lint my-plan.yaml      (exit code 0: no problem, 2: errors)""",
    },
    "template": {
        "zh": "示例：\n  planck template dushanzi 2024 -o 2024.yaml\n"
        "  planck template dushanzi 2024 -o 2024.xlsx --from examples/dushanzi\n"
        "退出码：0 已写出，2 未知地区或年份、-o 后缀无法识别，或 --from 的报告无法读取",
        "en": "examples:\n  planck template dushanzi 2024 -o 2024.yaml\n"
        "  planck template dushanzi 2024 -o 2024.xlsx --from examples/dushanzi\n"
        "exit codes: 0 written, 2 unknown jurisdiction or year, an -o suffix of no known "
        "format, or a --from report that cannot be read",
    },
    "completion": {
        "zh": '示例：\n  eval "$(planck completion bash)"\n  planck completion zsh > ~/.zfunc/_planck',
        "en": 'examples:\n  eval "$(planck completion bash)"\n  planck completion zsh > ~/.zfunc/_planck',
    },
}


def _epilog(lang: Lang, command: str, exit_codes: bool = True) -> str:
    text = _EXAMPLES[command][lang]
    return text + ("\n\n" + _EXIT_CODES[lang] if exit_codes else "")


@dataclass(frozen=True)
class _Parts:
    """What every command's parser is built from: the language of the help, and the options
    shared by several commands."""

    lang: Lang
    sub: Any  # argparse's subparsers action: its class is not public
    common: argparse.ArgumentParser
    rules_opt: argparse.ArgumentParser
    size_help: str

    def t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en


def build_parser(lang: Lang = "zh") -> argparse.ArgumentParser:
    """The parser of `planck`, its help in ``lang``."""

    def t(zh: str, en: str) -> str:
        return zh if lang == "zh" else en

    # Options that may stand before the command (`planck --lang en check …`) or after it; after
    # it, they leave the value given before alone unless they are given again.
    lang_help = t(
        "输出与帮助的语言（默认 zh，或 $PLANCK_LANG）",
        "language of output and help (default zh, or $PLANCK_LANG)",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=lang_help)
    rules_help = t(
        "内置规则集之外的规则集文件或文件夹（可重复）",
        "another rule set file or folder, besides the built-in ones (repeatable)",
    )
    rules_opt = argparse.ArgumentParser(add_help=False)
    rules_opt.add_argument(
        "--rules", action="append", default=argparse.SUPPRESS, metavar="PATH", help=rules_help
    )

    parser = argparse.ArgumentParser(
        prog="planck",
        description=t(
            "对照中国地方五年规划的指标目标，检查年度报告。",
            "Check annual reports against the targets of Chinese local five-year plans.",
        ),
        epilog=t(
            "每个命令的帮助：planck 命令 --help（如 planck check --help）",
            "help on a command: planck COMMAND --help (e.g. planck check --help)",
        )
        + "\n\n"
        + _EXIT_CODES[lang],
        formatter_class=_RAW,
    )
    parser.add_argument("--version", action="version", version=f"planck {__version__}")
    parser.add_argument("--lang", choices=LANGS, default=argv_lang([]), help=lang_help)
    parser.add_argument("--rules", action="append", default=[], metavar="PATH", help=rules_help)
    parts = _Parts(
        lang=lang,
        sub=parser.add_subparsers(dest="command", metavar=t("命令", "COMMAND")),
        common=common,
        rules_opt=rules_opt,
        size_help=t(
            "拒绝大于此大小的报告文件（默认 16M）",
            "refuse report files larger than this (default 16M)",
        ),
    )
    for add in (_add_check, _add_report, _add_rules, _add_review, _add_template, _add_completion):
        add(parts)
    return parser


_RAW = argparse.RawDescriptionHelpFormatter


def _add_check(p: _Parts) -> None:
    check = p.sub.add_parser(
        "check",
        parents=[p.common, p.rules_opt],
        help=p.t(
            "检查报告文件与文件夹；退出码 0、1（有问题）或 2（输入错误）",
            "check report files and folders; exit 0, 1 (findings) or 2 (input errors)",
        ),
        description=p.t(
            "按覆盖其地区与年份的每个规则集检查年度报告（.yaml .yml .json .csv .xlsx）。",
            "Check annual reports (.yaml .yml .json .csv .xlsx) against every rule set "
            "that covers their jurisdiction and year.",
        ),
        epilog=_epilog(p.lang, "check"),
        formatter_class=_RAW,
    )
    check.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=p.t(
            "报告文件或文件夹；- 表示从标准输入读一份报告",
            "report files or folders; - reads one report from stdin",
        ),
    )
    check.add_argument(
        "--stdin-name",
        metavar="NAME",
        default="stdin.yaml",
        help=p.t(
            "从标准输入读取的报告在消息中的文件名；其后缀决定格式（默认 stdin.yaml）",
            "the file name of the report read from stdin, in messages; its suffix gives the "
            "format (default stdin.yaml)",
        ),
    )
    check.add_argument(
        "--with-series",
        action="store_true",
        help=p.t(
            "同一文件夹中的其他报告也读入，作为时间序列（只判断所给的报告）；供 pre-commit 只传改动文件时使用",
            "read the other reports in each given report's folder as its time series (only the "
            "reports given are judged): for pre-commit, which passes the changed files only",
        ),
    )
    _add_check_output(p, check)


def _add_check_output(p: _Parts, check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "--strict", action="store_true", help=p.t("警告也算不通过", "warnings fail the check too")
    )
    check.add_argument(
        "--format",
        "-f",
        type=_format_spec,
        action="append",
        default=[],
        metavar="FORMAT[=FILE]",
        help=p.t(
            "输出格式：" + "、".join(REPORTER_BY_NAME) + "（默认 text）。可重复：不带 =FILE 的"
            "打印出来，其余写入各自的文件",
            "output format: " + ", ".join(REPORTER_BY_NAME) + " (default text). Repeatable: "
            "the one without =FILE is printed, the others are written to their files",
        ),
    )
    check.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help=p.t(
            "把打印的格式写入 FILE（原子写入）",
            "write the printed format to FILE instead (atomically)",
        ),
    )
    check.add_argument(
        "--markdown-full",
        action="store_true",
        help=p.t(
            "Markdown 不截短（默认不超过 PR 评论的 65,536 字符上限）",
            "Markdown in full (by default it stays within a pull-request comment's 65,536 "
            "characters)",
        ),
    )
    check.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=None,
        metavar="N",
        help=p.t(
            "--format json 检查大量文件时的工作进程数（默认每核一个；1 = 全在本进程）；结果与 N 无关",
            "worker processes for --format json on many files (default: one per core; "
            "1 = all in this process). The output is the same whatever N",
        ),
    )
    check.add_argument(
        "--max-file-size", type=_size, default=None, metavar="BYTES", help=p.size_help
    )


def _add_report(p: _Parts) -> None:
    report = p.sub.add_parser(
        "report",
        parents=[p.common, p.rules_opt],
        help=p.t(
            "供阅读和打印的报告：终端，或 --html/--docx/--xlsx/--svg/--markdown/--text 文件",
            "a report to read and print: terminal, or --html/--docx/--xlsx/--svg/--markdown/--text"
            " files",
        ),
        description=p.t(
            "像 planck check 一样检查，写成供人阅读的报告：结论、每份报告的指标表与进度、每个未达标"
            "指标的说明、出处与原文。不指定文件时打印到终端。",
            "Check annual reports like `planck check` and write a report for people: the "
            "verdict, a table per report with progress toward each target, a paragraph for "
            "every indicator not met, and the sources with their quotes. With no file option "
            "it is printed to the terminal.",
        ),
        epilog=_epilog(p.lang, "report"),
        formatter_class=_RAW,
    )
    report.add_argument(
        "paths", nargs="+", metavar="PATH", help=p.t("报告文件或文件夹", "report files or folders")
    )
    for name, zh, en in (
        ("html", "独立的 HTML 网页", "a standalone HTML page"),
        ("svg", "SVG 图片", "an SVG image"),
        ("markdown", "Markdown（用于 PR 评论）", "Markdown (for a pull-request comment)"),
        ("text", "纯文本", "plain text"),
        ("docx", "Word 文档（年度监测报告）", "a Word document (the annual monitoring report)"),
        ("xlsx", "Excel 工作簿（完成情况表）", "an Excel workbook of the results"),
    ):
        report.add_argument(
            f"--{name}", metavar="FILE", help=p.t(f"把{zh}写入 FILE", f"write {en} to FILE")
        )
    report.add_argument(
        "--strict", action="store_true", help=p.t("警告也算不通过", "warnings fail the check too")
    )
    report.add_argument(
        "--max-file-size", type=_size, default=None, metavar="BYTES", help=p.size_help
    )


def _add_rules(p: _Parts) -> None:
    rules = p.sub.add_parser(
        "rules",
        parents=[p.common],
        help=p.t("列出、显示和检查规则集", "list, show and lint rule sets"),
        epilog=_epilog(p.lang, "rules", exit_codes=False),
        formatter_class=_RAW,
    )
    rules_sub = rules.add_subparsers(dest="rules_command", metavar=p.t("子命令", "SUBCOMMAND"))
    rules_sub.add_parser(
        "list",
        parents=[p.common, p.rules_opt],
        help=p.t("列出规则集及其规则", "list rule sets and their rules"),
    )
    show = rules_sub.add_parser(
        "show",
        parents=[p.common, p.rules_opt],
        help=p.t("显示一条规则及其出处和原文", "show a rule with its provenance and quote"),
    )
    show.add_argument(
        "rule_id",
        metavar="RULE_ID",
        help=p.t("规则 id；有重名时写 规则集/规则", "rule id, or RULESET/RULE when ambiguous"),
    )
    lint = rules_sub.add_parser(
        "lint",
        parents=[p.common],
        help=p.t(
            "检查规则集文件（退出码 0 无误，2 有错误）",
            "check rule set files (exit 0: fine, 2: errors)",
        ),
    )
    lint.add_argument("paths", nargs="+", metavar="PATH")
    rules_sub.add_parser(
        "schema", help=p.t("打印规则集的 JSON Schema", "print the rule-set JSON Schema")
    )


def _add_review(p: _Parts) -> None:
    review = p.sub.add_parser(
        "review",
        parents=[p.common, p.rules_opt],
        help=p.t(
            "在终端中浏览结果、查看每条规则的详情，文件改动时自动刷新",
            "browse the results in the terminal, drill into a rule, watch the files change",
        ),
        description=p.t(
            "交互式审阅年度报告：每份报告的每条规则、结果背后的详情，文件改动时实时刷新。",
            "Review annual reports interactively: every rule of every report, the details "
            "behind each result, and a live refresh when a file changes.",
        ),
        epilog=_epilog(p.lang, "review"),
        formatter_class=_RAW,
    )
    review.add_argument(
        "paths", nargs="+", metavar="PATH", help=p.t("报告文件或文件夹", "report files or folders")
    )


def _add_template(p: _Parts) -> None:
    template = p.sub.add_parser(
        "template",
        parents=[p.common, p.rules_opt],
        help=p.t(
            "写出待填写的空白报告：YAML，或给书记员的 Excel/CSV 填报表",
            "write a blank report to fill in: YAML, or an Excel/CSV form for a clerk",
        ),
        description=p.t(
            "写出某地区某年度的空白报告，列出覆盖它的每个规则集的每项指标。\n"
            "-o 的后缀决定格式：.yaml/.yml（带注释的 YAML）、\n"
            ".xlsx（含“填报表”与“填报说明”两个工作表的 Excel 填报表）、\n"
            ".csv（同“填报表”各列，UTF-8 带 BOM）；不给 -o 时把 YAML 打印到标准输出。",
            "Write a blank report for a jurisdiction and year, with every indicator of every\n"
            "rule set that covers it. The suffix of -o gives the format: .yaml/.yml (YAML with\n"
            "comments), .xlsx (an Excel form: a sheet to fill in, 填报表, and one of\n"
            "instructions, 填报说明), .csv (the columns of 填报表, UTF-8 with a BOM); without -o\n"
            "the YAML is printed.",
        ),
        epilog=_epilog(p.lang, "template", exit_codes=False),
        formatter_class=_RAW,
    )
    template.add_argument("jurisdiction", metavar="JURISDICTION")
    template.add_argument("year", type=int, metavar="YEAR")
    template.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help=p.t(
            "写入 FILE 而不是标准输出；格式按后缀：.yaml .yml .xlsx .csv",
            "write to FILE instead of stdout; the format follows its suffix: .yaml .yml .xlsx .csv",
        ),
    )
    template.add_argument(
        "--from",
        dest="from_paths",
        nargs="+",
        action="extend",
        default=[],
        metavar="PATH",
        help=p.t(
            "从这些报告文件或文件夹（与 planck check 的读法相同）预填“上年值”（YEAR-1 年的数值）；"
            "可重复",
            "prefill the previous-year values (上年值, for YEAR-1) from these report files or "
            "folders, read as planck check reads them; repeatable",
        ),
    )


def _add_completion(p: _Parts) -> None:
    completion = p.sub.add_parser(
        "completion",
        parents=[p.common],
        help=p.t("打印 bash 或 zsh 的命令补全脚本", "print a bash or zsh completion script"),
        epilog=_epilog(p.lang, "completion", exit_codes=False),
        formatter_class=_RAW,
    )
    completion.add_argument("shell", choices=("bash", "zsh"))
