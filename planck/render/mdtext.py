"""GitHub-flavoured Markdown escaping of user text, shared by the Markdown formats and by SARIF's
help.markdown (a module of its own so that SARIF does not load the Markdown renderers)."""

from __future__ import annotations

import re

from planck.textsafe import clean

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
    """User text for GitHub Markdown, inline (table cells, list items, paragraphs)."""
    text = clean(text).replace("\t", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _PUNCT.sub(r"\\\1", text)
    lines = [_LINE_START.sub(_line_start, x) for x in text.split("\n")]
    return "<br>".join(x.strip("\r") for x in lines)
