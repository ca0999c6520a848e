"""GitHub-flavoured Markdown escaping of user text, shared by the Markdown formats and by SARIF's
help.markdown (a module of its own so that SARIF does not load the Markdown renderers)."""

from __future__ import annotations

import re

from planck.textsafe import clean

WORD_JOINER = "\u2060"  # invisible, and no letter, digit or punctuation to any autolinker

# Autolinks and references that GitHub applies to the text *after* Markdown is parsed, where a
# backslash no longer counts: mentions (@name) and email addresses (x@y.z), issue references
# (#12, GH-12), www. links and scheme links (http://…). A word joiner after the character that
# starts each of them breaks the pattern and stays invisible.
_AUTOLINK = re.compile(r"(\\@|\\#|(?i:www)(?=\.)|(?i:gh)(?=-\d)|\\:(?=//))")

# Only what can start markup in the middle of a line: emphasis, code, links, tables,
# strikethrough, mentions, issue references, emoji shortcodes (:x:) and math ($x$).
_PUNCT = re.compile(r"([\\`*_\[\]|~@#:$])")
# What makes a line a list item or a setext heading underline when it starts the line.
_LINE_START = re.compile(r"^(\s*)(?:([-+=])(?=\s|$|=)|(\d+)([.)])(?=\s|$))")


def _line_start(match: re.Match[str]) -> str:
    indent, marker, digits, dot = match.groups()
    if marker:
        return f"{indent}\\{marker}"
    return f"{indent}{digits}\\{dot}"  # a backslash before a digit would show: escape the dot


def esc(text: str) -> str:
    """User text for GitHub Markdown, inline (table cells, list items, paragraphs): no HTML, no
    markup, and no link, mention or issue reference (see _AUTOLINK)."""
    text = clean(text).replace("\t", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _PUNCT.sub(r"\\\1", text)
    text = _AUTOLINK.sub(r"\1" + WORD_JOINER, text)
    lines = [_LINE_START.sub(_line_start, x) for x in text.split("\n")]
    return "<br>".join(x.strip("\r") for x in lines)
