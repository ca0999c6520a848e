"""The catalogue of words (planck.i18n.words): every entry exists in both languages, and every
key the code names is in it, so no output can show a missing or one-language word."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

import planck
from planck.i18n import LANGS, label, word
from planck.i18n.words import WORDS
from planck.model import Kind, Status, status_label

SOURCE = Path(planck.__file__).parent


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(WORDS))
def test_every_entry_has_both_languages_with_the_same_fields(key: str) -> None:
    zh, en = WORDS[key]
    assert zh.strip() and en.strip()
    assert _fields(zh) == _fields(en)


def test_an_unknown_key_is_an_error_not_a_made_up_word() -> None:
    with pytest.raises(KeyError):
        word("status.no_such_status", "zh")
    with pytest.raises(KeyError):
        label("no_such_label", "en")


def test_every_status_and_kind_has_its_words() -> None:
    for lang in LANGS:
        for status in Status:
            assert status_label(status, lang)
            assert word("status_help." + status.value, lang)
        for kind in Kind:
            assert word("kind." + kind.value, lang)
    assert status_label(Status.SUSPECT, "zh") == "数值存疑"
    assert status_label(Status.NEEDS_ACCELERATION, "en") == "needs acceleration"


def test_word_fills_in_a_template() -> None:
    assert word("punct.year", "zh", year=2023) == "2023 年"
    assert word("punct.year", "en", year=2023) == "2023"


# How the code names a whole catalogue key with a literal: the call, and the section it reads.
# (Keys made from a status or kind are checked above, by going through the enums.)
_CALLS = [
    (re.compile(r"""\b(?:doc|self)\.word\(\s*["']([^"']+)["']\s*[,)]"""), "report."),
    (re.compile(r"""(?<![.\w])label\(\s*["']([^"']+)["']\s*[,)]"""), "label."),
    (re.compile(r"""(?<![.\w])tr\(\s*["']([^"']+)["']\s*[,)]"""), "review."),
    (re.compile(r"""\bi18n\.word\(\s*["']([^"']+)["']\s*[,)]"""), ""),
    (re.compile(r"""\bnote_label\(\s*["']([^"']+)["']\s*[,)]"""), "note."),
]
_WORD = re.compile(r"""(?<![.\w])word\(\s*["']([^"']+)["']\s*[,)]""")


def _keys_named_in_the_code() -> list[tuple[str, str]]:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        text = path.read_text("utf-8")
        where = str(path.relative_to(SOURCE))
        for pattern, prefix in _CALLS:
            found += [(where, prefix + key) for key in pattern.findall(text)]
        # document.py's own word() reads the report section; everywhere else a key is whole
        prefix = "report." if path.name == "document.py" and path.parent.name == "render" else ""
        found += [(where, prefix + key) for key in _WORD.findall(text)]
    return found


def test_every_key_named_in_the_code_is_in_the_catalogue() -> None:
    found = _keys_named_in_the_code()
    assert len(found) > 100  # the scan sees the code's calls
    missing = [(where, key) for where, key in found if key not in WORDS]
    assert missing == []
